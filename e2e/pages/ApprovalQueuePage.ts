import type { Locator, Page } from '@playwright/test';
import { ApprovalCard } from './components/ApprovalCard';
import { LiveNotice } from './components/LiveNotice';

export class ApprovalQueuePage {
  readonly heading: Locator;
  readonly proposals: Locator;
  readonly pendingCount: Locator;
  readonly liveNotice: LiveNotice;
  readonly unreadable: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Approval queue', level: 1 });
    this.proposals = page.getByRole('region', { name: 'Proposals' });
    this.pendingCount = page.getByText(/wait(s)? for review/);
    this.liveNotice = new LiveNotice(page.getByRole('main'));
    this.unreadable = this.proposals.getByRole('list', { name: 'Unreadable proposals' });
  }

  async goto(): Promise<void> {
    await this.page.goto('/approvals');
  }

  card(title: string): ApprovalCard {
    return new ApprovalCard(this.proposals, title);
  }
}
