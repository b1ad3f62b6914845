import { defineConfig } from '@playwright/test';
import { chromiumLaunchOptions } from '../../../scripts/browser.mjs';

// A test that flips for a known reason (two requests answered in the other order), for the attempt
// diff (flake/attempt-diff.test.ts). The diff reporter comes first: the JSON report after it shows
// the attachment it adds, as the HTML report does.
export default defineConfig({
  testDir: '.',
  testMatch: /order\.spec\.ts/,
  workers: 1,
  retries: Number(process.env.ATTEMPT_DIFF_RETRIES ?? '1'),
  reporter: [
    ['../../attempt-diff-reporter.ts'],
    ['json', { outputFile: process.env.ATTEMPT_DIFF_REPORT ?? '../../../.cache/flake-test-data/attempt-diff.json' }],
  ],
  use: { launchOptions: chromiumLaunchOptions({ headless: true }) },
  outputDir: process.env.ATTEMPT_DIFF_OUTPUT ?? '../../../.cache/flake-test-data/attempt-diff-results',
});
