import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { createServiceHealth } from '../../../fixtures/factories';
import { mockServer } from '../../../fixtures/adapters/node';
import { AlertmanagerClient } from '../alertmanager/client';
import { PrometheusClient } from '../prometheus/client';
import { ServiceMonitor, type MonitorSources } from './service-monitor';

const PROMETHEUS = 'http://prometheus.test';
const ALERTMANAGER = 'http://alertmanager.test';

const sources: MonitorSources = {
  health: async (service) => createServiceHealth({ service }),
  metrics: () => Promise.reject(new Error('With Prometheus the browser scrapes nothing.')),
};

/** How the scripted Prometheus and Alertmanager answer; a test changes it between refreshes. */
interface Script {
  down?: boolean;
  /** Prometheus' own warnings on every range answer. */
  warnings?: string[];
  /** One more series in the request-rate answer, in a shape the console cannot read. */
  unreadableSeries?: boolean;
  /** Answers its whole history whatever start is asked for (as a proxy that drops the parameter might). */
  ignoresStart?: boolean;
  /** Every range answer waits for it. */
  held?: Promise<void>;
  /** Alertmanager's silences fail (HTTP 502) unless this is false. */
  silencesDown?: boolean;
}

/**
 * A Prometheus whose request rate has one point per 30 s step up to its clock, and an Alertmanager,
 * both answering as `script` says; the ranges, rate windows and Alertmanager reads are recorded for the test.
 */
function prometheusWithHistory(script: Script) {
  const seen = { ranges: [] as { start: number; end: number }[], windows: new Set<string>(), alertmanagerReads: [] as string[] };
  mockServer.use(
    http.get(`${PROMETHEUS}/api/v1/query_range`, async ({ request }) => {
      await script.held;
      if (script.down) return HttpResponse.json({ error: 'Prometheus could not be reached.', code: 'upstream' }, { status: 502 });
      const params = new URL(request.url).searchParams;
      const [start, end, step] = ['start', 'end', 'step'].map((name) => Number(params.get(name)) * 1000) as [number, number, number];
      const query = params.get('query') ?? '';
      for (const window of query.matchAll(/\[(\w+)\]/g)) seen.windows.add(window[1] ?? '');
      const requestRate = query.startsWith('sum by (service) (rate(a2a_requests_total[');
      if (requestRate) seen.ranges.push({ start, end });
      const values: [number, string][] = [];
      for (let at = script.ignoresStart ? 0 : start; at <= end; at += step) values.push([at / 1000, String(at / 30_000)]);
      const result: unknown[] = [{ metric: { service: 'media-engine' }, values }];
      if (requestRate && script.unreadableSeries) result.push({ metric: { service: 'media-engine' }, values: 'not a list' });
      return HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result }, ...(script.warnings ? { warnings: script.warnings } : {}) });
    }),
    http.get(`${PROMETHEUS}/api/v1/query`, () =>
      HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [{ metric: { service: 'media-engine' }, value: [0, '0'] }] } }),
    ),
    http.get(`${PROMETHEUS}/api/v1/rules`, () => HttpResponse.json({ status: 'success', data: { groups: [] } })),
    http.get(`${ALERTMANAGER}/api/v2/alerts/groups`, () => {
      seen.alertmanagerReads.push('groups');
      return HttpResponse.json([]);
    }),
    http.get(`${ALERTMANAGER}/api/v2/silences`, () => {
      seen.alertmanagerReads.push('silences');
      return script.silencesDown === false ? HttpResponse.json([]) : HttpResponse.json({ error: 'Alertmanager could not be reached.' }, { status: 502 });
    }),
  );
  return seen;
}

/** A monitor of media-engine reading the scripted Prometheus (and Alertmanager, unless told not to). */
function monitorOf(now: () => number, options: { alertmanager?: boolean; historyMs?: number; windowMs?: number; services?: string[] } = {}) {
  const alertmanager = options.alertmanager === false ? {} : { alertmanager: new AlertmanagerClient(ALERTMANAGER) };
  return new ServiceMonitor({
    services: options.services ?? ['media-engine'],
    sources,
    now,
    ...(options.windowMs === undefined ? {} : { windowMs: options.windowMs }),
    prometheus: { client: new PrometheusClient(PROMETHEUS), ...alertmanager, stepMs: 30_000, historyMs: options.historyMs ?? 300_000 },
  });
}

