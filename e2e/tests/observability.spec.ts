import type { Request } from '@playwright/test';
import { expect, test } from '../fixtures/test';

test.describe('alert rules', () => {
  test('a service goes unhealthy: pending, firing after `for`, on the dashboard, resolved', async ({ observability, dashboard, mocks, page, consoleGuard }) => {
    consoleGuard.allow(/status of 503/); // the unhealthy service's health check answers 503, by contract
    await page.clock.install();
    await observability.goto();
    await expect(observability.healthStatus('media-engine')).toHaveText('Healthy');
    await expect(observability.alerts.root).toContainText('No alerts');

    await mocks.service('media-engine', { health: 'unhealthy' });
    // The live channel announces the change: the panel and the rule see it before the next refresh.
    await expect(observability.healthStatus('media-engine')).toHaveText('Unhealthy');
    await expect(observability.alertIn('ServiceUnhealthy', 'media-engine', 'pending')).toBeVisible();
    await observability.advanceToNextRefresh();
    await expect(observability.alertIn('ServiceUnhealthy', 'media-engine', 'pending')).toBeVisible();
    await observability.advanceToNextRefresh();
    await expect(observability.alertIn('ServiceUnhealthy', 'media-engine', 'firing')).toBeVisible();
    await expect(observability.health('content-engine').root).toHaveAttribute('data-status', 'loaded');

    await observability.shell.open('Dashboard');
    await expect(dashboard.alerts.root).toContainText('ServiceUnhealthy: media-engine');

    await observability.shell.open('Observability');
    await mocks.service('media-engine', { health: 'healthy' });
    await observability.advanceToNextRefresh();
    await expect(observability.alertIn('ServiceUnhealthy', 'media-engine', 'resolved')).toBeVisible();
    await observability.shell.open('Dashboard');
    await expect(dashboard.alerts.root).not.toContainText('ServiceUnhealthy');
  });

  test('a silenced alert keeps its state, leaves the dashboard, stays silenced on reload', async ({ observability, dashboard, mocks, page, consoleGuard }) => {
    consoleGuard.allow(/status of 503/);
    await page.clock.install();
    await observability.goto();
    await expect(observability.healthStatus('delivery-gateway')).toHaveText('Healthy');
    await mocks.service('delivery-gateway', { health: 'unhealthy' });
    await expect(observability.alertIn('ServiceUnhealthy', 'delivery-gateway', 'pending')).toBeVisible();
    await observability.advanceToNextRefresh();
    await observability.advanceToNextRefresh();
    await expect(observability.alertIn('ServiceUnhealthy', 'delivery-gateway', 'firing')).toBeVisible();
    await observability.silence('ServiceUnhealthy', 'delivery-gateway');
    await expect(observability.alertIn('ServiceUnhealthy', 'delivery-gateway', 'silenced')).toContainText('Silenced by Riley Reviewer');
    await observability.shell.open('Dashboard');
    await expect(dashboard.alerts.root).toHaveAttribute('data-status', 'loaded');
    await expect(dashboard.alerts.root).not.toContainText('ServiceUnhealthy');
    await observability.goto();
    await expect(observability.alerts.root.getByRole('list', { name: 'Silences' })).toContainText(
      'alertname="ServiceUnhealthy", service="delivery-gateway" by Riley Reviewer',
    );
  });
});

