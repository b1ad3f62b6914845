import { defineConfig, devices } from '@playwright/test';
import { NETWORK_PORT, WORKER_PORT } from './e2e/support/ports';
import type { Transport } from './e2e/support/roles';
import { chromiumLaunchOptions } from './scripts/browser.mjs';
import { E2E_BUILD } from './scripts/build-app.mjs';

const CI = Boolean(process.env.CI);
// The pinned Node that runs this config runs the mock servers too, whatever node is first on PATH.
const tsx = `${JSON.stringify(process.execPath)} node_modules/tsx/dist/cli.mjs fixtures/adapters/serve.ts --static ${E2E_BUILD.outDir}`;

// --headed, --ui and --debug show the browser, which the headless shell cannot (scripts/browser.mjs).
// Each worker loads this file again without those arguments, so the choice travels in the environment.
if (process.argv.some((arg) => /^--(headed|ui|debug)\b/.test(arg)) || process.env.PWDEBUG) process.env.AGENT_CONSOLE_HEADED = '1';
const headless = !process.env.AGENT_CONSOLE_HEADED;

const NETWORK_SPECS = /tests\/(progress-streaming|live-updates|approval-queue|hostile-backend(-stream|-data)?|observability)\.spec\.ts/;

export default defineConfig<{ transport: Transport }>({
  testDir: 'e2e',
  forbidOnly: CI,
  // One retry, here as in CI: a failed test runs again with its trace recorded (below). A test that
  // passes only on retry still fails the gate (scripts/playwright-verdict.mjs).
  retries: 1,
  workers: 2,
  // Clears the page snapshots' folder, whose teardown writes their report (visual/page-snapshot.ts),
  // and the folder of the app's coverage counts (e2e/fixtures/app-coverage.ts); gives the run a
  // temporary folder of its own, removed at its end.
  globalSetup: ['./e2e/support/run-temp-dir.ts', './e2e/support/page-run.ts', './e2e/support/coverage-run.ts'],
  fullyParallel: true,
  timeout: 20_000,
  expect: { timeout: 5_000 },
  reporter: [
    ['list'],
    // What differed between a failed attempt and its passing retry; before html and blob, which show what it attaches.
    ['./flake/attempt-diff-reporter.ts'],
    ['html', { open: 'never', outputFolder: 'playwright-report' }],
    ['junit', { outputFile: 'test-results/junit.xml', includeRetries: true }],
    ['blob', { outputDir: 'blob-report' }],
    ['json', { outputFile: 'test-results/results.json' }],
  ],
  use: {
    // The trace of a failed test is recorded on its retry: recording one for every attempt, to keep
    // only the failed ones, costs a third more CPU (docs/performance.md).
    // The nightly flake run (no retries) keeps the trace of every failed attempt (flake/run.ts).
    trace: 'on-first-retry',
    screenshot: 'only-on-failure',
    launchOptions: chromiumLaunchOptions({ headless }),
    ...devices['Desktop Chrome'],
    viewport: { width: 1280, height: 900 },
  },
  projects: [
    // Each project waits only for its own sign-ins, so the in-page suites start while the
    // network sign-in is still running.
    { name: 'setup', testMatch: /auth\.setup\.ts/, grepInvert: /over the network/, use: { baseURL: `http://localhost:${WORKER_PORT}` } },
    { name: 'setup-network', testMatch: /auth\.setup\.ts/, grep: /over the network/, use: { baseURL: `http://localhost:${NETWORK_PORT}` } },
    // Quarantined tests (e2e/support/quarantine.ts) run in their own projects: reported, never gating.
    {
      name: 'chromium',
      testMatch: /tests\/.*\.spec\.ts/,
      grepInvert: /@quarantine/,
      dependencies: ['setup'],
      use: { baseURL: `http://localhost:${WORKER_PORT}` },
    },
    {
      name: 'network',
      testMatch: NETWORK_SPECS,
      grepInvert: /@quarantine/,
      dependencies: ['setup-network'],
      use: { baseURL: `http://localhost:${NETWORK_PORT}`, transport: 'network' },
    },
    // The real Prometheus and Alertmanager over the mock services (e2e/support/monitoring-stack.ts).
    // Their tests wait on what the programs do on compressed time (an incident is 20-30 s of it), so they get 60 s.
    { name: 'monitoring', testMatch: /monitoring\/.*\.spec\.ts/, timeout: 60_000 },
    // The visual review page against a report written in the test: no console, no sign-in.
    { name: 'visual-review', testDir: 'visual', testMatch: /review-page\.spec\.ts/ },
    {
      name: 'quarantine',
      testMatch: /tests\/.*\.spec\.ts/,
      grep: /@quarantine/,
      dependencies: ['setup'],
      use: { baseURL: `http://localhost:${WORKER_PORT}` },
    },
    {
      name: 'quarantine-network',
      testMatch: NETWORK_SPECS,
      grep: /@quarantine/,
      dependencies: ['setup-network'],
      use: { baseURL: `http://localhost:${NETWORK_PORT}`, transport: 'network' },
    },
  ],
  webServer: [
    {
      command: `${JSON.stringify(process.execPath)} scripts/build-app.mjs --e2e && ${tsx} --port ${WORKER_PORT} --app-mocks`,
      url: `http://localhost:${WORKER_PORT}/console-config.js`,
      reuseExistingServer: !CI,
      timeout: 120_000,
    },
    {
      command: `${tsx} --port ${NETWORK_PORT}`,
      url: `http://localhost:${NETWORK_PORT}/console-config.js`,
      reuseExistingServer: !CI,
      timeout: 120_000,
    },
  ],
});
