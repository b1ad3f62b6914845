import { MOCK_PASSWORD } from '../../fixtures/db';
import { expect, test } from '../fixtures/test';
import { SignInPage } from '../pages/SignInPage';

test.use({ storageState: { cookies: [], origins: [] } });

test("a wrong password shows the server's own message, once", async ({ page, consoleGuard }) => {
  consoleGuard.allow(/status of 401/);
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.attempt('riley', 'not-the-password');
  await expect(signIn.error).toHaveText('Wrong username or password.');
  await expect(signIn.notice).toHaveCount(0);
});

test('a session token over 4 KB survives a reload', async ({ page, mocks, dashboard }) => {
  const token = `mock.riley.${'x'.repeat(6_000)}`;
  await mocks.failOnLoad({
    method: 'POST',
    path: '/api/auth/sign-in',
    status: 200,
    body: { token, user: { name: 'Riley Reviewer', role: 'reviewer' }, expiresAt: '2099-01-01T00:00:00.000Z' },
  });
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn('riley', MOCK_PASSWORD);
  await page.reload();
  await expect(dashboard.heading).toBeVisible();
  await expect(dashboard.task('Reconcile invoices').root).toBeVisible();
});

test('an expired session is not used: the sign-in page says it expired', async ({ page, context, baseURL }) => {
  const expired = { token: 'mock.riley', user: { name: 'Riley Reviewer', role: 'reviewer' }, expiresAt: '2020-01-01T00:00:00.000Z' };
  // A browser that kept the cookie past its expiry (a restored session, a wrong clock) still holds it.
  await context.addCookies([{ name: 'agent-console-session', value: encodeURIComponent(JSON.stringify(expired)), url: baseURL ?? '' }]);
  await page.goto('/dashboard');
  const signIn = new SignInPage(page);
  await expect(signIn.notice).toHaveText('Your session expired. Sign in again.');
});