test.describe('sources', () => {
  test('a metrics endpoint that answers garbage marks only its own panel stale, with the time of its last good data', async ({
    observability,
    mocks,
    page,
  }) => {
    await page.clock.install();
    await observability.goto();
    await expect(observability.metrics('content-engine').root).toHaveAttribute('data-status', 'loaded');
    await mocks.service('content-engine', { metrics: 'garbage' });
    await observability.advanceToNextRefresh();
    const panel = observability.metrics('content-engine');
    await expect(panel).toShowStale();
    await expect(panel.staleNotice).toContainText(/from \d\d:\d\d:\d\d UTC\).*nothing readable \(3 lines skipped/);
    for (const other of ['integration-controller', 'media-engine', 'delivery-gateway']) await expect(observability.metrics(other)).not.toShowStale();
    await expect(observability.health('content-engine')).not.toShowStale();

    await mocks.service('content-engine', { metrics: 'partly-garbage' });
    await observability.advanceToNextRefresh();
    await expect(panel).not.toShowStale();
    await expect(panel.root.getByRole('note').first()).toHaveText(
      'The last scrape had 3 lines this console could not read; they were skipped, the rest is shown.',
    );
  });

  test('charts grow across refreshes and a restart reads as a counter reset, not negative traffic', async ({ observability, mocks, page }) => {
    await page.clock.install();
    await observability.goto();
    const rate = observability.chart('delivery-gateway', 'Request rate').getByRole('img');
    // The first scrape is in (and the refresh timer set) before the clock moves.
    await expect(observability.chart('delivery-gateway', 'Active tasks').getByRole('img')).toHaveAccessibleName(/; 1 refreshes$/);
    await observability.advanceToNextRefresh();
    await expect(rate).toHaveAccessibleName(/^Request rate: latest requests \d+\.\d\d\/s; 2 refreshes$/);
    await mocks.service('delivery-gateway', { restart: true });
    await observability.advanceToNextRefresh();
    // One point per refresh, exactly: a jump past the live stream's silence limit replaces the
    // connection, and that re-reads health only (the stream carries no metrics to have missed).
    await expect(rate).toHaveAccessibleName(/^Request rate: latest requests \d+\.\d\d\/s; 3 refreshes$/);
    await expect(observability.metrics('delivery-gateway').root).toContainText('Counters restarted once in the window');
  });
});

test.describe('audit log', () => {
  test('filters by service and outcome, searches, and pages on with the cursor', async ({ observability }) => {
    await observability.goto();
    await expect(observability.auditRows).toHaveCount(20);
    await observability.loadMoreAudit.click();
    await expect(observability.auditRows).toHaveCount(40);
    await observability.filterAudit('Service', 'media-engine');
    await expect(observability.auditRows.first()).toBeVisible();
    for (const row of await observability.auditRows.all()) await expect(row.getByRole('cell').nth(1)).toHaveText('media-engine');
    await observability.filterAudit('Outcome', 'Failed');
    for (const row of await observability.auditRows.all()) await expect(row.getByRole('cell').nth(5)).toContainText('Failed');
    await observability.searchAudit('no-such-actor');
    await expect(observability.audit.root).toContainText('No audit events match these filters.');
  });

  test('a failing audit store marks the audit panel only, and its filters still work', async ({ observability, mocks, consoleGuard }) => {
    consoleGuard.allow(/status of 502/);
    await observability.goto();
    await expect(observability.auditRows).toHaveCount(20);
    await mocks.service('content-engine', { audit: 'failing' });
    await observability.audit.refresh();
    await expect(observability.audit).toShowStale();
    await expect(observability.audit.staleNotice).toContainText('The server failed (HTTP 502)');
    await expect(observability.healthStatus('content-engine')).toHaveText('Healthy');
    await expect(observability.metrics('content-engine')).not.toShowStale();
    // Another service's events are still there to read.
    await observability.filterAudit('Service', 'delivery-gateway');
    await expect(observability.auditRows.first()).toContainText('delivery-gateway');
    await expect(observability.audit).not.toShowStale();
  });
});

