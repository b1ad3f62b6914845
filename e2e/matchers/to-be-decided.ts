import { expect as base, type ExpectMatcherState } from '@playwright/test';
import type { ApprovalCard } from '../pages/components/ApprovalCard';

const LABEL = { approved: 'Approved', rejected: 'Rejected', pending: 'Waiting for review', expired: 'Expired' } as const;

/** `await expect(card).toBeDecided('approved')`: the card's status badge shows that decision (`.not`: until it does not). */
export async function toBeDecided(this: ExpectMatcherState, card: ApprovalCard, decision: keyof typeof LABEL, options: { timeout?: number } = {}) {
  const label = LABEL[decision];
  const timeout = options.timeout ?? this.timeout;
  const settled = await (this.isNot ? base(card.status).not.toHaveText(label, { timeout }) : base(card.status).toHaveText(label, { timeout })).then(
    () => true,
    () => false,
  );
  const actual = await card.status.textContent({ timeout: 1_000 }).catch(() => 'nothing');
  return {
    pass: this.isNot ? !settled : settled,
    message: () => `expected "${card.title}" ${this.isNot ? 'not ' : ''}to be ${decision}, but its status reads "${actual}"`,
    name: 'toBeDecided',
  };
}
