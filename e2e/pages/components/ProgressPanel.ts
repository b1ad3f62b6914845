import type { Locator, Page } from '@playwright/test';

/** One task's card on the dashboard: its status badge, progress bar and stream notices. */
export class ProgressPanel {
  readonly root: Locator;
  readonly progressBar: Locator;
  readonly status: Locator;
  readonly error: Locator;
  readonly startButton: Locator;
  readonly retryButton: Locator;

  constructor(
    scope: Locator,
    readonly title: string,
  ) {
    this.root = scope.getByRole('article', { name: title });
    this.progressBar = this.root.getByRole('progressbar', { name: `${title} progress` });
    // The status badge has no role that fits (it is neither a live region nor a control).
    this.status = this.root.getByTestId('status');
    this.error = this.root.getByRole('alert');
    this.startButton = this.root.getByRole('button', { name: `Start ${title}` });
    this.retryButton = this.root.getByRole('button', { name: `Retry ${title}` });
  }

  async start(): Promise<void> {
    await this.startButton.click();
  }

  /**
   * Records every value the progress bar shows from now on (a MutationObserver in the page), so a
   * test can prove nothing was skipped or repeated. Returns a reader of the values so far.
   */
  async recordProgressValues(page: Page): Promise<() => number[]> {
    const seen: number[] = [];
    const name = `recordProgress_${Math.random().toString(36).slice(2)}`;
    await page.exposeFunction(name, (value: number) => seen.push(value));
    await this.progressBar.evaluate((bar, callback) => {
      const report = (window as unknown as Record<string, (value: number) => void>)[callback];
      new MutationObserver(() => report?.(Number(bar.getAttribute('aria-valuenow')))).observe(bar, { attributes: true, attributeFilter: ['aria-valuenow'] });
    }, name);
    return () => [...seen];
  }
}