test.describe('traces', () => {
  const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0[01]$/;
  const traceOf = (request: Request) => TRACEPARENT.exec(request.headers().traceparent ?? '')?.[1];

  test('every API and stream request carries a traceparent, and one decision is one trace from the click to its re-read', async ({
    approvals,
    mocks,
    page,
    consoleGuard,
  }) => {
    // The lost reply, on purpose; over a real socket Chromium may resend the POST on a fresh
    // connection once, and that second one meets the already-saved decision (409).
    consoleGuard.allow(/Failed to load resource: (net::ERR_FAILED|the server responded with a status of 409)/);
    const sent: Request[] = [];
    page.on('request', (request) => {
      if (new URL(request.url()).pathname.startsWith('/api/')) sent.push(request);
    });
    const card = await approvals.openCard('Refund order #4471');
    // The reply is lost after the server saved it: the card re-reads the proposal within the same action.
    await mocks.fail({ method: 'POST', path: '/api/approvals/approval-001/decision', networkError: true, afterSaving: true });
    await card.approve();
    await expect(card).toBeDecided('approved');

    expect(sent.map((request) => request.url())).toEqual(
      expect.arrayContaining([expect.stringContaining('/api/live?'), expect.stringContaining('/api/approvals')]),
    );
    for (const request of sent) expect(request.headers().traceparent, `${request.method()} ${request.url()}`).toMatch(TRACEPARENT);

    // The action: the decision (sent again by the browser if it retried it) and the re-read after the lost reply.
    const actionRequests = () =>
      sent.filter((request) => request.url().endsWith('/api/approvals/approval-001/decision') || request.url().endsWith('/api/approvals/approval-001'));
    // The card may show the decision before its re-read is sent: wait for the re-read itself.
    await expect.poll(() => actionRequests().map((request) => request.method())).toEqual(expect.arrayContaining(['POST', 'GET']));
    const inAction = actionRequests();
    const actionTraces = new Set(inAction.map(traceOf));
    expect(actionTraces.size).toBe(1);
    // Everything else (the list, the live stream) is a trace of its own.
    const others = sent.filter((request) => !inAction.includes(request)).map(traceOf);
    expect(others.filter((trace) => actionTraces.has(trace))).toEqual([]);
    expect(new Set(others).size).toBe(others.length);
  });

  test("an approval shows in the audit log and as one trace joining the browser's spans with the services'", async ({ approvals, observability }) => {
    await approvals.goto();
    const card = approvals.card('Refund order #4471');
    await card.approve();
    await expect(card).toBeDecided('approved');
    // The audit entry and the end of the decision's trace follow the server's answer, which lands after the badge changes.
    await card.waitForAnswer();
    await observability.shell.open('Observability');
    await observability.searchAudit('approval-001');
    await expect(observability.auditRows).toHaveCount(1);
    for (const text of ['integration-controller', 'approval.approved', 'riley']) await expect(observability.auditRows.first()).toContainText(text);

    const waterfall = await observability.openTrace('approve proposal');
    const rows = waterfall.getByRole('listitem');
    await expect(rows.nth(0)).toHaveAccessibleName(/^agent-console approve proposal, .*on the critical path$/);
    await expect(rows.nth(1)).toHaveAccessibleName(/^agent-console POST \/api\/approvals\/approval-001\/decision, /);
    await expect(rows.nth(2)).toHaveAccessibleName(/^integration-controller POST \/api\/approvals\/\{id\}\/decision, /);
    await expect(waterfall.getByRole('listitem', { name: /^delivery-gateway slack_api chat.postMessage/ })).toBeVisible();
    await expect(waterfall).toContainText('6 spans from agent-console, integration-controller, delivery-gateway');
    await expect(waterfall.getByRole('list', { name: 'Trace problems' })).toHaveCount(0);
  });

  test("a trace whose parent span never arrived, and one whose services' clocks disagree, say so", async ({ observability }) => {
    await observability.goto();
    const orphan = await observability.openTrace('POST /deliver');
    await expect(orphan.getByRole('list', { name: 'Trace problems' })).toContainText(
      'was never received (lost or not sampled upstream); shown at the top level.',
    );
    const skewed = await observability.openTrace('POST /review');
    await expect(skewed.getByRole('list', { name: 'Trace problems' })).toContainText(
      'Starts 150 ms before its parent "POST /review" (content-engine): the clocks of media-engine and content-engine disagree.',
    );
  });
});
