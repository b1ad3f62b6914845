import { expect, test } from '../fixtures/test';

// Runs twice: with the MSW worker in the page, and (project "network") over a real socket,
// where a drop is a closed TCP connection.

/** Chromium's own console line when a real socket closes mid-stream: the point of the drop. */
const DROPPED_CONNECTION = /ERR_INCOMPLETE_CHUNKED_ENCODING/;
const TASK = { id: 'task-001', title: 'Summarise support tickets' };

test.beforeEach(async ({ dashboard }) => {
  await dashboard.goto();
  await dashboard.task(TASK.title).start();
  await expect(dashboard.task(TASK.title).status).toHaveText('Running');
});

test('a started task moves through its progress to completed', async ({ dashboard, mocks }) => {
  const panel = dashboard.task(TASK.title);
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1 });
  await mocks.progress(TASK.id, { action: 'emit', progress: 25 });
  await expect(panel).toHaveProgress(25);
  await mocks.progress(TASK.id, { action: 'emit', progress: 80 });
  await expect(panel).toHaveProgress(80);
  await expect(panel).not.toHaveProgress(25, { timeout: 1_000 });
  await mocks.progress(TASK.id, { action: 'complete' });
  await expect(panel.status).toHaveText('Completed');
  await expect(panel).toHaveProgress(100);
});

test('a dropped connection resumes from the last event with nothing lost or repeated', async ({ dashboard, mocks, page, consoleGuard }) => {
  consoleGuard.allow(DROPPED_CONNECTION);
  const panel = dashboard.task(TASK.title);
  const seen = await panel.recordProgressValues(page);
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1 });
  await mocks.stream({ action: 'retry', ms: 0 });
  await mocks.progress(TASK.id, { action: 'emit', progress: 10 });
  await expect(panel).toHaveProgress(10);
  await mocks.stream({ action: 'drop' });
  // Sent while the client is away: it must arrive through the cursor replay.
  await mocks.progress(TASK.id, { action: 'emit', progress: 20 });
  // The client came back asking for what followed event 1 of this task, and got exactly that.
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1, resumedFrom: [null, '1'] });
  await expect(panel).toHaveProgress(20);
  await mocks.progress(TASK.id, { action: 'emit', progress: 30 });
  await expect(panel).toHaveProgress(30);
  expect(seen()).toEqual([10, 20, 30]);
});

test('a malformed event is skipped with a warning and the stream keeps going', async ({ dashboard, mocks, page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const panel = dashboard.task(TASK.title);
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1 });
  await mocks.progress(TASK.id, { action: 'raw', text: ': heartbeat\n\nid: task:task-001@7\nevent: progress\ndata: {not json\n\n' });
  await mocks.progress(TASK.id, { action: 'emit', progress: 40 });
  await expect(panel).toHaveProgress(40);
  expect(warnings.filter((text) => text.includes('skipped a malformed event'))).toHaveLength(1);
});

test('repeated server errors keep retrying with a visible notice, and "reconnect now" recovers', async ({ dashboard, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 503/);
  consoleGuard.allow(DROPPED_CONNECTION);
  const panel = dashboard.task(TASK.title);
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1 });
  // The server asks for a very long wait: the console caps it and offers to try now.
  await mocks.stream({ action: 'retry', ms: 3_600_000 });
  await mocks.stream({ action: 'fail', status: 503, times: 1 });
  await mocks.stream({ action: 'drop' });
  await expect(dashboard.liveNotice.root).toContainText('Live updates paused: The connection to the server was lost.');
  await dashboard.liveNotice.reconnectNow.click();
  await expect(dashboard.liveNotice.root).toContainText('The live stream failed (HTTP 503).');
  await dashboard.liveNotice.reconnectNow.click();
  await expect(dashboard.liveNotice.root).toBeHidden();
  await mocks.progress(TASK.id, { action: 'emit', progress: 55 });
  await expect(panel).toHaveProgress(55);
});

test('a reload resumes the running task after the last event the page showed', async ({ dashboard, mocks, page, transport }) => {
  test.skip(transport === 'worker', 'The in-page mocks start again with every page load; only the mock server over the network remembers the events it sent.');
  const panel = dashboard.task(TASK.title);
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1 });
  await mocks.progress(TASK.id, { action: 'emit', progress: 10 });
  await mocks.progress(TASK.id, { action: 'emit', progress: 20 });
  await expect(panel).toHaveProgress(20);
  await page.reload();
  // The cursor (event 2) was saved outside any frame (when idle, or at the latest as the page was
  // left) and the reloaded page asked for what followed it.
  await expect(mocks).toHaveLiveConnections({ task: TASK.id, open: 1, resumedFrom: [null, '2'] });
  await expect(panel).toHaveProgress(20);
});
