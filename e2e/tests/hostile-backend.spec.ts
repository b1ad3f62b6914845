import { createApproval, createTask } from '../../fixtures/factories';
import { expect, test } from '../fixtures/test';

// What a real backend sends when it is newer, older or broken: the console keeps every good
// record, names the bad ones, and never shows a saved decision as failed. Runs in the page and
// (project "network") over a real socket.

test('one unreadable task among good ones: the good ones show, the bad one is named with what was wrong', async ({ dashboard, mocks, page }) => {
  const warnings: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'warning') warnings.push(message.text());
  });
  const good = [createTask({ id: 'task-a', title: 'Good task A', status: 'completed', progress: 100 }), createTask({ id: 'task-b', title: 'Good task B' })];
  await mocks.failOnLoad({
    method: 'GET',
    path: '/api/tasks',
    status: 200,
    body: { tasks: [good[0], { ...good[1], id: 'task-new', title: 'From a newer server', status: 'paused' }, good[1]] },
  });
  await dashboard.goto();
  await expect(dashboard.task('Good task A').root).toBeVisible();
  await expect(dashboard.task('Good task B').root).toBeVisible();
  await expect(dashboard.unreadableTasks).toContainText('This task could not be read (task-new)');
  await expect(dashboard.unreadableTasks).toContainText('status: Invalid option');
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
  expect(warnings.filter((text) => text.includes('set aside task task-new'))).toHaveLength(1);
});

test('a proposal list with one bad record still shows every readable proposal', async ({ approvals, mocks }) => {
  const readable = createApproval({ id: 'approval-ok', title: 'Readable proposal' });
  await mocks.failOnLoad({
    method: 'GET',
    path: '/api/approvals',
    status: 200,
    body: { approvals: [readable, { ...readable, id: 'approval-bad', expiresAt: 'tomorrow' }] },
  });
  await approvals.goto();
  await expect(approvals.card('Readable proposal').approveButton).toBeVisible();
  await expect(approvals.unreadable).toContainText('This proposal could not be read (approval-bad)');
});

test('a decision the server saved but whose reply was lost shows as saved, confirmed by a re-read', async ({ approvals, mocks, consoleGuard }) => {
  consoleGuard.allow(/Failed to load resource|ERR_/);
  const card = await approvals.openCard('Refund order #4471');
  await mocks.fail({ method: 'POST', path: '/api/approvals/approval-001/decision', networkError: true, afterSaving: true });
  await card.approve();
  await expect(card).toBeDecided('approved');
  await expect(card.root).toContainText('Approved by Riley Reviewer');
  await expect(card.note).toContainText('read again to confirm');
  await expect(card.error).toHaveCount(0);
});

test('a 409 without a body says who decided instead of "Conflict"', async ({ approvals, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 409/);
  const card = await approvals.openCard('Refund order #4471');
  await mocks.decideElsewhere('approval-001', 'approved');
  await mocks.fail({ method: 'POST', path: '/api/approvals/approval-001/decision', status: 409, rawBody: '' });
  await card.reject('Not needed');
  await expect(card.error).toHaveText('Sam Other-Reviewer already approved this proposal.');
  await expect(card).toBeDecided('approved');
});

test('agent text of 10,000 characters without a break is clipped, and "show more" reveals all of it', async ({ approvals, mocks }) => {
  const hash = 'f'.repeat(10_000);
  await approvals.goto();
  await expect(approvals.pendingCount).toHaveText('2 proposals wait for review');
  await mocks.submitProposal({ title: `Deploy ${hash}`, rationale: hash, payload: hash });
  const card = approvals.card('Deploy fff');
  await expect(card.heading).toBeVisible();
  expect((await card.heading.textContent())?.length).toBeLessThanOrEqual(201);
  await expect(card.showMore).toHaveCount(2);
  await card.showMore.first().click();
  await expect(card.text(hash)).toBeVisible();
});

test('a saved layout with the wrong shape is set aside with a notice, and the dashboard shows its defaults', async ({ dashboard, page }) => {
  await page.addInitScript(() => {
    if (sessionStorage.getItem('seeded')) return;
    sessionStorage.setItem('seeded', '1');
    localStorage.setItem('agent-console/layout/dashboard', JSON.stringify({ v: 2, kind: 'layout', rev: 1, usedAt: 1, data: { columns: 3 } }));
  });
  await dashboard.goto();
  await expect(dashboard.storageNotice).toContainText('layout/dashboard: widgets:');
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
  await expect(dashboard.task('Reconcile invoices').root).toBeVisible();
  await page.reload();
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
  await expect(dashboard.storageNotice).toHaveCount(0);
});

test.describe('as a viewer', () => {
  test.use({ role: 'viewer' });

  test('a viewer cannot start agent tasks', async ({ dashboard }) => {
    await dashboard.goto();
    await expect(dashboard.task('Summarise support tickets').root).toBeVisible();
    await expect(dashboard.task('Summarise support tickets').startButton).toHaveCount(0);
  });
});

test('with nothing to show, every panel says so instead of a blank box or bare table headers', async ({ observability, mocks }) => {
  await mocks.useScenario('empty');
  await observability.goto();
  // The services are up but unused: health reads, charts say there is no traffic yet.
  await expect(observability.healthStatus('media-engine')).toHaveText('Healthy');
  await expect(observability.chart('media-engine', 'Request rate')).toContainText('No data yet');
  await expect(observability.audit.root).toContainText('No audit events yet.');
  await expect(observability.traces.root).toContainText('No traces recorded yet.');
  await expect(observability.audit.table).toHaveCount(0);
});
