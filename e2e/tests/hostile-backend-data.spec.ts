import { MOCK_PASSWORD } from '../../fixtures/db';
import { createAuditEvent, createMetric, createServiceHealth, createTask } from '../../fixtures/factories';
import { expect, test } from '../fixtures/test';
import { SignInPage } from '../pages/SignInPage';

// What a backend nobody here wrote may put in its answers: ids that are Object's own names, text
// that reads as something else, words of 10,000 characters, numbers no clock measures, series
// that are not numbers, spans in a loop, a cursor that never ends, a busy server. Runs in the page
// and (project "network") over a real socket.

const WORD = 'w'.repeat(10_000);

test('tasks and proposals whose ids are Object\'s own names ("constructor", "__proto__") show like any other', async ({ dashboard, approvals, mocks }) => {
  await mocks.failOnLoad({
    method: 'GET',
    path: '/api/tasks',
    status: 200,
    body: { tasks: [createTask({ id: 'constructor', title: 'Task called constructor' }), createTask({ id: '__proto__', title: 'Task called proto' })] },
  });
  await dashboard.goto();
  await expect(dashboard.task('Task called constructor').root).toBeVisible();
  await expect(dashboard.task('Task called proto').root).toBeVisible();
  await expect(dashboard.tasks.error).toHaveCount(0);
  await approvals.goto();
  await expect(approvals.pendingCount).toHaveText('2 proposals wait for review');
  await mocks.submitProposal({ id: 'constructor', title: 'Proposal called constructor' });
  await mocks.submitProposal({ id: 'toString', title: 'Proposal called toString' });
  await expect(approvals.pendingCount).toHaveText('4 proposals wait for review');
  await approvals.card('Proposal called toString').approve();
  await expect(approvals.card('Proposal called toString')).toBeDecided('approved');
  await expect(approvals.card('Proposal called constructor').status).toHaveText('Waiting for review');
  await expect(approvals.card('Proposal called constructor').approveButton).toBeEnabled();
});

test('a proposal whose text holds invisible or right-to-left characters shows each one, with a warning on the card', async ({ approvals, mocks }) => {
  await approvals.goto();
  await expect(approvals.pendingCount).toHaveText('2 proposals wait for review');
  await mocks.submitProposal({ title: 'Send the invoice', agent: 'atlas\u200B', payload: '{"attachment":"invoice_\u202Efdp.exe"}' });
  const card = approvals.card('Send the invoice');
  await expect(card.hiddenCharacters).toContainText('contains invisible or direction-changing characters');
  await expect(card.payload).toHaveText('{"attachment":"invoice_‹U+202E›fdp.exe"}');
  await expect(card.root).toContainText('Proposed by agent atlas‹U+200B›');
  await expect(approvals.card('Refund order #4471').hiddenCharacters).toHaveCount(0);
});

test('words of 10,000 characters in every widget are cut before layout and the page never scrolls sideways', async ({ dashboard, mocks, page }, testInfo) => {
  await page.addInitScript(() => {
    const longest = { ms: 0 };
    (window as unknown as { longestTask: typeof longest }).longestTask = longest;
    new PerformanceObserver((list) => {
      for (const entry of list.getEntries()) longest.ms = Math.max(longest.ms, entry.duration);
    }).observe({ type: 'longtask', buffered: true });
  });
  await mocks.failOnLoad({
    method: 'GET',
    path: '/api/widgets/project-status',
    status: 200,
    body: { name: WORD, state: 'warning', summary: WORD, openTasks: 3 },
  });
  await mocks.failOnLoad({ method: 'GET', path: '/api/widgets/metrics', status: 200, body: { metrics: [createMetric({ name: WORD, unit: WORD })] } });
  await mocks.failOnLoad({
    method: 'GET',
    path: '/api/tasks',
    status: 200,
    body: { tasks: [createTask({ id: 'task-long', title: `Long ${WORD}`, agent: WORD, status: 'error', error: WORD })] },
  });
  await dashboard.goto();
  await expect(dashboard.task('Long www').root).toBeVisible();
  await expect(dashboard.projectStatus.root).toContainText('www');
  await expect(dashboard.metrics.root).toContainText('www');
  for (const region of [dashboard.tasks.root, dashboard.projectStatus.root, dashboard.metrics.root]) {
    const longestWord = await region.evaluate((element: HTMLElement) => Math.max(...element.innerText.split(/\s+/).map((word) => word.length)));
    expect(longestWord).toBeLessThanOrEqual(601);
  }
  expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
  // What the page cost, for QA: the longest main-thread task while it loaded.
  const longest = await page.evaluate(() => (window as unknown as { longestTask: { ms: number } }).longestTask.ms);
  testInfo.annotations.push({ type: 'longest main-thread task', description: `${Math.round(longest)} ms` });
});

