/** What every dashboard panel takes from the dashboard. */
export interface PanelProps { onRemove?: () => void }
