import { FIXED_NOW } from '../../fixtures/clock';
import { DEFAULT_OBSERVABILITY_REFRESH_MS } from '../../src/config/refresh-interval';
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
// computed from two readings is the same in every run. The observability tests pause the clock
// instead and move it themselves (ObservabilityPage.runPausedClock), since their refreshes are timers.

// Four captures of a whole page each, beside the steps that reach its state.
test.describe.configure({ timeout: 60_000 });

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
  test('loaded, two refreshes in', async ({ observability, page, visual }) => {
    await page.clock.pauseAt(FIXED_NOW);
    await observability.goto();
    await expect(observability.health('media-engine').root).toHaveAttribute('data-status', 'loaded');
    await observability.runPausedClock(1_000);
    for (let refresh = 1; refresh <= 2; refresh += 1) await observability.runPausedClock(DEFAULT_OBSERVABILITY_REFRESH_MS);
    await expect(observability.chart('delivery-gateway', 'Request rate').getByRole('img')).toHaveAccessibleName(/; 3 refreshes$/);
    await expect(observability.auditRows).toHaveCount(20);
    // The audit log scrolls within its card: captured whole.
    await visual.snapshot(page, 'observability-loaded', { fullScroll: [AUDIT_TABLE] });
  });

  // The incident scenario unfolds over refreshes. Its page runs on a paused clock that only the
  // test moves (runFor fires each timer and frame in order), so every scrape has an exact time.
  test('the incident scenario, five refreshes in', async ({ observability, mocks, page, visual, consoleGuard }) => {
    // Unhealthy answers 503, the garbled metrics endpoint 502 and the failing audit store 500, by contract.
    consoleGuard.allow(/status of 50[023]/);
    await page.clock.pauseAt(FIXED_NOW);
    await mocks.useScenario('incident');
    await observability.goto();
    await expect(observability.health('media-engine').root).toHaveAttribute('data-status', 'loaded');
    await observability.runPausedClock(1_000);
    for (let refresh = 1; refresh <= 5; refresh += 1) {
      await observability.runPausedClock(DEFAULT_OBSERVABILITY_REFRESH_MS);
      await expect(observability.chart('delivery-gateway', 'Active tasks').getByRole('img')).toHaveAccessibleName(new RegExp(`; ${refresh + 1} refreshes$`));
    }
    await expect(observability.healthStatus('media-engine')).toHaveText('Unhealthy');
    await expect(observability.metrics('content-engine')).toShowStale();
    await visual.snapshot(page, 'observability-incident');
  });

  test('empty', async ({ observability, mocks, page, visual }) => {
    await mocks.useScenario('empty');
    await observability.goto();
    await expect(observability.traces.root).toContainText('No traces recorded yet.');
    await visual.snapshot(page, 'observability-empty');
  });
});
