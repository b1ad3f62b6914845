import { defineConfig, mergeConfig } from 'vitest/config';
import viteConfig from './vite.config.ts';

/**
 * The unit tests alone (jsdom), for mutation testing: Stryker's Vitest runner runs every project
 * of the config it is given and cannot pick one, and the Storybook projects need a browser.
 * Keep `include` and `setupFiles` in step with the "unit" project of vitest.config.ts.
 */
export default mergeConfig(
  viteConfig({ command: 'serve', mode: 'test' }),
  defineConfig({
    test: {
      environment: 'jsdom',
      globals: true,
      include: [
        'src/**/*.test.{ts,tsx}',
        'fixtures/**/*.test.ts',
        'test/**/*.test.{ts,tsx}',
        // The harness's tests of the areas it mutates (scripts/mutation-areas.mjs) that run in the
        // process: those that start Playwright, Chromium or a Storybook build cost each mutant minutes.
        'flake/{score,signature,ledger,report,audit,verdict}.test.ts',
        'visual/{judge,judge.outcomes,compare,structure,causes,match-nodes,baseline-names,only-changed,review}.test.ts',
      ],
      setupFiles: ['test/setup-unit.ts'],
      restoreMocks: true,
      // Each property runs once per mutant: a tenth of its runs (see test/property-runs.ts).
      env: { PROPERTY_RUNS_SCALE: '0.1' },
    },
  }),
);
