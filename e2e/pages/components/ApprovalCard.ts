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

  constructor(scope: Locator, readonly title: string) {
    this.root = scope.getByRole('article', { name: title });
    this.status = this.root.locator('.badge');
    this.approveButton = this.root.getByRole('button', { name: 'Approve' });
    this.rejectButton = this.root.getByRole('button', { name: 'Reject' });
    this.reason = this.root.getByLabel('Reason for rejecting');
    this.confirmRejection = this.root.getByRole('button', { name: 'Confirm rejection' });
    this.cancelRejection = this.root.getByRole('button', { name: 'Cancel' });
    this.error = this.root.getByRole('alert');
    this.note = this.root.getByRole('status');
    this.showMore = this.root.getByRole('button', { name: /^Show all of the / });
    this.heading = this.root.getByRole('heading', { level: 3 });
    this.payload = this.root.getByLabel('Proposed payload');
  }

  async approve(): Promise<void> {
    await this.approveButton.click();
  }

  async reject(reason: string): Promise<void> {
    await this.rejectButton.click();
    await this.reason.fill(reason);
    await this.confirmRejection.click();
  }
}
