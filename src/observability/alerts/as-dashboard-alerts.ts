import type { Alert } from '../../api/contract';
import { isSilenced, type AlertsState, type Silence } from './engine';
import type { AlertingView } from '../monitor/service-monitor';
import type { AlertRuleDefinition } from './rules';

const SEVERITY = { critical: 'error', warning: 'warning', info: 'info' } as const;

/** Firing, unsilenced rule alerts in the shape the dashboard's AlertWidget shows, newest first. */
export function firingAsDashboardAlerts(state: AlertsState, rules: readonly AlertRuleDefinition[], silences: readonly Silence[], now: number): Alert[] {
  return Object.values(state.instances)
    .filter((instance) => instance.state === 'firing' && !isSilenced(instance, silences, now))
    .sort((a, b) => (b.firedAt ?? 0) - (a.firedAt ?? 0))
    .map((instance) => {
      const target = [instance.labels.service, instance.labels.agent].filter(Boolean).join(' / ');
      const rule = rules.find((candidate) => candidate.id === instance.ruleId);
      return {
        // One id per firing episode: dismissing it on the dashboard never hides the next time it fires.
        id: `rule:${instance.key}@${instance.firedAt ?? instance.activeAt}`,
        severity: SEVERITY[instance.severity],
        title: `${instance.name}: ${target}`,
        message: `${rule?.summary ?? ''} Value: ${String(instance.value)}.`.trim(),
        createdAt: new Date(instance.firedAt ?? instance.activeAt).toISOString(),
      };
    });
}

const LABEL_SEVERITY: Record<string, Alert['severity']> = { critical: 'error', warning: 'warning', info: 'info' };

/**
 * With Prometheus: the alerts Alertmanager would notify about (active: neither silenced nor held
 * back), or without an Alertmanager the rules Prometheus reports firing, in the AlertWidget's shape.
 */
export function monitoringAsDashboardAlerts(alerting: AlertingView): Alert[] {
  const summaries = new Map((alerting.rules.data ?? []).map((rule) => [rule.name, rule.annotations.summary ?? '']));
  const firing = alerting.groups
    ? (alerting.groups.data ?? []).flatMap((group) =>
        group.alerts.filter((alert) => alert.status.state === 'active').map((alert) => ({ labels: alert.labels, since: alert.startsAt, value: undefined })),
      )
    : (alerting.rules.data ?? []).flatMap((rule) =>
        rule.alerts.filter((alert) => alert.state === 'firing').map((alert) => ({ labels: alert.labels, since: alert.activeAt, value: alert.value })),
      );
  return firing
    .sort((a, b) => Date.parse(b.since) - Date.parse(a.since))
    .map(({ labels, since, value }) => {
      const name = labels.alertname ?? 'Alert';
      const target = [labels.service, labels.agent].filter(Boolean).join(' / ');
      return {
        id: `monitoring:${JSON.stringify(Object.entries(labels).sort())}@${since}`,
        severity: LABEL_SEVERITY[labels.severity ?? ''] ?? 'warning',
        title: `${name}: ${target}`,
        message: `${summaries.get(name) ?? ''}${value === undefined ? '' : ` Value: ${value}.`}`.trim(),
        createdAt: new Date(Date.parse(since)).toISOString(),
      };
    });
}
