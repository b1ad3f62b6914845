import { storybookTest } from '@storybook/addon-vitest/vitest-plugin';
import { playwright } from '@vitest/browser-playwright';
import { defineConfig, mergeConfig } from 'vitest/config';
import { chromiumLaunchOptions } from './scripts/browser.mjs';
import { THEMES } from './.storybook/visual-parameters.ts';
import viteConfig from './vite.config.ts';

export default mergeConfig(viteConfig({ command: 'serve', mode: 'test' }), defineConfig({
  test: {
    projects: [
      {
        extends: true,
        test: {
          name: 'unit',
          environment: 'jsdom',
          globals: true,
          include: ['src/**/*.test.{ts,tsx}', 'fixtures/**/*.test.ts', 'visual/**/*.test.ts', 'test/**/*.test.{ts,tsx}', 'flake/**/*.test.ts'],
          setupFiles: ['test/setup-unit.ts'],
          restoreMocks: true,
        },
      },
      // Every story, play function and a11y check once per theme: contrast differs between them.
      ...THEMES.map((theme) => ({
        extends: true,
        plugins: [storybookTest({ configDir: '.storybook' })],
        define: { 'import.meta.env.STORYBOOK_THEME': JSON.stringify(theme) },
        test: {
          name: `storybook-${theme}`,
          browser: {
            enabled: true,
            headless: true,
            provider: playwright({ launchOptions: chromiumLaunchOptions() }),
            instances: [{ browser: 'chromium' as const }],
          },
        },
      })),
    ],
  },
}));