test.describe('observability', () => {
  test.beforeEach(async ({ page }) => {
    await page.clock.install();
  });

  test('an event type of 10,000 characters keeps the audit filter inside the page', async ({ observability, mocks, page }) => {
    await mocks.failOnLoad({
      method: 'GET',
      path: '/api/observability/audit',
      status: 200,
      body: { events: [createAuditEvent({ id: 'long-type', type: WORD })], nextCursor: null },
    });
    await observability.goto();
    await expect(observability.auditRows).toHaveCount(1);
    expect(await page.evaluate(() => document.documentElement.scrollWidth <= window.innerWidth)).toBe(true);
    const option = await observability.audit.root.getByLabel('Event type').locator('option').last().textContent();
    expect(option?.length).toBeLessThanOrEqual(61);
  });

  test('a health check of 1e300 ms reads "over 1,000 years", not an exponent', async ({ observability, mocks }) => {
    await mocks.failOnLoad({
      method: 'GET',
      path: '/api/services/media-engine/health',
      status: 200,
      body: createServiceHealth({ service: 'media-engine', latencyMs: 1e300 }),
      times: 5,
    });
    await observability.goto();
    await expect(observability.health('media-engine').root).toContainText('check over 1,000 years');
    await expect(observability.health('media-engine').root).not.toContainText('e+300');
  });

  test("one +Inf counter spoils only its own series: the service's charts stay and the series is named", async ({ observability, mocks }) => {
    const scrape = (ok: number) =>
      [
        '# TYPE a2a_requests_total counter',
        `a2a_requests_total{agent="writer",status="ok"} ${ok}`,
        'a2a_requests_total{agent="writer",status="error"} +Inf',
        `a2a_requests_total{agent="reader",status="ok"} ${ok / 2}`,
      ].join('\n');
    const path = '/api/services/content-engine/metrics';
    await mocks.failOnLoad({ method: 'GET', path, status: 200, rawBody: scrape(100), times: 1 });
    await mocks.failOnLoad({ method: 'GET', path, status: 200, rawBody: scrape(160), times: 10 });
    await observability.goto();
    // The first scrape has landed (a rate needs two): only then does the clock move on.
    await expect(observability.metricsNote('content-engine')).toBeVisible();
    await observability.advanceToNextRefresh();
    await expect(observability.metricsNote('content-engine')).toContainText(
      'One series was left out: not a finite number (a2a_requests_total{agent="writer",status="error"} = +Inf)',
    );
    await expect(observability.metrics('content-engine').root).not.toContainText('No agent requests recorded yet.');
    await expect(observability.chart('content-engine', 'Request rate').getByRole('img')).toHaveAccessibleName(
      /^Request rate: latest requests [\d.]+\/s; 2 refreshes$/,
    );
  });

  test('a service with 1,000 agents draws its five busiest and counts the rest', async ({ observability, mocks }) => {
    const agents = Array.from({ length: 1_000 }, (_, index) => `agent-${index}`);
    const scrape = (factor: number) =>
      [
        '# TYPE a2a_requests_total counter',
        ...agents.map((agent, index) => `a2a_requests_total{agent="${agent}",status="ok"} ${index * factor}`),
        '# TYPE a2a_active_tasks gauge',
        ...agents.map((agent) => `a2a_active_tasks{agent="${agent}"} 1`),
      ].join('\n');
    const path = '/api/services/media-engine/metrics';
    await mocks.failOnLoad({ method: 'GET', path, status: 200, rawBody: scrape(1), times: 1 });
    await mocks.failOnLoad({ method: 'GET', path, status: 200, rawBody: scrape(2), times: 10 });
    await observability.goto();
    await expect(observability.metrics('media-engine').root).toContainText('995 more');
    await observability.advanceToNextRefresh();
    await expect(observability.metrics('media-engine').root).toContainText('The 5 busiest agents are drawn, and 995 more are counted in the totals.');
    await expect(observability.chart('media-engine', 'Active tasks').getByRole('listitem')).toHaveText([
      'agent-995',
      'agent-996',
      'agent-997',
      'agent-998',
      'agent-999',
    ]);
  });

  test('spans whose parents form a loop are drawn at the top level and named, never dropped', async ({ observability, mocks }) => {
    const traceId = 'c'.repeat(32);
    const span = (spanId: string, name: string, parentSpanId?: string) => ({
      traceId,
      spanId: spanId.repeat(16),
      parentSpanId: parentSpanId?.repeat(16),
      name,
      service: 'integration-controller',
      kind: 'internal',
      status: 'ok',
      startMs: 1_000,
      endMs: 1_010,
      attributes: {},
    });
    await mocks.failOnLoad({
      method: 'GET',
      path: '/api/observability/traces',
      status: 200,
      body: {
        traces: [
          {
            traceId,
            rootSpan: 'looping request',
            service: 'integration-controller',
            durationMs: 10,
            spanCount: 4,
            status: 'ok',
            startedAt: '2026-01-15T09:00:00.000Z',
          },
        ],
      },
    });
    await mocks.failOnLoad({
      method: 'GET',
      path: `/api/observability/traces/${traceId}`,
      status: 200,
      body: { spans: [span('a', 'looping request'), span('b', 'b', 'c'), span('c', 'c', 'b'), span('d', 'd', 'd')] },
    });
    await observability.goto();
    const trace = await observability.openTrace('looping request');
    await expect(trace.getByRole('listitem', { name: /^integration-controller / })).toHaveCount(4);
    await expect(trace).toContainText('4 spans');
    await expect(trace.getByRole('list', { name: 'Trace problems' })).toContainText(
      'Its parents form a loop (bbbbbbbbbbbbbbbb → cccccccccccccccc → bbbbbbbbbbbbbbbb)',
    );
    await expect(trace.getByRole('list', { name: 'Trace problems' })).toContainText('"d": It names itself as its parent');
  });

  test('an audit API that answers a cursor with the same page ends "Load more" with a notice, each event once', async ({ observability, mocks }) => {
    const page = { events: [createAuditEvent({ id: 'audit-x', target: 'first' }), createAuditEvent({ id: 'audit-y', target: 'second' })], nextCursor: 'again' };
    await mocks.failOnLoad({ method: 'GET', path: '/api/observability/audit', status: 200, body: page, times: 2 });
    await observability.goto();
    await expect(observability.auditRows).toHaveCount(2);
    await observability.loadMoreAudit.click();
    await expect(observability.auditNotice).toContainText('The server offered a page it had already sent (cursor again), so loading stopped here');
    await expect(observability.loadMoreAudit).toHaveCount(0);
    await expect(observability.auditRows).toHaveCount(2);
  });
});

