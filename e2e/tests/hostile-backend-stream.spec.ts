import { expect, test } from '../fixtures/test';

// A backend that numbers, orders and answers its live events in ways the contract does not
// promise. Runs in the page and (project "network") over a real socket.

const TASK = { id: 'task-001', title: 'Summarise support tickets' };
/** One progress event for TASK, numbered by the test. */
const progressEvent = (seq: number, progress: number) =>
  `id: task:${TASK.id}@${seq}\nevent: progress\ndata: ${JSON.stringify({ type: 'progress', taskId: TASK.id, seq, progress })}\n\n`;

test('a stale event (1, 2, 4, 3, 5) is never shown: the task is read again and the bar never goes back', async ({ dashboard, mocks, page }) => {
  await dashboard.goto();
  const panel = dashboard.task(TASK.title);
  await panel.start();
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1 });
  const seen = await panel.recordProgressValues(page);
  for (const [seq, progress] of [
    [1, 10],
    [2, 20],
    [4, 40],
  ] as const) {
    await mocks.progress(TASK.id, { action: 'raw', text: progressEvent(seq, progress) });
    await expect(panel).toHaveProgress(progress);
  }
  // The re-read the stale event causes is held in flight: the bar must not show 30 meanwhile.
  await mocks.fail({ method: 'GET', path: `/api/tasks/${TASK.id}`, hold: true });
  await mocks.progress(TASK.id, { action: 'raw', text: progressEvent(3, 30) });
  await expect.poll(() => mocks.held()).toEqual([`/api/tasks/${TASK.id}`]);
  await expect(panel).toHaveProgress(40);
  await mocks.progress(TASK.id, { action: 'raw', text: progressEvent(5, 50) });
  await expect(panel).toHaveProgress(50);
  // The re-read was asked before event 5: its answer is older than what is shown, and loses.
  expect(await mocks.release()).toBe(1);
  await expect(panel).toHaveProgress(50);
  expect(seen()).not.toContain(30);
  expect(seen().at(-1)).toBe(50);
});

test('a 204 on the live stream stops it with a notice and "Reconnect now", instead of retrying forever', async ({ approvals, mocks, consoleGuard }) => {
  consoleGuard.allow(/ERR_INCOMPLETE_CHUNKED_ENCODING/);
  await approvals.goto();
  await expect(mocks).toHaveLiveConnections({ open: 1 });
  await mocks.stream({ action: 'retry', ms: 0 });
  await mocks.stream({ action: 'fail', status: 204, times: 5 });
  await mocks.stream({ action: 'drop' });
  await expect(approvals.liveNotice.root).toHaveText(/Live updates are off: The server asked this console to stop live updates \(HTTP 204\)\./);
  expect((await mocks.liveStats()).opened).toBe(2);
});

test('a decision published on the approvals topic updates the card it names', async ({ approvals, mocks }) => {
  const card = await approvals.openCard('Refund order #4471');
  await expect(mocks).toHaveLiveConnections({ open: 1 });
  await mocks.decideElsewhere('approval-001', 'approved', { announce: true });
  await expect(card).toBeDecided('approved');
  await expect(card.root).toContainText('Approved by Sam Other-Reviewer');
  await expect(card.approveButton).toHaveCount(0);
});

test.describe('observability', () => {
  test('a health change announced while a read is in flight is not lost: the last announcement wins', async ({ observability, mocks, consoleGuard }) => {
    consoleGuard.allow(/status of 503/); // an unhealthy service's health check answers 503, by contract
    await observability.goto();
    await expect(observability.healthStatus('media-engine')).toHaveText('Healthy');
    await observability.settled();
    // The read the first announcement causes answers what the server said then (degraded), late.
    await mocks.fail({ method: 'GET', path: '/api/services/media-engine/health', hold: true });
    await mocks.service('media-engine', { health: 'degraded' });
    await expect.poll(() => mocks.held()).toEqual(['/api/services/media-engine/health']);
    await mocks.service('media-engine', { health: 'unhealthy' });
    expect(await mocks.release()).toBe(1);
    await expect(observability.healthStatus('media-engine')).toHaveText('Unhealthy');
    await observability.settled();
    await expect(observability.healthStatus('media-engine')).toHaveText('Unhealthy');
  });
});
