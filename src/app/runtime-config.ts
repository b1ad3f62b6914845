/**
 * Where the API lives and whether the embedded mock backend runs.
 * VITE_API_BASE_URL (build time) points at a real backend and turns mocks off; otherwise
 * /console-config.js (served next to index.html) may override at run time, which is how the
 * local HTTP mock server serves the same build over a real socket.
 */
export interface RuntimeConfig {
  apiBaseUrl: string;
  mocks: boolean;
}

declare global {
  interface Window {
    __CONSOLE_CONFIG__?: Partial<RuntimeConfig>;
  }
}

export function runtimeConfig(): RuntimeConfig {
  const buildTimeUrl = import.meta.env.VITE_API_BASE_URL as string | undefined;
  if (buildTimeUrl) return { apiBaseUrl: buildTimeUrl.replace(/\/$/, ''), mocks: false };
  const fromPage = typeof window === 'undefined' ? undefined : window.__CONSOLE_CONFIG__;
  return { apiBaseUrl: fromPage?.apiBaseUrl ?? '', mocks: fromPage?.mocks ?? true };
}
