import { SCENARIO_NAMES } from '../../fixtures/scenarios';
import { expect, test } from '../fixtures/test';
import { SignInPage } from '../pages/SignInPage';

test('a reviewer moves between the dashboard, the approval queue and observability', async ({ dashboard, approvals, observability }) => {
  await dashboard.goto();
  await expect(dashboard.heading).toBeVisible();
  await expect(dashboard.task('Reconcile invoices').root).toBeVisible();
  await dashboard.shell.open('Approvals');
  await expect(approvals.heading).toBeVisible();
  await expect(approvals.card('Refund order #4471').approveButton).toBeEnabled();
  await dashboard.shell.open('Observability');
  await expect(observability.heading).toBeVisible();
  await expect(observability.healthStatus('media-engine')).toHaveText('Healthy');
});

test('signing out ends the session: the sign-in page opens, and neither a reload nor an address brings the console back', async ({ dashboard, page }) => {
  await dashboard.goto();
  await expect(dashboard.task('Reconcile invoices').root).toBeVisible();
  await dashboard.shell.signOutButton.click();
  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await expect(dashboard.shell.navigation).toHaveCount(0);
  await page.reload();
  await expect(signIn.heading).toBeVisible();
  await dashboard.goto();
  await expect(signIn.heading).toBeVisible();
  await expect(dashboard.heading).toHaveCount(0);
});

test.describe('as a viewer', () => {
  test.use({ role: 'viewer' });

  test('a viewer sees the approval queue read-only', async ({ approvals }) => {
    await approvals.goto();
    const card = approvals.card('Refund order #4471');
    await expect(card.root).toContainText('only reviewers can decide it');
    await expect(card.approveButton).toHaveCount(0);
  });
});

test('an unknown scenario in the URL says which ones exist and shows the happy one', async ({ dashboard }) => {
  await dashboard.goto('?scenario=sunny');
  await expect(dashboard.shell.mockBanner).toHaveText(`Unknown scenario "sunny". Use one of: ${SCENARIO_NAMES.join(', ')}. Showing "happy".`);
  await expect(dashboard.task('Reconcile invoices').root).toBeVisible();
});

test('a refused session sends the user back to sign in with the reason', async ({ page, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 401/);
  await mocks.useScenario('unauthorized');
  await page.goto('/dashboard');
  const signIn = new SignInPage(page);
  await expect(signIn.heading).toBeVisible();
  await expect(signIn.notice).toHaveText('Your session has ended. Sign in again.');
});

test('every widget offers a retry when the server fails', async ({ dashboard, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 500/);
  await mocks.useScenario('server-error');
  await dashboard.goto();
  for (const widget of [dashboard.tasks, dashboard.projectStatus, dashboard.metrics, dashboard.alerts]) {
    await expect(widget.error).toContainText('The server failed (HTTP 500)');
    await expect(widget.retryButton).toBeEnabled();
  }
});
