// `npx playwright merge-reports --config e2e/merge.config.ts <dir of blob reports>`: the E2E shards'
// blob reports joined into one HTML report, one JUnit file (retries included) and one JSON report
// (which the gate's verdict reads: flakes, quarantines).
export default {
  testDir: '.',
  reporter: [
    ['html', { open: 'never', outputFolder: '../playwright-report' }],
    ['junit', { outputFile: '../test-results/junit.xml', includeRetries: true }],
    ['json', { outputFile: '../test-results/results.json' }],
  ],
};
