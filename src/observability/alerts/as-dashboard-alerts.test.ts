import { describe, expect, it } from 'vitest';
import { createAlertGroup, createAlertmanagerAlert, createRuleState } from '../../../fixtures/factories';
import { monitoringAsDashboardAlerts } from './as-dashboard-alerts';

const ok = <T>(data: T) => ({ status: 'ok' as const, data });
const unhealthy = createAlertmanagerAlert({ alertname: 'ServiceUnhealthy', service: 'media-engine', severity: 'critical' }, {}, 60_000);
const held = createAlertmanagerAlert({ alertname: 'HighErrorRate', service: 'media-engine', severity: 'warning' }, { inhibitedBy: [unhealthy.fingerprint] });
const silenced = createAlertmanagerAlert(
  { alertname: 'SlowAgentP95', service: 'media-engine', agent: 'transcoder', severity: 'warning' },
  { silencedBy: ['s1'] },
);
const rules = ok([
  createRuleState('ServiceUnhealthy', [['media-engine', 'firing', 60_000, '1e+00']]),
  createRuleState('ServiceDegraded', [['content-engine', 'pending', 10_000, '1']]),
]);

describe('the dashboard’s alerts from the monitoring system', () => {
  it('are what Alertmanager would notify about: active alerts only, with the rule’s summary', () => {
    const alerts = monitoringAsDashboardAlerts({ rules, groups: ok([createAlertGroup([unhealthy]), createAlertGroup([held]), createAlertGroup([silenced])]) });
    expect(alerts).toEqual([
      {
        id: expect.stringMatching(/^monitoring:/),
        severity: 'error',
        title: 'ServiceUnhealthy: media-engine',
        message: 'The service reports itself unhealthy.',
        createdAt: '2026-01-15T08:59:00.000Z',
      },
    ]);
  });

  it('come newest first, whichever group or order they arrive in', () => {
    const older = createAlertmanagerAlert({ alertname: 'ServiceDegraded', service: 'content-engine' }, {}, 300_000);
    const newer = createAlertmanagerAlert({ alertname: 'HighErrorRate', service: 'media-engine' }, {}, 30_000);
    const alerts = monitoringAsDashboardAlerts({ rules, groups: ok([createAlertGroup([older]), createAlertGroup([unhealthy, newer])]) });
    expect(alerts.map((alert) => alert.title)).toEqual(['HighErrorRate: media-engine', 'ServiceUnhealthy: media-engine', 'ServiceDegraded: content-engine']);
  });

  it('are the rules Prometheus reports firing when there is no Alertmanager (pending ones are not)', () => {
    expect(monitoringAsDashboardAlerts({ rules }).map((alert) => `${alert.title} (${alert.severity}): ${alert.message}`)).toEqual([
      'ServiceUnhealthy: media-engine (error): The service reports itself unhealthy. Value: 1e+00.',
    ]);
  });
});
