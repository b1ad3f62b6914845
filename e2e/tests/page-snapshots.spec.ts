import { FIXED_NOW } from '../../fixtures/clock';
import { expect, test } from '../fixtures/test';
import { SignInPage } from '../pages/SignInPage';

// Whole pages at real sizes (visual/page-snapshot.ts): each snapshot is taken in light and dark at
// 1400 × 900 and 390 × 844, with the page's clock pinned to the fixtures' "now" so every time a
// page shows is the same in every run. In-page transport only (the page's own mock worker): this
// file is not one of the network project's specs.

const TASK = 'Summarise support tickets';
const REFUND = 'Refund order #4471';
const AUDIT_TABLE = '[aria-label="Audit events table"]';

// The page's Date reads a fixed time while its timers keep running: a time, an age or a rate
// computed from two readings is the same in every run.
test.beforeEach(async ({ page }) => {
  await page.clock.install({ time: FIXED_NOW });
  await page.clock.setFixedTime(FIXED_NOW);
});

test.describe('signed out', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('the sign-in page', async ({ page, visual }) => {
    const signIn = new SignInPage(page);
    await signIn.goto();
    await expect(signIn.heading).toBeVisible();
    await visual.snapshot(page, 'sign-in');
  });
});

test.describe('dashboard', () => {
  test('loaded', async ({ dashboard, page, visual }) => {
    await dashboard.goto();
    for (const widget of [dashboard.tasks, dashboard.projectStatus, dashboard.metrics, dashboard.alerts])
      await expect(widget.root).toHaveAttribute('data-status', 'loaded');
    await visual.snapshot(page, 'dashboard-loaded');
  });

  test('a task running, at 40% of its stream', async ({ dashboard, mocks, page, visual }) => {
    await dashboard.goto();
    const task = dashboard.task(TASK);
    await task.start();
    await expect(mocks).toHaveLiveConnections({ task: 'task-001', open: 1 });
    await mocks.progress('task-001', { action: 'emit', progress: 40 });
    await expect(task).toHaveProgress(40);
    await visual.snapshot(page, 'dashboard-task-running');
  });

  test('empty', async ({ dashboard, mocks, page, visual }) => {
    await mocks.useScenario('empty');
    await dashboard.goto();
    await expect(dashboard.tasks.root).toHaveAttribute('data-status', 'loaded');
    await visual.snapshot(page, 'dashboard-empty');
  });

  test('every widget failing', async ({ dashboard, mocks, page, visual, consoleGuard }) => {
    consoleGuard.allow(/status of 500/);
    await mocks.useScenario('server-error');
    await dashboard.goto();
    for (const widget of [dashboard.tasks, dashboard.projectStatus, dashboard.metrics, dashboard.alerts]) await expect(widget.retryButton).toBeEnabled();
    await visual.snapshot(page, 'dashboard-server-error');
  });
});

test.describe('approvals', () => {
  test('cards waiting for review', async ({ approvals, page, visual }) => {
    await approvals.goto();
    await expect(approvals.card(REFUND).approveButton).toBeEnabled();
    await visual.snapshot(page, 'approvals-pending');
  });

  test('a card approved', async ({ approvals, page, visual }) => {
    await approvals.goto();
    const card = approvals.card(REFUND);
    await card.approve();
    await expect(card).toBeDecided('approved');
    await visual.snapshot(page, 'approvals-approved');
  });

  test('a card rejected with a reason', async ({ approvals, page, visual }) => {
    await approvals.goto();
    const card = approvals.card(REFUND);
    await card.reject('The order was already refunded by support.');
    await expect(card).toBeDecided('rejected');
    await visual.snapshot(page, 'approvals-rejected');
  });

  test('a decision the server refused', async ({ approvals, mocks, page, visual, consoleGuard }) => {
    consoleGuard.allow(/status of 503/);
    const card = await approvals.openCard(REFUND);
    await mocks.fail({ method: 'POST', path: '/api/approvals/approval-001/decision', status: 503 });
    await card.approve();
    await expect(card.retryDecision).toBeVisible();
    await visual.snapshot(page, 'approvals-decision-failed');
  });

  test('nothing to review', async ({ approvals, mocks, page, visual }) => {
    await mocks.useScenario('empty');
    await approvals.goto();
    await expect(approvals.pendingCount).toBeVisible();
    await visual.snapshot(page, 'approvals-empty');
  });
});

test.describe('observability', () => {
  test('loaded', async ({ observability, page, visual }) => {
    await observability.goto();
    await observability.settled();
    await expect(observability.chart('delivery-gateway', 'Active tasks').getByRole('img')).toHaveAccessibleName(/; 1 refreshes$/);
    await expect(observability.auditRows).toHaveCount(20);
    // The audit log scrolls within its card: captured whole.
    await visual.snapshot(page, 'observability-loaded', { fullScroll: [AUDIT_TABLE] });
  });

  // The incident scenario's later stages arrive with refreshes, which need the page's clock to run;
  // a service going down arrives on the live channel at once, at the fixed time.
  test('a service gone unhealthy, its alert pending', async ({ observability, mocks, page, visual, consoleGuard }) => {
    consoleGuard.allow(/status of 503/);
    await mocks.useScenario('incident');
    await observability.goto();
    await observability.settled();
    await mocks.service('media-engine', { health: 'unhealthy' });
    await expect(observability.healthStatus('media-engine')).toHaveText('Unhealthy');
    await expect(observability.alertIn('ServiceUnhealthy', 'media-engine', 'pending')).toBeVisible();
    await observability.settled();
    await visual.snapshot(page, 'observability-incident');
  });

  test('empty', async ({ observability, mocks, page, visual }) => {
    await mocks.useScenario('empty');
    await observability.goto();
    await expect(observability.traces.root).toContainText('No traces recorded yet.');
    await visual.snapshot(page, 'observability-empty');
  });
});
