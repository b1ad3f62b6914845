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

/** A Prometheus whose request rate has one point per 30 s step up to its clock, and whose ranges the test reads back. */
function prometheusWithHistory(state: { down: boolean }) {
  const ranges: { start: number; end: number }[] = [];
  mockServer.use(
    http.get(`${PROMETHEUS}/api/v1/query_range`, ({ request }) => {
      if (state.down) return HttpResponse.json({ error: 'Prometheus could not be reached.', code: 'upstream' }, { status: 502 });
      const params = new URL(request.url).searchParams;
      const [start, end, step] = ['start', 'end', 'step'].map((name) => Number(params.get(name)) * 1000) as [number, number, number];
      if (params.get('query')?.startsWith('sum by (service) (rate(a2a_requests_total[')) ranges.push({ start, end });
      const values: [number, string][] = [];
      for (let at = start; at <= end; at += step) values.push([at / 1000, String(at / 30_000)]);
      return HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result: [{ metric: { service: 'media-engine' }, values }] } });
    }),
    http.get(`${PROMETHEUS}/api/v1/query`, () =>
      HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [{ metric: { service: 'media-engine' }, value: [0, '0'] }] } }),
    ),
    http.get(`${PROMETHEUS}/api/v1/rules`, () => HttpResponse.json({ status: 'success', data: { groups: [] } })),
    http.get(`${ALERTMANAGER}/api/v2/alerts/groups`, () => HttpResponse.json([])),
    http.get(`${ALERTMANAGER}/api/v2/silences`, () => HttpResponse.json({ error: 'Alertmanager could not be reached.' }, { status: 502 })),
  );
  return ranges;
}

describe('ServiceMonitor reading Prometheus', () => {
  it("draws Prometheus' history on the first refresh, then reads only the points after the newest one it holds", async () => {
    let now = 3_600_000 + 12_345;
    const ranges = prometheusWithHistory({ down: false });
    const monitor = new ServiceMonitor({
      services: ['media-engine'],
      sources,
      now: () => now,
      prometheus: { client: new PrometheusClient(PROMETHEUS), alertmanager: new AlertmanagerClient(ALERTMANAGER), stepMs: 30_000, historyMs: 300_000 },
    });
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

  it('keeps the charts and marks them stale, naming Prometheus, when it stops answering; health stays current', async () => {
    const state = { down: false };
    prometheusWithHistory(state);
    let now = 600_000;
    const monitor = new ServiceMonitor({
      services: ['media-engine'],
      sources,
      now: () => now,
      prometheus: { client: new PrometheusClient(PROMETHEUS), stepMs: 30_000, historyMs: 60_000 },
    });
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
});
