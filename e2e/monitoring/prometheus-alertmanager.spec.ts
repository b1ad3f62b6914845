import { readFileSync } from 'node:fs';
import { compressExpression } from '../../monitoring/compress-time';
import { SERVICE_NAMES } from '../../src/api/contract';
import { AlertmanagerClient } from '../../src/observability/alertmanager/client';
import { PrometheusClient } from '../../src/observability/prometheus/client';
import { expect, test } from '../fixtures/monitoring';
import { TIME_FACTOR } from '../support/monitoring-stack';

// The real Prometheus and Alertmanager (Debian's), scraping the mock services over real sockets with
// our rule file and Alertmanager configuration on compressed time (one second is 30 simulated).
// Everything here waits on what the programs report (expect.poll), never on a fixed time.

const POLL = { timeout: 20_000 };

test.describe('the real Prometheus and Alertmanager', () => {
  test('scrape the four services and keep their history', async ({ monitoring }) => {
    const prometheus = new PrometheusClient(monitoring.prometheusUrl);
    await expect
      .poll(async () => (await prometheus.query('up')).items.map((series) => `${series.labels.service}=${series.points[0]?.value}`).sort(), POLL)
      .toEqual(SERVICE_NAMES.map((service) => `${service}=1`).sort());
    // Three seconds of scrapes: the request rate has a history Prometheus keeps, not this test.
    const rates = async () => {
      const now = Date.now();
      const answer = await prometheus.queryRange('sum by (service) (rate(a2a_requests_total[10s]))', { startMs: now - 3_000, endMs: now, stepMs: 1_000 });
      expect(answer.unreadable).toEqual([]);
      return Object.fromEntries(answer.items.map((series) => [series.labels.service, series.points.filter((point) => point.value !== null).length]));
    };
    await expect.poll(rates, POLL).toEqual(Object.fromEntries(SERVICE_NAMES.map((service) => [service, 4])));
  });

  test('the incident fires ServiceUnhealthy, grouped and inhibiting its warnings; a silence mutes it; it resolves when the service recovers', async ({
    monitoring,
    services,
  }) => {
    const prometheus = new PrometheusClient(monitoring.prometheusUrl);
    const alertmanager = new AlertmanagerClient(monitoring.alertmanagerUrl);
    await services.useScenario('incident');

    // media-engine turns unhealthy at its fifth scrape; the rule waits its `for` (1m, 2 s here) before firing.
    const unhealthy = async () => {
      const rules = await prometheus.alertingRules();
      expect(rules.unreadable).toEqual([]);
      const rule = rules.items.find((item) => item.name === 'ServiceUnhealthy');
      return rule?.alerts.map((alert) => `${alert.labels.service} ${alert.state}`);
    };
    await expect.poll(unhealthy, POLL).toEqual(['media-engine firing']);
    const rule = (await prometheus.alertingRules()).items.find((item) => item.name === 'ServiceUnhealthy');
    expect(rule).toMatchObject({ state: 'firing', duration: 60 / TIME_FACTOR, labels: { severity: 'critical', team: 'platform' } });
    const firing = rule?.alerts[0];
    expect(Date.now() - Date.parse(firing?.activeAt ?? '')).toBeGreaterThanOrEqual(60_000 / TIME_FACTOR);

    // Alertmanager groups by alert name and service; the critical alert inhibits media-engine's warnings.
    const group = async (alertname: string) =>
      (await alertmanager.alertGroups()).items.find((g) => g.labels.alertname === alertname && g.labels.service === 'media-engine');
    await expect.poll(async () => (await group('ServiceUnhealthy'))?.alerts.map((alert) => alert.status.state), POLL).toEqual(['active']);
    await expect.poll(async () => (await group('HighErrorRate'))?.alerts.map((alert) => alert.status.state), POLL).toEqual(['suppressed']);
    const critical = (await group('ServiceUnhealthy'))?.alerts[0];
    expect((await group('HighErrorRate'))?.alerts[0]?.status.inhibitedBy).toEqual([critical?.fingerprint]);

    // A silence lives in Alertmanager: any reader of it sees the alert silenced.
    const silenceId = await alertmanager.createSilence({
      matchers: [
        { name: 'alertname', value: 'ServiceUnhealthy', isRegex: false, isEqual: true },
        { name: 'service', value: 'media-engine', isRegex: false, isEqual: true },
      ],
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      createdBy: 'riley',
      comment: 'Known incident, being handled.',
    });
    const anotherReader = new AlertmanagerClient(monitoring.alertmanagerUrl);
    await expect
      .poll(async () => (await group('ServiceUnhealthy'))?.alerts[0]?.status, POLL)
      .toEqual({ state: 'suppressed', silencedBy: [silenceId], inhibitedBy: [] });
    expect((await anotherReader.silences()).items.find((silence) => silence.id === silenceId)).toMatchObject({
      status: { state: 'active' },
      createdBy: 'riley',
    });

    // The incident ends: the rule stops holding, Prometheus resolves the alert and Alertmanager drops it.
    await services.service('media-engine', { health: 'healthy', latencyFactor: 1 });
    await expect.poll(unhealthy, POLL).toEqual([]);
    await expect.poll(async () => (await group('ServiceUnhealthy'))?.alerts.length ?? 0, POLL).toBe(0);
    await alertmanager.expireSilence(silenceId);
    expect((await anotherReader.silences()).items.find((silence) => silence.id === silenceId)?.status.state).toBe('expired');
  });

  test('every query of the Grafana dashboard runs and returns data', async ({ monitoring }) => {
    const prometheus = new PrometheusClient(monitoring.prometheusUrl);
    const dashboard = JSON.parse(readFileSync('grafana/agent-console-services.json', 'utf8')) as { panels: { title: string; targets?: { expr: string }[] }[] };
    // Grafana's variables as the dashboard's defaults would fill them: every service, and the rate
    // interval it picks for a 30 s scrape (4 scrapes, 2m), compressed like the rest of the time.
    const queries = dashboard.panels.flatMap((panel) =>
      (panel.targets ?? []).map((target) => ({
        panel: panel.title,
        expr: compressExpression(target.expr.replaceAll('$__rate_interval', '2m').replaceAll('$service', '.+'), TIME_FACTOR),
      })),
    );
    expect(queries.length).toBeGreaterThan(0);
    await expect.poll(async () => (await prometheus.query('count(up == 1)')).items[0]?.points[0]?.value, POLL).toBe(4);
    const answered = async () =>
      Promise.all(
        queries.map(async ({ panel, expr }) => {
          const answer = await prometheus.query(expr);
          return `${panel}: ${answer.items.length > 0 ? 'data' : 'no data'}${answer.warnings.length ? ` (warnings: ${answer.warnings.join('; ')})` : ''}`;
        }),
      );
    await expect.poll(answered, POLL).toEqual(queries.map(({ panel }) => `${panel}: data`));
  });
});