test('429 with Retry-After: 3 says the server is busy, and the widget asks again after 3 s', async ({ dashboard, mocks, page, consoleGuard }) => {
  consoleGuard.allow(/status of 429/);
  await page.clock.install();
  await mocks.failOnLoad({ method: 'GET', path: '/api/tasks', status: 429, headers: { 'retry-after': '3' } });
  await dashboard.goto();
  await expect(dashboard.tasks.error).toContainText('The server is busy (HTTP 429). Retrying in 3 s.');
  await page.clock.fastForward(3_000);
  await expect(dashboard.task('Reconcile invoices').root).toBeVisible();
  await expect(dashboard.tasks.error).toHaveCount(0);
});

test.describe('a session that ends', () => {
  test.use({ storageState: { cookies: [], origins: [] } });

  test('after the browser dropped the expired session cookie, a reload still says the session expired', async ({ page, context, mocks, dashboard }) => {
    await page.clock.install({ time: new Date('2098-12-31T23:00:00.000Z') });
    await mocks.failOnLoad({
      method: 'POST',
      path: '/api/auth/sign-in',
      status: 200,
      body: { token: 'mock.riley', user: { name: 'Riley Reviewer', role: 'reviewer' }, expiresAt: '2099-01-01T00:00:00.000Z' },
    });
    const signIn = new SignInPage(page);
    await signIn.goto();
    await signIn.signIn('riley', MOCK_PASSWORD);
    await expect(dashboard.heading).toBeVisible();
    // What a browser does at the session cookie's Expires: it is gone, with nothing said.
    await context.clearCookies({ name: 'agent-console-session' });
    await page.clock.setSystemTime(new Date('2099-01-01T00:00:01.000Z'));
    await page.reload();
    await expect(signIn.notice).toHaveText('Your session expired. Sign in again.');
  });
});
