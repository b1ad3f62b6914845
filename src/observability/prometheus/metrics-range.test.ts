import { http, HttpResponse } from 'msw';
import { describe, expect, it } from 'vitest';
import { mockServer } from '../../../fixtures/adapters/node';
import { PrometheusClient } from './client';
import { chartQueries, promDuration, readMetricsRange, UP_QUERY } from './metrics-range';

const BASE = 'http://prometheus.test';

/** A Prometheus that answers each chart query with `series(expr)`, and `up` with the given services. */
function answering(series: (expr: string) => unknown[], up: Record<string, string>) {
  const seen: string[] = [];
  mockServer.use(
    http.get(`${BASE}/api/v1/query_range`, ({ request }) => {
      const expr = new URL(request.url).searchParams.get('query') ?? '';
      seen.push(expr);
      return HttpResponse.json({ status: 'success', data: { resultType: 'matrix', result: series(expr) } });
    }),
    http.get(`${BASE}/api/v1/query`, () =>
      HttpResponse.json({
        status: 'success',
        data: { resultType: 'vector', result: Object.entries(up).map(([service, value]) => ({ metric: { service }, value: [60, value] })) },
      }),
    ),
  );
  return seen;
}

describe('the charts from Prometheus', () => {
  it('asks for every chart number over the rate window, all services at once', () => {
    expect(promDuration(300_000)).toBe('300s');
    expect(promDuration(400)).toBe('1s');
    const queries = chartQueries('300s');
    expect(queries.requestRate).toBe('sum by (service) (rate(a2a_requests_total[300s]))');
    expect(queries.p95).toBe('histogram_quantile(0.95, sum by (service, agent, le) (rate(a2a_request_duration_seconds_bucket[300s])))');
    expect(Object.keys(queries).sort()).toEqual(['activeTasks', 'agentRates', 'errorRatio', 'p50', 'p95', 'p99', 'requestRate', 'resets']);
  });

  it('assembles one point per step and service from the answers, in time order', async () => {
    const queries = chartQueries('10s');
    const seen = answering(
      (expr) => {
        const at = (value: string) => [
          [60, value],
          [30, value],
        ];
        if (expr === queries.requestRate) return [{ metric: { service: 'media-engine' }, values: at('4.5') }];
        if (expr === queries.errorRatio) return [{ metric: { service: 'media-engine' }, values: at('0.25') }];
        if (expr === queries.p95) return [{ metric: { service: 'media-engine', agent: 'transcoder' }, values: at('NaN') }];
        if (expr === queries.activeTasks) return [{ metric: { service: 'media-engine', agent: '__proto__' }, values: at('3') }];
        if (expr === queries.agentRates) return [{ metric: { service: 'media-engine', agent: 'transcoder' }, values: at('4.5') }];
        if (expr === queries.resets) return [{ metric: { service: 'media-engine' }, values: at('1') }];
        return [];
      },
      { 'media-engine': '1', 'content-engine': '0' },
    );
    const range = await readMetricsRange(new PrometheusClient(BASE), { startMs: 30_000, endMs: 60_000, stepMs: 30_000, windowMs: 10_000 });
    expect(seen.sort()).toEqual(Object.values(queries).sort());
    const points = range.points.get('media-engine') ?? [];
    expect(points.map((point) => point.at)).toEqual([30_000, 60_000]);
    expect(points[1]).toMatchObject({ requestRate: 4.5, errorRatio: 0.25, resets: 1, agentRates: { transcoder: 4.5 } });
    expect(points[1]?.latency).toEqual([{ agent: 'transcoder', quantile: 0.95, seconds: null, approximation: null }]);
    // An agent called __proto__ is an agent like any other, not the object's prototype.
    expect(Object.hasOwn(points[1]?.activeTasks ?? {}, '__proto__')).toBe(true);
    expect(Object.entries(points[1]?.activeTasks ?? {})).toEqual([['__proto__', 3]]);
    expect(range.up).toEqual(
      new Map([
        ['media-engine', true],
        ['content-engine', false],
      ]),
    );
    expect(UP_QUERY).toBe('max by (service) (up)');
  });
});