describe('ServiceMonitor reading Prometheus', () => {
  it("draws Prometheus' history on the first refresh, then reads only the points after the newest one it holds", async () => {
    let now = 3_600_000 + 12_345;
    const { ranges } = prometheusWithHistory({});
    const monitor = monitorOf(() => now);
    expect(monitor.getSnapshot()).toMatchObject({ metricsSource: 'prometheus', alerting: { rules: { status: 'loading' }, groups: { status: 'loading' } } });
    await monitor.refresh();
    const first = monitor.getSnapshot().services[0]?.metrics;
    // Points on multiples of the step, the last 5 minutes at once: 11 points.
    expect(first?.data?.points.map((point) => point.at)).toEqual(Array.from({ length: 11 }, (_, index) => 3_300_000 + index * 30_000));
    expect(first?.data?.up).toBe(false);
    now += 30_000;
    await monitor.refresh();
    expect(ranges.at(-1)).toEqual({ start: 3_630_000, end: 3_630_000 });
    expect(
      monitor
        .getSnapshot()
        .services[0]?.metrics.data?.points.map((point) => point.at)
        .slice(-2),
    ).toEqual([3_600_000, 3_630_000]);
    // A refresh within the same step adds nothing and asks for nothing older.
    now += 1_000;
    await monitor.refresh();
    expect(monitor.getSnapshot().services[0]?.metrics.data?.points).toHaveLength(11);
    // Each alerting source stands alone: the silences failing leaves the groups read.
    expect(monitor.getSnapshot().alerting).toMatchObject({
      rules: { status: 'ok', data: [] },
      groups: { status: 'ok', data: [] },
      silences: { status: 'error', error: 'Alertmanager could not answer the silences: Alertmanager could not be reached.' },
    });
    expect(monitor.getSnapshot().alerts.instances).toEqual({});
  });

  it('leaves the rules to Prometheus: an unhealthy service raises no alert in this tab, and the refresh is timed when every read is in', async () => {
    prometheusWithHistory({ silencesDown: false });
    let now = 600_000;
    const monitor = new ServiceMonitor({
      services: ['media-engine'],
      sources: { ...sources, health: async (service) => createServiceHealth({ service, status: 'unhealthy' }) },
      now: () => now,
      prometheus: { client: new PrometheusClient(PROMETHEUS), alertmanager: new AlertmanagerClient(ALERTMANAGER), stepMs: 30_000, historyMs: 60_000 },
    });
    expect(monitor.getSnapshot().refreshedAt).toBeUndefined();
    await monitor.refresh();
    now += 30_000;
    await monitor.refresh();
    // A live health event re-reads health alone; that evaluates no rules here either.
    await monitor.refreshHealth('media-engine');
    const snapshot = monitor.getSnapshot();
    expect(snapshot.services[0]?.health).toMatchObject({ status: 'ok', data: { status: 'unhealthy' } });
    expect(snapshot.alerts).toEqual({ instances: {}, notifiedAt: {}, history: [], notifications: [] });
    expect(snapshot.refreshedAt).toBe(630_000);
  });

  it('keeps the charts and marks them stale, naming Prometheus, when it stops answering; health stays current', async () => {
    const state: Script = { down: false };
    prometheusWithHistory(state);
    let now = 600_000;
    const monitor = monitorOf(() => now, { alertmanager: false, historyMs: 60_000 });
    await monitor.refresh();
    state.down = true;
    now += 30_000;
    await monitor.refresh();
    const [view] = monitor.getSnapshot().services;
    expect(view?.metrics).toMatchObject({ status: 'stale', lastGoodAt: 600_000 });
    expect(view?.metrics.error).toMatch(/^Prometheus answered HTTP 502 for .*: Prometheus could not be reached\.$/);
    expect(view?.metrics.data?.points).toHaveLength(3);
    expect(view?.health).toMatchObject({ status: 'ok', lastGoodAt: 630_000 });
    expect(monitor.getSnapshot().alerting?.groups).toBeUndefined();
  });

  it('starts with the rules, and with an Alertmanager its groups and silences, loading; silences are written to that Alertmanager', () => {
    const withAlertmanager = monitorOf(() => 0);
    expect(withAlertmanager.getSnapshot().alerting).toEqual({ rules: { status: 'loading' }, groups: { status: 'loading' }, silences: { status: 'loading' } });
    expect(withAlertmanager.alertmanager).toBeInstanceOf(AlertmanagerClient);
    const alone = monitorOf(() => 0, { alertmanager: false });
    expect(alone.getSnapshot().alerting).toEqual({ rules: { status: 'loading' } });
    expect(alone.alertmanager).toBeUndefined();
  });

  it('asks for rates over the five-minute window unless told another', async () => {
    const seen = prometheusWithHistory({});
    await monitorOf(() => 600_000).refresh();
    expect([...seen.windows]).toEqual(['300s']);
    seen.windows.clear();
    await monitorOf(() => 600_000, { windowMs: 60_000 }).refresh();
    expect([...seen.windows]).toEqual(['60s']);
  });

  it("shows Prometheus' warnings and counts the series it could not read beside the charts; up only for the services Prometheus named", async () => {
    const script: Script = {};
    prometheusWithHistory(script);
    let now = 600_000;
    const monitor = monitorOf(() => now, { historyMs: 60_000, services: ['media-engine', 'content-engine'] });
    await monitor.refresh();
    const [media, content] = monitor.getSnapshot().services;
    expect(media?.metrics).toMatchObject({ status: 'ok', lastGoodAt: 600_000, data: { skippedLines: 0, samples: 3, up: false, warnings: [] } });
    expect(content?.metrics).toEqual({ status: 'ok', lastGoodAt: 600_000, data: { points: [], skippedLines: 0, samples: 0, warnings: [] } });
    expect(Object.keys(content?.metrics.data ?? {})).not.toContain('up');
    script.warnings = ['query hit the sample limit'];
    script.unreadableSeries = true;
    now += 30_000;
    await monitor.refresh();
    expect(monitor.getSnapshot().services[0]?.metrics.data).toMatchObject({
      samples: 1,
      warnings: ['query hit the sample limit', '1 series in its answer could not be read and were left out'],
    });
  });

  it('never draws a point twice, even when Prometheus answers more history than was asked for', async () => {
    const script: Script = {};
    prometheusWithHistory(script);
    let now = 600_000;
    const monitor = monitorOf(() => now, { historyMs: 90_000 });
    await monitor.refresh();
    script.ignoresStart = true;
    now += 30_000;
    await monitor.refresh();
    const points = monitor.getSnapshot().services[0]?.metrics.data?.points.map((point) => point.at);
    expect(points).toEqual([540_000, 570_000, 600_000, 630_000]);
    expect(monitor.getSnapshot().services[0]?.metrics.data?.samples).toBe(1);
  });

  it('lands nothing after it is disposed: charts, rules, groups and silences stay as they were, with no refresh time', async () => {
    let release: () => void = () => undefined;
    const script: Script = { held: new Promise<void>((resolve) => (release = resolve)) };
    prometheusWithHistory(script);
    const monitor = monitorOf(() => 600_000);
    // Every read (charts, rules, groups, silences) is still out when the monitor is disposed.
    const refresh = monitor.refresh();
    monitor.dispose();
    release();
    await refresh;
    expect(monitor.getSnapshot()).toMatchObject({
      services: [{ metrics: { status: 'loading' } }],
      alerting: { rules: { status: 'loading' }, groups: { status: 'loading' }, silences: { status: 'loading' } },
    });
    expect(monitor.getSnapshot().refreshedAt).toBeUndefined();
  });

  it('a failure landing after a dispose marks nothing stale', async () => {
    const script: Script = {};
    prometheusWithHistory(script);
    const monitor = monitorOf(() => 600_000);
    await monitor.refresh();
    let release: () => void = () => undefined;
    script.held = new Promise<void>((resolve) => (release = resolve));
    script.down = true;
    const refresh = monitor.refresh();
    monitor.dispose();
    release();
    await refresh;
    expect(monitor.getSnapshot().services[0]?.metrics.status).toBe('ok');
  });

  it("re-reads Alertmanager's groups and silences on demand (after a silence is written), and only those", async () => {
    const script: Script = {};
    const seen = prometheusWithHistory(script);
    const monitor = monitorOf(() => 600_000);
    await monitor.refresh();
    expect(monitor.getSnapshot().alerting?.silences?.status).toBe('error');
    seen.alertmanagerReads.length = 0;
    seen.ranges.length = 0;
    script.silencesDown = false;
    await monitor.refreshAlerting();
    expect(seen.alertmanagerReads.sort()).toEqual(['groups', 'silences']);
    expect(seen.ranges).toEqual([]);
    expect(monitor.getSnapshot().alerting?.silences).toEqual({ status: 'ok', data: [], lastGoodAt: 600_000 });
  });

  it('without Prometheus there is no alerting to re-read', async () => {
    const seen = prometheusWithHistory({});
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources });
    await monitor.refreshAlerting();
    expect(seen.alertmanagerReads).toEqual([]);
    expect(monitor.getSnapshot().alerting).toBeUndefined();
  });
});
