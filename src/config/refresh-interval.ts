/** How often the observability sources are read again unless /console-config.js says otherwise (ms). */
export const DEFAULT_OBSERVABILITY_REFRESH_MS = 30_000;

/** The rate window of the charts and rules unless /console-config.js says otherwise (ms), like PromQL's `[5m]`. */
export const DEFAULT_RATE_WINDOW_MS = 5 * 60_000;
