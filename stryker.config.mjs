// Mutation testing of the console's logic and the harness's with the unit tests (docs/testing.md, "Mutation testing").
import { AREAS, NOT_MUTATED } from './scripts/mutation-areas.mjs';

// `npm run test:mutation` runs it incrementally: only mutants in code or tests that changed since
// the last run (reports/stryker-incremental.json) are tested again. The nightly run passes --force.
/** @type {import('@stryker-mutator/api/core').PartialStrykerOptions} */
export default {
  testRunner: 'vitest',
  plugins: ['@stryker-mutator/vitest-runner'],
  vitest: { configFile: 'vitest.mutation.config.ts', related: true },
  // Every area of scripts/mutation-areas.mjs: the console's logic and the harness's own.
  mutate: [...Object.values(AREAS).flat(), ...NOT_MUTATED.map((glob) => `!${glob}`)],
  coverageAnalysis: 'perTest',
  // Mutants in code that runs when a module loads (stories and fixtures compute their data at
  // import) would each need the whole suite; they are reported as ignored instead of taking hours.
  ignoreStatic: true,
  incremental: true,
  incrementalFile: 'reports/mutation/stryker-incremental.json',
  reporters: ['clear-text', 'progress', 'html', 'json'],
  htmlReporter: { fileName: 'reports/mutation/index.html' },
  jsonReporter: { fileName: 'reports/mutation/mutation.json' },
  thresholds: { high: 80, low: 65, break: null },
  concurrency: 2,
  timeoutMS: 5_000,
  tempDirName: '.stryker-tmp',
  cleanTempDir: 'always',
};
