import { memo, useCallback } from 'react';
import { api } from '../api/endpoints';
import { useResource } from '../api/use-resource';
import { useAuth } from '../session/auth';
import { runtimeConfig } from '../config/runtime-config';
import { AlertRulesPanel } from '../observability/AlertRulesPanel';
import { AuditLogPanel, type AuditSource } from '../observability/AuditLogPanel';
import { MonitoringAlertsPanel } from '../observability/MonitoringAlertsPanel';
import { useServiceMonitor } from '../observability/monitor/MonitorProvider';
import { ServiceHealthPanel } from '../observability/ServiceHealthPanel';
import { ServiceMetricsPanel } from '../observability/ServiceMetricsPanel';
import { StorageUsagePanel } from '../observability/StorageUsagePanel';
import { TracesPanel, type TraceSources } from '../observability/TracesPanel';
import { flushSpans } from '../telemetry/tracing';
import { useStore } from '../storage/StorageProvider';
import { LiveStatusNotice } from '../streaming/LiveStatusNotice';
import { WidgetFrame } from '../ui/WidgetFrame';

// Each source's answer replaces only its own service's view (the others keep their identity), so a
// panel whose service did not change is not drawn again. Redrawing all sixteen charts on each of a
// refresh's eight answers made one refresh take 1.2–1.3 s (docs/performance.md, "observability").
const HealthPanel = memo(ServiceHealthPanel);
const MetricsPanel = memo(ServiceMetricsPanel);

const auditSource: AuditSource = (query, signal) => api.audit(query, signal);
const traceSources: TraceSources = {
  // This browser's own recent spans are sent first, so a trace the user just made is there to open.
  list: async (signal) => {
    await flushSpans().catch(() => undefined);
    return api.traces(signal);
  },
  detail: (traceId, signal) => api.trace(traceId, signal),
};

/** How long a silence made from the page lasts. */
const SILENCE_MS = 60 * 60_000;

/** Equality matchers for Alertmanager, one per label. */
function toMatchers(labels: Record<string, string>) {
  return Object.entries(labels).map(([name, value]) => ({ name, value, isRegex: false, isEqual: true }));
}

/**
 * The services behind the agents: alerts first (what needs a person now), then each service's
 * health and metrics, the audit log, traces and this browser's storage. Every source is its own
 * panel, so one failing source marks only its panel stale.
 */
export function ObservabilityPage() {
  const monitor = useServiceMonitor();
  const { session } = useAuth();
  const store = useStore();
  const storage = useResource(useCallback(() => store.usage(), [store]));
  const { observabilityRefreshMs: refreshMs, prometheusUrl, alertmanagerUrl } = runtimeConfig();
  const reviewer = session?.user.role === 'reviewer' ? session.user.name : undefined;
  return (
    // data-refreshing / data-refreshed-at: whether a read is in flight and when the last one landed.
    <div data-testid="observability-page" data-refreshing={monitor.refreshing} data-refreshed-at={monitor.refreshedAt ?? ''}>
      <h1>Observability</h1>
      <p className="muted">Refreshes every {Math.round(refreshMs / 1000)} s; health changes arrive live.</p>
      <p className="muted" data-testid="metrics-source">
        {prometheusUrl
          ? `Metrics and rules from Prometheus (${prometheusUrl})${alertmanagerUrl ? `, alerts and silences from Alertmanager (${alertmanagerUrl})` : ''}.`
          : "Metrics scraped by this browser from each service's /metrics; rules evaluated in this tab."}
      </p>
      <LiveStatusNotice />
      {monitor.alerting ? (
        <MonitoringAlertsPanel
          alerting={monitor.alerting}
          author={reviewer}
          onSilence={
            monitor.alertmanager &&
            ((matchers, author, comment) =>
              monitor.alertmanager?.createSilence({ matchers: toMatchers(matchers), createdBy: author, comment }, SILENCE_MS) ?? Promise.resolve())
          }
          onExpireSilence={monitor.alertmanager?.expireSilence}
          onRetry={monitor.refresh}
        />
      ) : (
        <AlertRulesPanel
          alerts={monitor.alerts}
          rules={monitor.rules}
          silences={monitor.silences}
          evaluatedAt={monitor.refreshedAt}
          now={monitor.now}
          author={session?.user.name}
          onSilence={monitor.silence}
          onExpireSilence={monitor.expireSilence}
        />
      )}
      <div className="dashboard-grid">
        {monitor.services.map((view) => (
          <HealthPanel key={view.name} view={view} onRetry={monitor.refresh} />
        ))}
      </div>
      <div className="dashboard-grid dashboard-grid--wide">
        {monitor.services.map((view) => (
          <MetricsPanel key={view.name} view={view} onRetry={monitor.refresh} />
        ))}
      </div>
      <AuditLogPanel source={auditSource} refreshEveryMs={refreshMs} />
      <TracesPanel sources={traceSources} />
      <WidgetFrame title="Browser storage" status={storage.status} error={storage.error} onRetry={storage.reload}>
        {storage.data && <StorageUsagePanel usage={storage.data} />}
      </WidgetFrame>
    </div>
  );
}
