import { OTLP_TRACES_PATH } from '../api/contract/routes';
import { DEFAULT_OBSERVABILITY_REFRESH_MS, DEFAULT_RATE_WINDOW_MS } from './refresh-interval';
/**
 * Where the API lives and whether the embedded mock backend runs.
 *
 * Mocks are a choice made when building, never a default a deployment inherits: only a build
 * made with VITE_MOCKS=1 (npm start, npm run dev, the E2E build) contains the mock backend at all.
 * In such a build, /console-config.js (served next to index.html) may still turn the in-page
 * mocks off and name an API base, which is how the local HTTP mock server serves the same build
 * over a real socket. VITE_API_BASE_URL (build time) points a build at a real backend.
 */
export interface RuntimeConfig {
  apiBaseUrl: string;
  mocks: boolean;
  /** How often the observability sources are read again (ms). */
  observabilityRefreshMs: number;
  /** Share of user actions whose traces are recorded, 0..1. */
  traceSampleRatio: number;
  /** OTLP/HTTP traces endpoint the console exports its spans to; none: no export. */
  otlpEndpoint?: string;
  /**
   * Prometheus' HTTP API (its base URL, e.g. `https://prometheus.example.com` or `/monitoring/prometheus`
   * behind the console's own origin): set, the observability page reads charts and rule states
   * there instead of scraping each service from the browser (docs/observability.md).
   */
  prometheusUrl?: string;
  /** Alertmanager's API (its base URL): with prometheusUrl, alert groups and silences live there. */
  alertmanagerUrl?: string;
  /** The rate window of the charts and rules, like PromQL's `[5m]` (ms). */
  rateWindowMs: number;
}

declare global {
  interface Window {
    __CONSOLE_CONFIG__?: Partial<RuntimeConfig>;
  }
}

/** Whether this build contains the mock backend (decided at build time, see vite.config.ts). */
export const BUILT_WITH_MOCKS = import.meta.env.VITE_MOCKS === '1';

export function runtimeConfig(): RuntimeConfig {
  const buildTimeUrl = import.meta.env.VITE_API_BASE_URL as string | undefined;
  const fromPage = typeof window === 'undefined' ? undefined : window.__CONSOLE_CONFIG__;
  const refresh = fromPage?.observabilityRefreshMs;
  const observabilityRefreshMs = typeof refresh === 'number' && refresh >= 1_000 ? refresh : DEFAULT_OBSERVABILITY_REFRESH_MS;
  const ratio = fromPage?.traceSampleRatio;
  const traceSampleRatio = typeof ratio === 'number' && ratio >= 0 && ratio <= 1 ? ratio : 1;
  const apiBaseUrl = buildTimeUrl ? buildTimeUrl.replace(/\/$/, '') : (fromPage?.apiBaseUrl ?? '');
  const mocks = !buildTimeUrl && BUILT_WITH_MOCKS && (fromPage?.mocks ?? true);
  // A mock build exports to the mock layer's collector unless told otherwise; a real one only when configured.
  const otlpEndpoint =
    fromPage?.otlpEndpoint ?? (import.meta.env.VITE_OTLP_ENDPOINT as string | undefined) ?? (BUILT_WITH_MOCKS ? `${apiBaseUrl}${OTLP_TRACES_PATH}` : undefined);
  const rateWindow = fromPage?.rateWindowMs;
  const rateWindowMs = typeof rateWindow === 'number' && rateWindow >= 1_000 ? rateWindow : DEFAULT_RATE_WINDOW_MS;
  const url = (value: unknown) => (typeof value === 'string' && value.trim() ? value.trim().replace(/\/+$/, '') : undefined);
  const prometheusUrl = url(fromPage?.prometheusUrl);
  // Alertmanager is read only beside Prometheus: alone, there would be groups without the rules behind them.
  const alertmanagerUrl = prometheusUrl ? url(fromPage?.alertmanagerUrl) : undefined;
  return {
    apiBaseUrl,
    mocks,
    observabilityRefreshMs,
    traceSampleRatio,
    rateWindowMs,
    ...(otlpEndpoint ? { otlpEndpoint } : {}),
    ...(prometheusUrl ? { prometheusUrl } : {}),
    ...(alertmanagerUrl ? { alertmanagerUrl } : {}),
  };
}

export function mocksEnabled(): boolean {
  return runtimeConfig().mocks;
}
