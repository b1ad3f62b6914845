import { useCallback } from 'react';
import { api } from '../api/endpoints';
import { useResource } from '../api/use-resource';
import { ServiceHealthCard } from '../observability/ServiceHealthCard';
import { StorageUsagePanel } from '../observability/StorageUsagePanel';
import { useStore } from '../storage/StorageProvider';
import { UnreadableRecords } from '../widgets/UnreadableRecords';
import { WidgetFrame } from '../widgets/WidgetFrame';

export function ObservabilityPage() {
  const health = useResource(useCallback((signal: AbortSignal) => api.health(signal), []));
  const audit = useResource(useCallback((signal: AbortSignal) => api.audit(signal), []));
  const store = useStore();
  const storage = useResource(useCallback(() => store.usage(), [store]));
  const traces = useResource(useCallback((signal: AbortSignal) => api.traces(signal), []));
  return (
    <>
      <h1>Observability</h1>
      <WidgetFrame title="Service health" status={health.status} error={health.error} onRetry={health.reload}>
        {health.data?.items.length === 0 && <p className="muted">No services report their health yet.</p>}
        <div className="dashboard-grid">{health.data?.items.map((service) => <ServiceHealthCard key={service.service} health={service} />)}</div>
        <UnreadableRecords records={health.data?.unreadable ?? []} noun="service" />
      </WidgetFrame>
      <WidgetFrame title="Audit log" status={audit.status} error={audit.error} onRetry={audit.reload}>
        {audit.data?.items.length === 0 ? <p className="muted">No audit events yet.</p> : (
          <table>
            <thead><tr><th scope="col">When</th><th scope="col">Who</th><th scope="col">What</th><th scope="col">Target</th></tr></thead>
            <tbody>{audit.data?.items.map((event) => <tr key={event.id}><td>{event.at}</td><td>{event.actor}</td><td>{event.action}</td><td>{event.target}</td></tr>)}</tbody>
          </table>
        )}
        <UnreadableRecords records={audit.data?.unreadable ?? []} noun="audit event" />
      </WidgetFrame>
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
      <WidgetFrame title="Browser storage" status={storage.status} error={storage.error} onRetry={storage.reload}>
        {storage.data && <StorageUsagePanel usage={storage.data} />}
      </WidgetFrame>
    </>
  );
}
