import { FOREIGN_FILLER_PREFIX } from '../../fixtures/adapters/fill-storage';
import { expect, test } from '../fixtures/test';

// Real Chromium, real quota: localStorage is filled with another app's data before the app loads.
test('with localStorage full, the dashboard layout and a draft survive a reload', async ({ dashboard, approvals, page }) => {
  await dashboard.goto('?scenario=quota-full');
  // The mock backend fills storage before the app renders, so a rendered heading means storage is full.
  await expect(dashboard.heading).toBeVisible();
  const quota = await page.evaluate(() => {
    let chars = 0;
    for (let i = 0; i < localStorage.length; i += 1) {
      const key = localStorage.key(i) ?? '';
      chars += key.length + (localStorage.getItem(key) ?? '').length;
    }
    return chars;
  });
  test.info().annotations.push({ type: 'localStorage quota (characters)', description: String(quota) });
  expect(quota).toBeGreaterThan(1_000_000);
  await dashboard.alerts.remove();
  await expect(dashboard.shell.notice('Browser storage is full; this change was saved to IndexedDB instead.')).toBeVisible();
  await approvals.goto();
  // Waits for "Draft saved": the write to IndexedDB has landed before the reload.
  await approvals.card('Refund order #4471').draftReason('Written while storage was full');
  await page.reload();
  await expect(approvals.card('Refund order #4471').reason).toHaveValue('Written while storage was full');
  await dashboard.goto();
  await expect(dashboard.metrics.root).toBeVisible();
  await expect(dashboard.alerts.root).toHaveCount(0);
  expect(await page.evaluate((prefix) => localStorage.getItem(`${prefix}0`)?.length, FOREIGN_FILLER_PREFIX)).toBe(1 << 20);
});

test('with IndexedDB unavailable too, the app says changes will not persist and keeps working', async ({ dashboard, page }) => {
  await page.addInitScript(() => {
    Object.defineProperty(window, 'indexedDB', { value: undefined, configurable: true });
  });
  await dashboard.goto('?scenario=quota-full');
  await dashboard.alerts.remove();
  await expect(dashboard.shell.notice('Browser storage is unavailable')).toBeVisible();
  await expect(dashboard.alerts.root).toHaveCount(0);
  await expect(dashboard.metrics.root).toContainText('Tasks completed / h');
});
