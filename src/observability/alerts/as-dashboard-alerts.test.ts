import { describe, expect, it } from 'vitest';
import { createAlertGroup, createAlertmanagerAlert, createConsoleSilence, createRuleState } from '../../../fixtures/factories';
import { firingAsDashboardAlerts, monitoringAsDashboardAlerts } from './as-dashboard-alerts';
import type { AlertInstance, AlertsState } from './engine';
import type { AlertRuleDefinition } from './rules';

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

describe('each monitoring alert as the dashboard shows it', () => {
  it('names the service and agent, keys the alert by its labels in any order, and says nothing where no rule explains it', () => {
    const slow = createAlertmanagerAlert({ severity: 'warning', agent: 'transcoder', alertname: 'SlowAgentP95', service: 'media-engine' });
    const sameLabels = { ...slow, labels: { service: 'media-engine', alertname: 'SlowAgentP95', agent: 'transcoder', severity: 'warning' } };
    const [first] = monitoringAsDashboardAlerts({ rules: ok([]), groups: ok([createAlertGroup([slow])]) });
    const [second] = monitoringAsDashboardAlerts({ rules: ok([]), groups: ok([createAlertGroup([sameLabels])]) });
    expect(first).toEqual({
      id: `monitoring:[["agent","transcoder"],["alertname","SlowAgentP95"],["service","media-engine"],["severity","warning"]]@${slow.startsAt}`,
      severity: 'warning',
      title: 'SlowAgentP95: media-engine / transcoder',
      message: '',
      createdAt: slow.startsAt,
    });
    expect(second?.id).toBe(first?.id);
  });

  it('gives an unnamed alert a name, a warning severity where its own is unknown, and its value alone where its rule has no summary', () => {
    const rule = createRuleState('ServiceUnhealthy', [['media-engine', 'firing', 60_000, '3']]);
    const bare = { ...rule, annotations: {}, alerts: rule.alerts.map((alert) => ({ ...alert, labels: { service: 'media-engine', severity: 'page' } })) };
    expect(monitoringAsDashboardAlerts({ rules: ok([bare]) }).map(({ title, severity, message }) => ({ title, severity, message }))).toEqual([
      { title: 'Alert: media-engine', severity: 'warning', message: 'Value: 3.' },
    ]);
    const unexplained = { ...rule, annotations: {} };
    expect(monitoringAsDashboardAlerts({ rules: ok([unexplained]) }).map((alert) => alert.message)).toEqual(['Value: 3.']);
  });

  it('still lists Alertmanager’s alerts, unexplained, while Prometheus’ rules cannot be read', () => {
    const alerts = monitoringAsDashboardAlerts({
      rules: { status: 'error', error: 'Prometheus answered HTTP 503' },
      groups: ok([createAlertGroup([unhealthy])]),
    });
    expect(alerts.map(({ title, message }) => [title, message])).toEqual([['ServiceUnhealthy: media-engine', '']]);
  });

  it('lists nothing while Alertmanager cannot be read, rather than the rules’ firing alerts it may be holding back', () => {
    expect(monitoringAsDashboardAlerts({ rules, groups: { status: 'error', error: 'Alertmanager answered HTTP 503' } })).toEqual([]);
  });
});

describe('the dashboard’s alerts from the embedded rules', () => {
  const instance = (key: string, overrides: Partial<AlertInstance>): AlertInstance => ({
    key,
    ruleId: 'unhealthy',
    name: 'ServiceUnhealthy',
    severity: 'critical',
    labels: { service: 'media-engine' },
    state: 'firing',
    value: 1,
    activeAt: 1_000,
    ...overrides,
  });
  const state = (instances: AlertInstance[]): AlertsState => ({
    instances: Object.fromEntries(instances.map((each) => [each.key, each])),
    notifiedAt: {},
    history: [],
    notifications: [],
  });
  const rule = { id: 'unhealthy', summary: 'The service reports itself unhealthy.' } as AlertRuleDefinition;

  it('are the firing, unsilenced alerts, newest first, each with its rule’s summary, value and episode', () => {
    const alerts = firingAsDashboardAlerts(
      state([
        instance('old', { firedAt: 10_000, labels: { service: 'media-engine' } }),
        instance('new', { firedAt: 20_000, severity: 'warning', labels: { service: 'content-engine', agent: 'atlas' }, value: '0.25' }),
        instance('pending', { state: 'pending' }),
        instance('resolved', { state: 'resolved', firedAt: 5_000 }),
        instance('silenced', { firedAt: 30_000, labels: { service: 'search' } }),
        instance('expired-silence', { firedAt: 15_000, labels: { service: 'billing' }, ruleId: 'other', severity: 'info' }),
      ]),
      [rule],
      [createConsoleSilence({ service: 'search' }, 100_000), createConsoleSilence({ service: 'billing' }, 50_000)],
      60_000,
    );
    expect(alerts).toEqual([
      {
        id: 'rule:new@20000',
        severity: 'warning',
        title: 'ServiceUnhealthy: content-engine / atlas',
        message: 'The service reports itself unhealthy. Value: 0.25.',
        createdAt: new Date(20_000).toISOString(),
      },
      {
        id: 'rule:expired-silence@15000',
        severity: 'info',
        title: 'ServiceUnhealthy: billing',
        message: 'Value: 1.',
        createdAt: new Date(15_000).toISOString(),
      },
      {
        id: 'rule:old@10000',
        severity: 'error',
        title: 'ServiceUnhealthy: media-engine',
        message: 'The service reports itself unhealthy. Value: 1.',
        createdAt: new Date(10_000).toISOString(),
      },
    ]);
  });

  it('an alert without a fired-at time is dated and named by when it became active, after those that fired', () => {
    const alerts = firingAsDashboardAlerts(state([instance('a', { activeAt: 7_000 }), instance('b', { firedAt: 3_000 })]), [rule], [], 60_000);
    expect(alerts.map((alert) => [alert.id, alert.createdAt])).toEqual([
      ['rule:b@3000', new Date(3_000).toISOString()],
      ['rule:a@7000', new Date(7_000).toISOString()],
    ]);
  });
});
