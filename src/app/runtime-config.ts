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
}

const DEFAULT_OBSERVABILITY_REFRESH_MS = 30_000;

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
  if (buildTimeUrl) return { apiBaseUrl: buildTimeUrl.replace(/\/$/, ''), mocks: false, observabilityRefreshMs };
  return { apiBaseUrl: fromPage?.apiBaseUrl ?? '', mocks: BUILT_WITH_MOCKS && (fromPage?.mocks ?? true), observabilityRefreshMs };
}

export function mocksEnabled(): boolean {
  return runtimeConfig().mocks;
}
