import { http, HttpResponse, type JsonBodyType } from 'msw';
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

/** A Prometheus scripted per request: `range(expr)` and `instant()` give each answer's whole body; every URL asked for is kept. */
function scripted(range: (expr: string) => JsonBodyType, instant: () => JsonBodyType) {
  const asked: URL[] = [];
  mockServer.use(
    http.get(`${BASE}/api/v1/query_range`, ({ request }) => {
      const url = new URL(request.url);
      asked.push(url);
      return HttpResponse.json(range(url.searchParams.get('query') ?? ''));
    }),
    http.get(`${BASE}/api/v1/query`, ({ request }) => {
      asked.push(new URL(request.url));
      return HttpResponse.json(instant());
    }),
  );
  return asked;
}

const matrixOf = (result: unknown[], extra: Record<string, unknown> = {}) => ({ status: 'success', data: { resultType: 'matrix', result }, ...extra });
const vectorOf = (result: unknown[], extra: Record<string, unknown> = {}) => ({ status: 'success', data: { resultType: 'vector', result }, ...extra });
const read = (windowMs = 300_000) => readMetricsRange(new PrometheusClient(BASE), { startMs: 30_000, endMs: 90_000, stepMs: 30_000, windowMs });

describe('the PromQL of each chart', () => {
  it('is the in-browser aggregation per service, over the window given', () => {
    expect(chartQueries('60s')).toEqual({
      requestRate: 'sum by (service) (rate(a2a_requests_total[60s]))',
      errorRatio: 'sum by (service) (rate(a2a_requests_total{status="error"}[60s])) / sum by (service) (rate(a2a_requests_total[60s]))',
      agentRates: 'sum by (service, agent) (rate(a2a_requests_total[60s]))',
      activeTasks: 'sum by (service, agent) (a2a_active_tasks)',
      resets: 'max by (service) (resets(a2a_requests_total[60s]))',
      p50: 'histogram_quantile(0.5, sum by (service, agent, le) (rate(a2a_request_duration_seconds_bucket[60s])))',
      p95: 'histogram_quantile(0.95, sum by (service, agent, le) (rate(a2a_request_duration_seconds_bucket[60s])))',
      p99: 'histogram_quantile(0.99, sum by (service, agent, le) (rate(a2a_request_duration_seconds_bucket[60s])))',
    });
  });

  it.each([
    [0, '1s'],
    [1_499, '1s'],
    [1_500, '2s'],
    [59_600, '60s'],
  ])('writes %d ms as the whole seconds %s, never less than one', (ms, duration) => {
    expect(promDuration(ms)).toBe(duration);
  });
});

