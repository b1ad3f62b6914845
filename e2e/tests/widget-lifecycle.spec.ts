import { LIVE_REFRESH_MS } from '../../src/widgets/panels/panel-props';
import { expect, test } from '../fixtures/test';

test('widgets show a skeleton, then their data', async ({ dashboard, page }) => {
  await page.clock.install();
  await dashboard.goto('?scenario=slow');
  await expect(dashboard.metrics.skeleton).toBeVisible();
  await page.clock.runFor(1_500);
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
  await expect(dashboard.metrics.skeleton).toHaveCount(0);
});

test('a widget that fails to load offers a retry that recovers', async ({ dashboard, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 500/);
  await mocks.failOnLoad({ method: 'GET', path: '/api/widgets/metrics', status: 500 });
  await dashboard.goto();
  await expect(dashboard.metrics.error).toContainText('The server failed (HTTP 500)');
  await expect(dashboard.projectStatus.root).toContainText('Checkout migration');
  await dashboard.metrics.retryButton.click();
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
});

test('a widget whose server never answers times out, and its retry recovers', async ({ dashboard, mocks, page }) => {
  await page.clock.install();
  await mocks.failOnLoad({ method: 'GET', path: '/api/widgets/metrics', hang: true });
  // The client's timeout starts when the request leaves, so time moves only after it has.
  const requested = page.waitForRequest((request) => request.url().endsWith('/api/widgets/metrics'));
  await dashboard.goto();
  await requested;
  await expect(dashboard.metrics.skeleton).toBeVisible();
  await page.clock.runFor(10_000);
  await expect(dashboard.metrics.error).toContainText('The server did not answer in time.');
  await dashboard.metrics.retryButton.click();
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
});

test('widgets update live: a new alert shows on the next refresh, without a reload', async ({ dashboard, mocks, page }) => {
  await page.clock.install();
  await dashboard.goto();
  await expect(dashboard.alerts.root).toContainText('Queue latency rising');
  await mocks.raiseAlert({ severity: 'error', title: 'Payments agent stopped', message: 'No heartbeat for 5 minutes.' });
  await page.clock.runFor(LIVE_REFRESH_MS);
  await expect(dashboard.alerts.root).toContainText('Payments agent stopped');
  await expect(dashboard.alerts.root).toContainText('Queue latency rising');
  await expect(dashboard.alerts.root).toHaveAttribute('aria-busy', 'false');
});

test('a widget keeps its last good data, marked stale, while a refresh fails', async ({ dashboard, mocks, consoleGuard }) => {
  consoleGuard.allow(/Failed to fetch|ERR_FAILED/);
  await dashboard.goto();
  await expect(dashboard.projectStatus.root).toContainText('Checkout migration');
  await mocks.fail({ method: 'GET', path: '/api/widgets/project-status', networkError: true });
  await dashboard.projectStatus.refresh();
  await expect(dashboard.projectStatus).toShowStale();
  await expect(dashboard.projectStatus.root).toContainText('Checkout migration');
  await dashboard.projectStatus.retryButton.click();
  await expect(dashboard.projectStatus).not.toShowStale();
});

test('widgets can be removed and added, and the layout survives a reload', async ({ dashboard, page }) => {
  await dashboard.goto();
  await dashboard.alerts.remove();
  await expect(dashboard.alerts.root).toHaveCount(0);
  await page.reload();
  await expect(dashboard.metrics.root).toBeVisible();
  await expect(dashboard.alerts.root).toHaveCount(0);
  await dashboard.addWidget('Alerts');
  await expect(dashboard.alerts.root).toContainText('Queue latency rising');
  await page.reload();
  await expect(dashboard.alerts.root).toBeVisible();
});

test('a task the server fails to start says why, and starts on the next try', async ({ dashboard, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 503/);
  await dashboard.goto();
  const task = dashboard.task('Summarise support tickets');
  await expect(task.status).toHaveText('Pending');
  await mocks.fail({ method: 'POST', path: '/api/tasks/task-001/start', status: 503 });
  await task.start();
  await expect(dashboard.tasks.root.getByRole('alert')).toHaveText('Could not start the task: The server failed (HTTP 503). Retry in a moment.');
  await expect(task.status).toHaveText('Pending');
  await task.start();
  await expect(task.status).toHaveText('Running');
  await expect(dashboard.tasks.root.getByRole('alert')).toHaveCount(0);
});

test('a dismissed alert is gone, and stays gone after a reload', async ({ dashboard, page }) => {
  await dashboard.goto();
  await expect(dashboard.alerts.root).toContainText('Queue latency rising');
  await dashboard.dismissAlert('Queue latency rising');
  await expect(dashboard.alerts.root).toContainText('No alerts.');
  await page.reload();
  await expect(dashboard.alerts.root).toContainText('No alerts.');
  await expect(dashboard.alerts.root).not.toContainText('Queue latency rising');
});

test('a layout holding a widget twice shows both, and Remove takes away only the one clicked', async ({ dashboard, page }) => {
  await dashboard.seedLayout(['project-status', 'alerts', 'project-status']);
  await dashboard.goto();
  const statuses = dashboard.framesTitled('Project status');
  await expect(statuses).toHaveCount(2);
  await expect(statuses.nth(1)).toContainText('Checkout migration');
  await statuses.nth(1).getByRole('button', { name: 'Remove Project status widget' }).click();
  await expect(statuses).toHaveCount(1);
  await expect(dashboard.alerts.root).toBeVisible();
  await page.reload();
  await expect(statuses).toHaveCount(1);
  await expect(dashboard.alerts.root).toBeVisible();
});
