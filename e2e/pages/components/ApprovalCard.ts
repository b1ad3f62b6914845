import type { Locator } from '@playwright/test';

/** One proposal in the approval queue. */
export class ApprovalCard {
  readonly root: Locator;
  readonly status: Locator;
  readonly approveButton: Locator;
  readonly rejectButton: Locator;
  readonly reason: Locator;
  readonly confirmRejection: Locator;
  readonly cancelRejection: Locator;
  readonly error: Locator;
  readonly note: Locator;
  readonly showMore: Locator;
  readonly heading: Locator;
  readonly payload: Locator;
  readonly draftSaved: Locator;
  readonly retryDecision: Locator;

  constructor(scope: Locator, readonly title: string) {
    this.root = scope.getByRole('article', { name: title });
    // The status badge has no role that fits (it is neither a live region nor a control).
    this.status = this.root.getByTestId('status');
    this.approveButton = this.root.getByRole('button', { name: 'Approve' });
    this.rejectButton = this.root.getByRole('button', { name: 'Reject' });
    this.reason = this.root.getByLabel('Reason for rejecting');
    this.confirmRejection = this.root.getByRole('button', { name: 'Confirm rejection' });
    this.cancelRejection = this.root.getByRole('button', { name: 'Cancel' });
    this.error = this.root.getByRole('alert');
    this.note = this.root.getByRole('status').filter({ hasNotText: /^Draft/ });
    this.showMore = this.root.getByRole('button', { name: /^Show all of the / });
    this.heading = this.root.getByRole('heading', { level: 3 });
    this.payload = this.root.getByLabel('Proposed payload');
    this.retryDecision = this.root.getByRole('button', { name: 'Retry decision' });
    this.draftSaved = this.root.getByRole('status', { name: 'Draft' }).filter({ hasText: 'Draft saved' });
  }

  async approve(): Promise<void> {
    await this.approveButton.click();
  }

  /** The card's text, for checking what it shows in full. */
  text(content: string): Locator {
    return this.root.getByText(content, { exact: true });
  }

  /** Types an unsent rejection reason and waits until it is stored (so a reload keeps it). */
  async draftReason(reason: string): Promise<void> {
    await this.rejectButton.click();
    await this.reason.fill(reason);
    await this.draftSaved.waitFor();
  }

  async reject(reason: string): Promise<void> {
    await this.rejectButton.click();
    await this.reason.fill(reason);
    await this.confirmRejection.click();
  }
}
