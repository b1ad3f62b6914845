import type { Locator, Page } from '@playwright/test';

/** The console's frame around every page: main navigation and the notices shown above any page. */
export class Shell {
  readonly navigation: Locator;
  /** What the mock backend says about itself (an unknown scenario, a worker that did not start). */
  readonly mockBanner: Locator;
  readonly signOutButton: Locator;

  constructor(readonly page: Page) {
    this.navigation = page.getByRole('navigation', { name: 'Main' });
    this.mockBanner = page.getByRole('alert', { name: 'Mock backend' });
    this.signOutButton = page.getByRole('button', { name: 'Sign out' });
  }

  async open(section: 'Dashboard' | 'Approvals' | 'Observability'): Promise<void> {
    await this.navigation.getByRole('link', { name: section }).click();
  }

  /** A notice (storage, session), found by what it says; the first when the page repeats it. */
  notice(text: string | RegExp): Locator {
    return this.page.getByRole('status').or(this.page.getByRole('alert')).filter({ hasText: text }).first();
  }
}
