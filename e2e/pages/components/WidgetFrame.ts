import type { Locator, Page } from '@playwright/test';

/** A dashboard widget's lifecycle shell, found by its heading. */
export class WidgetFrame {
  readonly root: Locator;
  readonly skeleton: Locator;
  readonly error: Locator;
  readonly retryButton: Locator;
  readonly refreshButton: Locator;
  readonly staleNotice: Locator;
  readonly removeButton: Locator;
  readonly table: Locator;

  constructor(
    page: Page,
    readonly title: string,
  ) {
    this.root = page.getByRole('region', { name: title });
    this.skeleton = this.root.getByRole('status', { name: `Loading ${title}` });
    this.error = this.root.getByRole('alert');
    this.retryButton = this.root.getByRole('button', { name: `Retry ${title}` });
    this.refreshButton = this.root.getByRole('button', { name: `Refresh ${title}` });
    this.staleNotice = this.root.getByRole('status').filter({ hasText: 'Showing the last data we had' });
    this.removeButton = this.root.getByRole('button', { name: `Remove ${title} widget` });
    this.table = this.root.getByRole('table');
  }

  async refresh(): Promise<void> {
    await this.refreshButton.click();
  }

  async remove(): Promise<void> {
    await this.removeButton.click();
  }
}
