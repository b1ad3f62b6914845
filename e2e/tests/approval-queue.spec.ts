import type { Locator } from '@playwright/test';
import type { MockControl } from '../../fixtures/adapters/playwright';
import { expect, test } from '../fixtures/test';
import type { ApprovalQueuePage } from '../pages/ApprovalQueuePage';

const REFUND = 'Refund order #4471';

test('a reviewer approves a proposal', async ({ approvals }) => {
  await approvals.goto();
  const card = approvals.card(REFUND);
  await card.approve();
  await expect(card).toBeDecided('approved');
  await expect(card.root).toContainText('Approved by Riley Reviewer');
  await expect(approvals.pendingCount).toHaveText('1 proposal waits for review');
});

test('a reviewer rejects a proposal with a reason', async ({ approvals }) => {
  await approvals.goto();
  const card = approvals.card(REFUND);
  await card.reject('The order was already refunded by support.');
  await expect(card).toBeDecided('rejected');
  await expect(card.root).toContainText('Rejected by Riley Reviewer: The order was already refunded by support.');
  // A negated matcher settles as soon as it holds (it waited out its whole timeout before).
  await expect(card).not.toBeDecided('approved', { timeout: 1_000 });
});

test('when someone else decided first, the card shows their decision and says so', async ({ approvals, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 409/);
  const card = await approvals.openCard(REFUND);
  await mocks.decideElsewhere('approval-001', 'rejected');
  await card.approve();
  await expect(card.error).toHaveText('Sam Other-Reviewer already rejected this proposal.');
  await expect(card).toBeDecided('rejected');
});

/** Approves the refund while the server refuses the decision with `status`. */
async function approveRefused(approvals: ApprovalQueuePage, mocks: MockControl, status: number) {
  const card = await approvals.openCard(REFUND);
  await mocks.fail({ method: 'POST', path: '/api/approvals/approval-001/decision', status });
  await card.approve();
  return card;
}

test('a server error rolls the decision back and offers a retry that succeeds', async ({ approvals, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 503/);
  const card = await approveRefused(approvals, mocks, 503);
  await expect(card.error).toContainText('The server failed (HTTP 503)');
  await expect(card).toBeDecided('pending');
  await card.retryDecision.click();
  await expect(card).toBeDecided('approved');
});

test('a new proposal arrives live', async ({ approvals, mocks }) => {
  await approvals.goto();
  await expect(approvals.pendingCount).toHaveText('2 proposals wait for review');
  await mocks.submitProposal({
    title: 'Pause the nightly export',
    rationale: 'The warehouse is being migrated tonight.',
    payload: '{"action":"pause","job":"export"}',
  });
  await expect(approvals.card('Pause the nightly export').root).toBeVisible();
  await expect(approvals.pendingCount).toHaveText('3 proposals wait for review');
});

test('an unsent rejection reason survives a reload', async ({ approvals, page }) => {
  await approvals.goto();
  const card = approvals.card(REFUND);
  await card.draftReason('Half-written reason');
  await page.reload();
  await expect(approvals.card(REFUND).reason).toHaveValue('Half-written reason');
});

test('the queue works with the keyboard alone', async ({ approvals, page }) => {
  const card = await approvals.openCard(REFUND);
  /** One key, and where focus must land after it. */
  const press = async (key: string, focused: Locator) => {
    await page.keyboard.press(key);
    await expect(focused).toBeFocused();
  };
  // From the payload block (the last focusable thing before the buttons), by keyboard only.
  await card.payload.focus();
  await press('Tab', card.approveButton);
  await press('Tab', card.rejectButton);
  // Opening the form puts focus in the reason; cancelling puts it back on Reject, never nowhere.
  await press('Enter', card.reason);
  // With no reason yet, Confirm is disabled and Tab goes straight to Cancel.
  await press('Tab', card.cancelRejection);
  await press('Enter', card.rejectButton);
  await press('Enter', card.reason);
  await page.keyboard.type('Not needed any more');
  await press('Tab', card.confirmRejection);
  await page.keyboard.press('Enter');
  await expect(card).toBeDecided('rejected');
});

test('a decision the server forbids is explained and rolled back', async ({ approvals, mocks, consoleGuard }) => {
  consoleGuard.allow(/status of 403/);
  const card = await approveRefused(approvals, mocks, 403);
  await expect(card.error).toContainText('You do not have permission to do this');
  await expect(card).toBeDecided('pending');
});
