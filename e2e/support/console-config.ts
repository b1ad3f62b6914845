import type { Page } from '@playwright/test';

/** The settings of /console-config.js these tests change (src/config/runtime-config.ts). */
interface ConsoleSettings {
  prometheusUrl?: string;
  alertmanagerUrl?: string;
}

/**
 * Adds settings to what /console-config.js sets, for the page's next loads: the served file assigns
 * `window.__CONSOLE_CONFIG__`, and this merges `extra` into whatever it assigns.
 */
export async function withConsoleConfig(page: Page, extra: ConsoleSettings): Promise<void> {
  await page.addInitScript((settings) => {
    let config: unknown;
    Object.defineProperty(window, '__CONSOLE_CONFIG__', {
      configurable: true,
      get: () => config,
      set: (value: object) => {
        config = { ...value, ...settings };
      },
    });
  }, extra);
}

/** The console reading Prometheus and Alertmanager behind its own origin (the mock layer answers for both). */
export const ON_PROMETHEUS: ConsoleSettings = { prometheusUrl: '/monitoring/prometheus', alertmanagerUrl: '/monitoring/alertmanager' };
