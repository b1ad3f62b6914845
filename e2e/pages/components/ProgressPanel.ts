import type { Locator } from '@playwright/test';

/** One task's card on the dashboard: its status badge, progress bar and stream notices. */
export class ProgressPanel {
  readonly root: Locator;
  readonly progressBar: Locator;
  readonly status: Locator;
  readonly streamNotice: Locator;
  readonly error: Locator;
  readonly startButton: Locator;
  readonly retryButton: Locator;

  constructor(scope: Locator, readonly title: string) {
    this.root = scope.getByRole('article', { name: title });
    this.progressBar = this.root.getByRole('progressbar', { name: `${title} progress` });
    this.status = this.root.locator('.badge');
    this.streamNotice = this.root.getByRole('status');
    this.error = this.root.getByRole('alert');
    this.startButton = this.root.getByRole('button', { name: `Start ${title}` });
    this.retryButton = this.root.getByRole('button', { name: `Retry ${title}` });
  }

  async start(): Promise<void> {
    await this.startButton.click();
  }
}
