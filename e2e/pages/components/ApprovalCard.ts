import { expect, type Locator } from '@playwright/test';

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
  /** The warning that the proposal's text holds invisible or direction-changing characters. */
  readonly hiddenCharacters: Locator;

  constructor(
    scope: Locator,
    readonly title: string,
  ) {
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
    this.hiddenCharacters = this.root.getByRole('note').filter({ hasText: 'invisible or direction-changing characters' });
    this.draftSaved = this.root.getByRole('status', { name: 'Draft' }).filter({ hasText: 'Draft saved' });
  }

  async approve(): Promise<void> {
    await this.approveButton.click();
  }

  /**
   * Waits until the server's answer to a decision has landed (the card is no longer busy). The
   * badge shows the decision at the click, before that: leaving the page then can beat the
   * decision to the server (the audit log lacked it) or the end of its trace (the traces list
   * lacked the action). Both were seen over the network, once in a full E2E run and 1 of 40 runs
   * on a loaded machine; 0 of 80 with this wait.
   */
  async waitForAnswer(): Promise<void> {
    await expect(this.root).toHaveAttribute('aria-busy', 'false');
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
