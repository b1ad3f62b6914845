import { defineConfig } from '@playwright/test';

// A pull request's E2E run in miniature, for the verdict and audit tests (flake/verdict.test.ts):
// one retry as in the real suite, the JSON report the PR jobs read.
export default defineConfig({
  testDir: '.',
  testMatch: /pr-run\.spec\.ts/,
  workers: 2,
  retries: 1,
  reporter: [['json', { outputFile: process.env.PR_RUN_REPORT ?? '../../.cache/flake-test-data/pr-run.json' }]],
  use: { trace: 'retain-on-failure' },
  outputDir: process.env.PR_RUN_OUTPUT ?? '../../.cache/flake-test-data/pr-run-results',
});
