import { availableParallelism } from 'node:os';
import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import type { Plugin } from 'vite';
import { defineConfig, mergeConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './scripts/browser.mjs';
import EnvironmentSequencer from './test/environment-sequencer.ts';
import viteConfig from './vite.config.ts';

/**
 * Test files run beside the stories, in the same browser and CSS (the every-theme check's own test).
 * The Storybook plugin sets the project's `include` to the stories and drops one given in the config;
 * Vite adds up the `include` lists plugins return, so one returned after it is kept.
 */
function alsoInclude(globs: string[]): Plugin {
  return { name: 'agent-console:also-include', config: () => ({ test: { include: globs } }) };
}

export default mergeConfig(
  viteConfig({ command: 'serve', mode: 'test' }),
  defineConfig({
    test: {
      // At least two workers: Vitest's default (one fewer than the cores) leaves a 2-core machine one,
      // and the unit files and the Storybook browser then take turns (docs/performance.md).
      maxWorkers: Math.max(2, availableParallelism() - 1),
      // Files of one environment run next to each other, so a worker is handed the next file rather
      // than ended and started again (test/environment-sequencer.ts).
      sequence: { sequencer: EnvironmentSequencer },
      // The run's temporary files (test folders, spawned runs' output) live in one folder, removed at its end.
      globalSetup: ['test/run-temp-dir.ts'],
      // Off unless asked for (--coverage): the gate asks; a developer running one file does not pay for it.
      coverage: {
        // Istanbul instruments only src/ at transform time; V8's precise coverage slows every script
        // in the page, React's included, and doubled the Storybook project's time (docs/performance.md).
        provider: 'istanbul',
        include: ['src/**/*.{ts,tsx}'],
        exclude: ['src/**/*.test.{ts,tsx}', 'src/**/*.d.ts'],
        // Vitest's share of the merged coverage: scripts/coverage/merge.ts adds the E2E suite's, writes
        // coverage/ and judges the floors in coverage-floor.json.
        reporter: ['text-summary', 'json'],
        reportsDirectory: '.cache/coverage-vitest',
      },
      projects: [
        {
          extends: true,
          test: {
            name: 'unit',
            environment: 'jsdom',
            // One module cache and jsdom per worker, not per file: half the unit stage's time was
            // building them again for each of its files. test/setup-unit.ts resets what a test leaves.
            isolate: false,
            globals: true,
            include: [
              'src/**/*.test.{ts,tsx}',
              'fixtures/**/*.test.ts',
              'visual/**/*.test.ts',
              'test/**/*.test.{ts,tsx}',
              'flake/**/*.test.ts',
              'monitoring/**/*.test.ts',
            ],
            setupFiles: ['test/setup-unit.ts'],
            restoreMocks: true,
          },
        },
        // Every story rendered once, its play function run and axe run in every theme: contrast
        // differs between them (.storybook/other-themes-a11y.ts). One project, not one per theme:
        // the theme is CSS alone, so a second render per theme ran the same play twice (docs/performance.md).
        {
          extends: true,
          plugins: [storybookTest({ configDir: '.storybook' }), alsoInclude(['.storybook/**/*.test.ts'])],
          define: { 'import.meta.env.STORYBOOK_A11Y_EVERY_THEME': JSON.stringify('true') },
          test: {
            name: 'storybook',
            // One page for all story files, not a fresh iframe (and module graph) per file: each story
            // already starts clean (Storybook unmounts the last story, the preview's beforeEach gives it
            // a fresh backend), and the module graph is loaded once (docs/performance.md).
            isolate: false,
            browser: {
              enabled: true,
              headless: true,
              provider: playwright({ launchOptions: chromiumLaunchOptions() }),
              instances: [{ browser: 'chromium' as const }],
            },
          },
        },
      ],
    },
  }),
);
