import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../scripts/browser.mjs';

// What a user would pick instead of our runner: Playwright's own toHaveScreenshot, one test per
// story and mode, against the same Storybook build, Chromium and worker count. Used by npm run bench.
export default defineConfig({
  testDir: '.',
  testMatch: /stories\.spec\.ts/,
  workers: 2,
  fullyParallel: true,
  reporter: 'dot',
  outputDir: '../../.cache/to-have-screenshot/results',
  snapshotPathTemplate: '../../.cache/to-have-screenshot/snapshots/{arg}{ext}',
  use: { launchOptions: chromiumLaunchOptions(), viewport: { width: 900, height: 700 }, deviceScaleFactor: 1 },
});
