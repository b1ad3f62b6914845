import { defineConfig } from '@playwright/test';

// A miniature E2E layout (tests, page objects, fixtures, matchers) for the burn-in's selection and
// its runs (flake/burn-in.test.ts). No browser: the "pages" are plain objects.
export default defineConfig({
  testDir: '.',
  testMatch: /tests\/.*\.spec\.ts/,
  workers: 2,
  retries: 1,
  reporter: 'list',
  outputDir: process.env.BURN_IN_FIXTURE_OUTPUT ?? '../../../.cache/flake-test-data/burn-in-results',
});
