import { z } from 'zod';
import { api } from '../../api/endpoints';
import { useResource } from '../../api/use-resource';
import { firingAsDashboardAlerts, monitoringAsDashboardAlerts } from '../../observability/alerts/as-dashboard-alerts';
import { useServiceMonitor } from '../../observability/monitor/MonitorProvider';
import { usePersisted } from '../../storage/use-persisted';
import { AlertWidget } from '../AlertWidget';
import { UnreadableRecords } from '../../ui/UnreadableRecords';
import { WidgetFrame } from '../../ui/WidgetFrame';
import { LIVE_REFRESH_MS, type PanelProps } from './panel-props';

/**
 * A dashboard widget wired to the API: the backend's alerts through useResource, plus the alert
 * rules the observability monitor evaluates in this browser or reads from Prometheus and Alertmanager
 * (firing, not silenced), in a WidgetFrame.
 */
export function AlertsPanel({ onRemove }: PanelProps) {
  const resource = useResource(api.alerts, { refreshEveryMs: LIVE_REFRESH_MS });
  const monitor = useServiceMonitor();
  // With Prometheus, what the monitoring system holds; otherwise the rules this tab evaluates.
  const ruleAlerts = monitor.alerting
    ? monitoringAsDashboardAlerts(monitor.alerting)
    : firingAsDashboardAlerts(monitor.alerts, monitor.rules, monitor.silences, monitor.now);
  const dismissed = usePersisted<string[]>('widget-settings', 'dismissed-alerts', [], z.array(z.string()));
  return (
    <WidgetFrame title="Alerts" status={resource.status} error={resource.error} onRetry={resource.reload} onRemove={onRemove}>
      {resource.data && (
        <AlertWidget
          alerts={[...ruleAlerts, ...resource.data.items].filter((alert) => !dismissed.value.includes(alert.id))}
          onDismiss={(id) => dismissed.update([...dismissed.value, id])}
        />
      )}
      <UnreadableRecords records={resource.data?.unreadable ?? []} noun="alert" />
    </WidgetFrame>
  );
}
