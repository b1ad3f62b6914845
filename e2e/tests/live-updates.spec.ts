import { expect, test } from '../fixtures/test';

// Runs with the worker in the page and (project "network") over a real socket, where the
// browser's six-connections-per-origin limit and real TCP drops apply.

const DROPPED_CONNECTION = /ERR_INCOMPLETE_CHUNKED_ENCODING/;
const TASK = { id: 'task-001', title: 'Summarise support tickets' };
const RUNNING = Array.from({ length: 20 }, (_, index) => ({ id: `task-${String(101 + index).padStart(3, '0')}`, title: `Agent run ${index + 1}` }));

test('twenty running agents share one live connection, every bar moves and the other widgets still load', async ({ dashboard, mocks }) => {
  await mocks.useScenario('busy');
  await dashboard.goto();
  await expect(dashboard.progressBars).toHaveCount(22);
  // One connection carries them all: 20 agents, task-002 already running, and the services' health changes (alerts widget).
  await expect(mocks).toHaveLiveConnections({ open: 1, topicsPerConnection: [22] });
  for (const [index, task] of RUNNING.entries()) await mocks.progress(task.id, { action: 'emit', progress: 50 + index });
  for (const [index, task] of RUNNING.entries()) await expect(dashboard.task(task.title)).toHaveProgress(50 + index);
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
  await dashboard.metrics.refresh();
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
  expect((await mocks.liveStats()).open).toBe(1);
});

test('a connection that goes silent is noticed and replaced, with nothing lost', async ({ dashboard, mocks, page }) => {
  await page.clock.install();
  await dashboard.goto();
  await dashboard.task(TASK.title).start();
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1, opened: 1 });
  await mocks.progress(TASK.id, { action: 'emit', progress: 15 });
  await expect(dashboard.task(TASK.title)).toHaveProgress(15);
  // No byte, not even a heartbeat, for longer than three heartbeat intervals.
  await page.clock.fastForward(46_000);
  await expect(dashboard.liveNotice.root).toContainText('No data from the server for 45 s.');
  await mocks.progress(TASK.id, { action: 'emit', progress: 35 });
  await page.clock.fastForward(2_000);
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1, resumedFrom: [null, '1'] });
  await expect(dashboard.task(TASK.title)).toHaveProgress(35);
  await expect(dashboard.liveNotice.root).toBeHidden();
});

test('a backend that restarted its numbering is noticed: the task is read again and shows it finished', async ({ dashboard, mocks, page, consoleGuard }) => {
  consoleGuard.allow(DROPPED_CONNECTION);
  await dashboard.goto();
  const panel = dashboard.task(TASK.title);
  await panel.start();
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1 });
  await mocks.progress(TASK.id, { action: 'emit', progress: 10 });
  await mocks.progress(TASK.id, { action: 'emit', progress: 20 });
  await expect(panel).toHaveProgress(20);
  await mocks.stream({ action: 'retry', ms: 0 });
  await mocks.progress(TASK.id, { action: 'restart-sequence' });
  await mocks.stream({ action: 'drop' });
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1, resumedFrom: [null, '2'] });
  const reread = page.waitForRequest((request) => request.url().endsWith(`/api/tasks/${TASK.id}`));
  // The restarted backend numbers from 1 again; a console that took it for a duplicate would freeze at 20%.
  await mocks.progress(TASK.id, { action: 'emit', progress: 90 });
  await mocks.progress(TASK.id, { action: 'complete' });
  await reread;
  await expect(panel.status).toHaveText('Completed');
  await expect(panel).toHaveProgress(100);
});

test('a proposal published while the feed was down shows once it is back', async ({ approvals, mocks, consoleGuard }) => {
  consoleGuard.allow(DROPPED_CONNECTION);
  consoleGuard.allow(/status of 503/);
  await approvals.goto();
  await expect(approvals.pendingCount).toHaveText('2 proposals wait for review');
  await expect(mocks).toHaveLiveConnections({ open: 1 });
  await mocks.stream({ action: 'retry', ms: 25_000 });
  await mocks.stream({ action: 'fail', status: 503, times: 1 });
  await mocks.stream({ action: 'drop' });
  await expect(approvals.liveNotice.root).toContainText('Live updates paused');
  await mocks.submitProposal({ title: 'Pause the nightly export', rationale: 'The warehouse is being migrated tonight.', payload: '{"action":"pause"}' });
  await approvals.liveNotice.reconnectNow.click();
  await expect(approvals.liveNotice.root).toContainText('The live stream failed (HTTP 503).');
  await approvals.liveNotice.reconnectNow.click();
  await expect(approvals.card('Pause the nightly export').root).toBeVisible();
  await expect(approvals.pendingCount).toHaveText('3 proposals wait for review');
  await expect(approvals.liveNotice.root).toBeHidden();
});

test('when the server refuses live updates the page says they are off, and keeps working', async ({ approvals, mocks, consoleGuard }) => {
  consoleGuard.allow(DROPPED_CONNECTION);
  consoleGuard.allow(/status of 403/);
  await approvals.goto();
  await expect(mocks).toHaveLiveConnections({ open: 1 });
  await mocks.stream({ action: 'retry', ms: 0 });
  await mocks.stream({ action: 'fail', status: 403, times: 3 });
  await mocks.stream({ action: 'drop' });
  await expect(approvals.liveNotice.root).toHaveText(/Live updates are off: The server does not allow this account to receive live updates \(HTTP 403\)\./);
  expect((await mocks.liveStats()).opened).toBe(2);
  await approvals.card('Refund order #4471').approve();
  await expect(approvals.card('Refund order #4471')).toBeDecided('approved');
});
