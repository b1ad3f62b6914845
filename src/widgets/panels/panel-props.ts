/** What every dashboard panel takes from the dashboard. */
export interface PanelProps {
  onRemove?: () => void;
}

/**
 * How often the polled widgets (project status, metrics, alerts) refetch to stay live.
 * Tasks need no polling: their progress arrives over the stream.
 */
export const LIVE_REFRESH_MS = 30_000;
