import type { Locator, Page } from '@playwright/test';
import { ApprovalCard } from './components/ApprovalCard';

export class ApprovalQueuePage {
  readonly heading: Locator;
  readonly proposals: Locator;
  readonly pendingCount: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Approval queue', level: 1 });
    this.proposals = page.getByRole('region', { name: 'Proposals' });
    this.pendingCount = page.getByText(/wait(s)? for review/);
  }

  async goto(): Promise<void> {
    await this.page.goto('/approvals');
  }

  card(title: string): ApprovalCard {
    return new ApprovalCard(this.proposals, title);
  }
}
