import { useCallback } from 'react';
import { api } from '../api/endpoints';
import { useResource } from '../api/use-resource';
import { UnreadableRecords } from '../widgets/UnreadableRecords';
import { WidgetFrame } from '../widgets/WidgetFrame';

export function TracesPanel() {
  const traces = useResource(useCallback((signal: AbortSignal) => api.traces(signal), []));
  return (
    <WidgetFrame title="Recent traces" status={traces.status} error={traces.error} onRetry={traces.reload}>
      {traces.data?.items.length === 0 ? <p className="muted">No traces recorded yet.</p> : (
        <table>
          <thead><tr><th scope="col">Trace</th><th scope="col">Root span</th><th scope="col">Service</th><th scope="col">Duration</th><th scope="col">Status</th></tr></thead>
          <tbody>{traces.data?.items.map((trace) => (
            <tr key={trace.traceId}><td><code>{trace.traceId.slice(0, 12)}</code></td><td>{trace.rootSpan}</td><td>{trace.service}</td><td>{trace.durationMs} ms</td><td>{trace.status}</td></tr>
          ))}</tbody>
        </table>
      )}
      <UnreadableRecords records={traces.data?.unreadable ?? []} noun="trace" />
    </WidgetFrame>
  );
}
