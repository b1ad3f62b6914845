import { readFileSync } from 'node:fs';
import { expect, test } from '@playwright/test';

// One test per story and theme, the way the Playwright docs write visual tests for Storybook.
const { baseUrl, stories } = JSON.parse(readFileSync(process.env.BENCH_STORIES ?? '', 'utf8')) as { baseUrl: string; stories: string[] };

for (const id of stories) {
  for (const theme of ['light', 'dark']) {
    test(`${id} ${theme}`, async ({ page }) => {
      await page.goto(`${baseUrl}iframe.html?id=${id}&viewMode=story&globals=theme:${theme}`);
      await expect(page.locator('#storybook-root')).toHaveScreenshot(`${id}@${theme}.png`, { animations: 'disabled' });
    });
  }
}
