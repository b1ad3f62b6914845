/** How often the observability sources are read again unless /console-config.js says otherwise (ms). */
export const DEFAULT_OBSERVABILITY_REFRESH_MS = 30_000;
