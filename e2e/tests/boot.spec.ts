import { expect, test } from '../fixtures/test';

// Runs in the "chromium" project only (the network project's console has no mock worker to lose).
test('when the mock worker cannot start, the console says so instead of showing a blank page', async ({ dashboard, page, consoleGuard }) => {
  consoleGuard.allow(/mock backend did not start/);
  // A browser that refuses service workers (a policy, a private mode): the worker cannot register.
  await page.addInitScript(() => {
    Object.defineProperty(navigator.serviceWorker, 'register', { value: () => Promise.reject(new Error('service workers are blocked here')) });
  });
  await dashboard.goto();
  await expect(dashboard.shell.mockBanner).toContainText('The mock backend did not start');
  await expect(dashboard.heading).toBeVisible();
});
