import { expect as base, type ExpectMatcherState } from '@playwright/test';
import type { ProgressPanel } from '../pages/components/ProgressPanel';

/** `await expect(panel).toHaveProgress(50)`: the task's progress bar reports that value (`.not`: until it does not). */
export async function toHaveProgress(this: ExpectMatcherState, panel: ProgressPanel, value: number, options: { timeout?: number } = {}) {
  const now = String(value);
  const timeout = options.timeout ?? this.timeout;
  const settled = await (
    this.isNot
      ? base(panel.progressBar).not.toHaveAttribute('aria-valuenow', now, { timeout })
      : base(panel.progressBar).toHaveAttribute('aria-valuenow', now, { timeout })
  ).then(
    () => true,
    () => false,
  );
  const actual = await panel.progressBar.getAttribute('aria-valuenow', { timeout: 1_000 }).catch(() => 'no progress bar');
  return {
    pass: this.isNot ? !settled : settled,
    message: () => `expected "${panel.title}" ${this.isNot ? 'not ' : ''}to show ${value}%, but it shows ${actual}`,
    name: 'toHaveProgress',
  };
}
