import type { Locator, Page } from '@playwright/test';
import { LiveNotice } from './components/LiveNotice';
import { Shell } from './components/Shell';

/** What every page of the console has: its address, its heading, the shell around it and the live-updates notice. */
export abstract class ConsolePage {
  readonly heading: Locator;
  readonly shell: Shell;
  readonly liveNotice: LiveNotice;

  /** `liveScope`: where the page shows its live notice, when not in its main region. */
  protected constructor(
    readonly page: Page,
    private readonly path: string,
    headingName: string,
    liveScope?: Locator,
  ) {
    this.heading = page.getByRole('heading', { name: headingName, level: 1 });
    this.shell = new Shell(page);
    this.liveNotice = new LiveNotice(liveScope ?? page.getByRole('main'));
  }

  /** Opens the page; `query` is appended to its path (`?scenario=empty`). */
  async goto(query = ''): Promise<void> {
    await this.page.goto(`${this.path}${query}`);
  }
}