describe('reading the charts from Prometheus', () => {
  it('asks for the range in seconds with the step, over the rate window, and for up at the range’s end', async () => {
    const asked = scripted(
      () => matrixOf([]),
      () => vectorOf([]),
    );
    await read(60_000);
    const ranges = asked.filter((url) => url.pathname.endsWith('/query_range'));
    expect(ranges).toHaveLength(8);
    for (const url of ranges) {
      expect([url.searchParams.get('start'), url.searchParams.get('end'), url.searchParams.get('step')]).toEqual(['30', '90', '30']);
    }
    expect(ranges.map((url) => url.searchParams.get('query')).sort()).toEqual(Object.values(chartQueries('60s')).sort());
    const instants = asked.filter((url) => url.pathname.endsWith('/query'));
    expect(instants.map((url) => [url.searchParams.get('query'), url.searchParams.get('time')])).toEqual([['max by (service) (up)', '90']]);
  });

  it('keeps each service apart and leaves out series that name no service', async () => {
    const queries = chartQueries('300s');
    scripted(
      (expr) =>
        expr === queries.requestRate
          ? matrixOf([
              { metric: { service: 'media-engine' }, values: [[30, '2']] },
              { metric: { service: 'content-engine' }, values: [[60, '7']] },
              { metric: {}, values: [[30, '99']] },
            ])
          : matrixOf([]),
      () =>
        vectorOf([
          { metric: { service: 'media-engine' }, value: [90, '1'] },
          { metric: { instance: 'stray:9090' }, value: [90, '1'] },
        ]),
    );
    const range = await read();
    expect([...range.points.keys()].sort()).toEqual(['content-engine', 'media-engine']);
    expect(range.points.get('media-engine')?.map((point) => [point.at, point.requestRate])).toEqual([[30_000, 2]]);
    expect(range.points.get('content-engine')?.map((point) => [point.at, point.requestRate])).toEqual([[60_000, 7]]);
    expect(range.up).toEqual(new Map([['media-engine', true]]));
  });

  it('starts a point that only one chart answered empty, and keeps each chart’s gaps as they are', async () => {
    const queries = chartQueries('300s');
    scripted(
      (expr) => {
        if (expr === queries.requestRate) return matrixOf([{ metric: { service: 'm' }, values: [[30, 'NaN']] }]);
        if (expr === queries.resets)
          return matrixOf([
            {
              metric: { service: 'm' },
              values: [
                [30, 'NaN'],
                [60, '2'],
              ],
            },
          ]);
        if (expr === queries.agentRates)
          return matrixOf([
            { metric: { service: 'm', agent: 'a' }, values: [[30, 'NaN']] },
            { metric: { service: 'm' }, values: [[30, '1.5']] },
          ]);
        if (expr === queries.activeTasks)
          return matrixOf([
            { metric: { service: 'm', agent: 'a' }, values: [[30, '+Inf']] },
            { metric: { service: 'm' }, values: [[30, '4']] },
          ]);
        return matrixOf([]);
      },
      () => vectorOf([]),
    );
    const points = (await read()).points.get('m');
    expect(points).toEqual([
      { at: 30_000, requestRate: null, errorRatio: null, latency: [], activeTasks: { '': 4 }, agentRates: { '': 1.5 }, resets: 0, unreadableSeries: [] },
      { at: 60_000, requestRate: null, errorRatio: null, latency: [], activeTasks: {}, agentRates: {}, resets: 2, unreadableSeries: [] },
    ]);
  });

  it('lists latencies by agent, then quantile, whatever order the answers came in', async () => {
    const queries = chartQueries('300s');
    const byQuantile: Record<string, string> = { [queries.p99 ?? '']: '0.9', [queries.p50 ?? '']: '0.1', [queries.p95 ?? '']: '0.5' };
    scripted(
      (expr) =>
        byQuantile[expr] === undefined
          ? matrixOf([])
          : matrixOf([
              { metric: { service: 'm', agent: 'transcoder' }, values: [[30, byQuantile[expr]]] },
              { metric: { service: 'm', agent: 'indexer' }, values: [[30, byQuantile[expr]]] },
              { metric: { service: 'm' }, values: [[30, byQuantile[expr]]] },
            ]),
      () => vectorOf([]),
    );
    const latency = (await read()).points.get('m')?.[0]?.latency ?? [];
    expect(latency.map(({ agent, quantile, seconds }) => [agent, quantile, seconds])).toEqual([
      ['', 0.5, 0.1],
      ['', 0.95, 0.5],
      ['', 0.99, 0.9],
      ['indexer', 0.5, 0.1],
      ['indexer', 0.95, 0.5],
      ['indexer', 0.99, 0.9],
      ['transcoder', 0.5, 0.1],
      ['transcoder', 0.95, 0.5],
      ['transcoder', 0.99, 0.9],
    ]);
    expect(latency.every((point) => point.approximation === null)).toBe(true);
  });

  it('reads up as true only where the last scrape gave exactly 1', async () => {
    scripted(
      () => matrixOf([]),
      () =>
        vectorOf([
          { metric: { service: 'one' }, value: [90, '1'] },
          { metric: { service: 'zero' }, value: [90, '0'] },
          { metric: { service: 'two' }, value: [90, '2'] },
          { metric: { service: 'gap' }, value: [90, 'NaN'] },
        ]),
    );
    expect((await read()).up).toEqual(
      new Map([
        ['one', true],
        ['zero', false],
        ['two', false],
        ['gap', false],
      ]),
    );
  });

  it('gathers every query’s warnings once each, and the series it set aside, up’s last', async () => {
    const queries = chartQueries('300s');
    scripted(
      (expr) => {
        if (expr === queries.requestRate) return matrixOf([{ metric: { service: 'm' }, values: 'none' }], { warnings: ['slow query'] });
        if (expr === queries.errorRatio) return matrixOf([], { warnings: ['slow query'], infos: ['not a counter'] });
        return matrixOf([]);
      },
      () => vectorOf([{ metric: { service: 'm' }, value: 'none' }], { warnings: ['up is old'] }),
    );
    const range = await read();
    expect(range.warnings).toEqual(['slow query', 'not a counter', 'up is old']);
    expect(range.unreadable).toEqual([
      { index: 0, problems: ['values: Invalid input: expected array, received string (got "none")'] },
      { index: 0, problems: ['value: Invalid input: expected tuple, received string (got "none")'] },
    ]);
    expect(range.points.size).toBe(0);
  });

  it('fails as a whole when any one query fails', async () => {
    scripted(
      (expr) => (expr.startsWith('histogram_quantile(0.99') ? { status: 'error', errorType: 'timeout', error: 'query timed out' } : matrixOf([])),
      () => vectorOf([]),
    );
    await expect(read()).rejects.toThrow('Prometheus could not answer histogram_quantile(0.99');
  });
});
