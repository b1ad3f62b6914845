import { api } from '../../api/endpoints';
import { useResource } from '../../api/use-resource';
import { MetricsWidget } from '../MetricsWidget';
import { UnreadableRecords } from '../../ui/UnreadableRecords';
import { WidgetFrame } from '../../ui/WidgetFrame';
import { LIVE_REFRESH_MS, type PanelProps } from './panel-props';

/** A dashboard widget wired to the API: data through useResource, shown in a WidgetFrame. */
export function MetricsPanel({ onRemove }: PanelProps) {
  // api.metrics is one function for the page's life: no new query on each render.
  const resource = useResource(api.metrics, { refreshEveryMs: LIVE_REFRESH_MS });
  return (
    <WidgetFrame title="Metrics" status={resource.status} error={resource.error} onRetry={resource.reload} onRemove={onRemove}>
      {resource.data?.items.length === 0 && resource.data.unreadable.length === 0 && <p className="muted">No metrics yet.</p>}
      <div className="metrics-row">
        {resource.data?.items.map((metric) => (
          <MetricsWidget key={metric.name} metric={metric} />
        ))}
      </div>
      <UnreadableRecords records={resource.data?.unreadable ?? []} noun="metric" />
    </WidgetFrame>
  );
}
