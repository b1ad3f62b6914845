import { expect, type Locator, type Page } from '@playwright/test';

export class SignInPage {
  readonly username: Locator;
  readonly password: Locator;
  readonly submit: Locator;
  readonly notice: Locator;
  readonly error: Locator;
  readonly heading: Locator;

  constructor(readonly page: Page) {
    this.username = page.getByLabel('Username');
    this.password = page.getByLabel('Password');
    this.submit = page.getByRole('button', { name: 'Sign in' });
    this.notice = page.getByRole('status');
    this.error = page.getByRole('alert');
    this.heading = page.getByRole('heading', { name: 'Sign in to Agent Console' });
  }

  async goto(origin = ''): Promise<void> {
    await this.page.goto(`${origin}/sign-in`);
  }

  /** Signs in and waits for the console to open. */
  async signIn(username: string, password: string): Promise<void> {
    await this.attempt(username, password);
    await expect(this.page.getByRole('navigation', { name: 'Main' })).toBeVisible();
  }

  /** Submits the form without expecting it to succeed. */
  async attempt(username: string, password: string): Promise<void> {
    await this.username.fill(username);
    await this.password.fill(password);
    await this.submit.click();
  }
}
