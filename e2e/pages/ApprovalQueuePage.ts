import { expect, type Locator, type Page } from '@playwright/test';
import { ApprovalCard } from './components/ApprovalCard';
import { ConsolePage } from './ConsolePage';

export class ApprovalQueuePage extends ConsolePage {
  readonly proposals: Locator;
  readonly pendingCount: Locator;
  readonly unreadable: Locator;

  constructor(page: Page) {
    super(page, '/approvals', 'Approval queue');
    this.proposals = page.getByRole('region', { name: 'Proposals' });
    this.pendingCount = page.getByText(/wait(s)? for review/);
    this.unreadable = this.proposals.getByRole('list', { name: 'Unreadable proposals' });
  }

  card(title: string): ApprovalCard {
    return new ApprovalCard(this.proposals, title);
  }

  /** Opens the queue and returns the card once it can be decided (its proposal loaded, its buttons live). */
  async openCard(title: string): Promise<ApprovalCard> {
    await this.goto();
    const card = this.card(title);
    await expect(card.approveButton).toBeEnabled();
    return card;
  }
}
