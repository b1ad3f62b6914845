import { describe, expect, it } from 'vitest';
import { createServiceMetrics } from '../../../fixtures/factories';
import { deriveMetrics, withinWindow, type Scrape } from './derive';
import { parsePrometheusText } from './prometheus-text';

const scrapesOf = (bodies: string[], everyMs = 30_000): Scrape[] =>
  bodies.map((body, index) => ({ at: index * everyMs, exposition: parsePrometheusText(body) }));

const hand = (ok: number, error: number, buckets: [string, number][]) =>
  [
    '# TYPE a2a_requests_total counter',
    `a2a_requests_total{agent="writer",status="ok"} ${ok}`,
    `a2a_requests_total{agent="writer",status="error"} ${error}`,
    '# TYPE a2a_request_duration_seconds histogram',
    ...buckets.map(([le, count]) => `a2a_request_duration_seconds_bucket{agent="writer",operation="draft",le="${le}"} ${count}`),
    '# TYPE a2a_active_tasks gauge',
    'a2a_active_tasks{agent="writer"} 4',
  ].join('\n');

describe('deriveMetrics', () => {
  it('computes the request rate, error share and quantiles the PromQL queries would', () => {
    const point = deriveMetrics(
      scrapesOf([
        hand(100, 0, [
          ['0.1', 10],
          ['1', 50],
          ['+Inf', 100],
        ]),
        hand(160, 30, [
          ['0.1', 10],
          ['1', 90],
          ['+Inf', 190],
        ]),
      ]),
    );
    expect(point.requestRate).toBe(3); // (60 + 30) / 30 s
    expect(point.errorRatio).toBeCloseTo(1 / 3, 12);
    // Increases per bucket: 0.1 → 0, 1 → 40, +Inf → 90; p50: rank 45 falls past 1 s, in +Inf → 1 (clamped).
    expect(point.latency.find((l) => l.quantile === 0.5)).toEqual({ agent: 'writer', quantile: 0.5, seconds: 1, approximation: 'clamped-to-highest-bound' });
    expect(point.activeTasks).toEqual({ writer: 4 });
    expect(point.resets).toBe(0);
  });

  it('interpolates inside a bucket when the rank falls there, and is exact (not approximate)', () => {
    const point = deriveMetrics(
      scrapesOf([
        hand(0, 0, [
          ['0.1', 0],
          ['1', 0],
          ['+Inf', 0],
        ]),
        hand(10, 0, [
          ['0.1', 0],
          ['1', 10],
          ['+Inf', 10],
        ]),
      ]),
    );
    expect(point.latency.find((l) => l.quantile === 0.5)).toEqual({ agent: 'writer', quantile: 0.5, seconds: 0.55, approximation: null });
  });

  it('one +Inf or NaN sample spoils only its own series, which is named; the other agents still count', () => {
    const twoAgents = (writerErrors: string, readerActive: string) =>
      [
        '# TYPE a2a_requests_total counter',
        'a2a_requests_total{agent="writer",status="ok"} 100',
        `a2a_requests_total{agent="writer",status="error"} ${writerErrors}`,
        'a2a_requests_total{agent="reader",status="ok"} 40',
        '# TYPE a2a_request_duration_seconds histogram',
        'a2a_request_duration_seconds_bucket{agent="reader",le="1"} 40',
        `a2a_request_duration_seconds_bucket{agent="writer",le="1"} ${writerErrors}`,
        '# TYPE a2a_active_tasks gauge',
        'a2a_active_tasks{agent="writer"} 2',
        `a2a_active_tasks{agent="reader"} ${readerActive}`,
      ].join('\n');
    const point = deriveMetrics(
      scrapesOf(
        [twoAgents('0', '1'), twoAgents('+Inf', 'NaN')].map((body, index) => body.replace(/ (100|40)$/gm, (_, n: string) => ` ${Number(n) * (index + 1)}`)),
      ),
    );
    expect(point.unreadableSeries).toEqual([
      'a2a_active_tasks{agent="reader"} = NaN',
      'a2a_request_duration_seconds_bucket{agent="writer",le="1"} = +Inf',
      'a2a_requests_total{agent="writer",status="error"} = +Inf',
    ]);
    expect(point.requestRate).toBeCloseTo((100 + 40) / 30, 12);
    expect(point.agentRates).toEqual({ writer: 100 / 30, reader: 40 / 30 });
    expect(point.latency.map((l) => l.agent)).toEqual(['reader', 'reader', 'reader']);
    expect(point.activeTasks).toEqual({ writer: 2 });
  });

  it('agents called __proto__ or constructor are agents like any other', () => {
    const body = ['# TYPE a2a_active_tasks gauge', 'a2a_active_tasks{agent="__proto__"} 3', 'a2a_active_tasks{agent="constructor"} 1'].join('\n');
    const point = deriveMetrics(scrapesOf([body]));
    expect(Object.entries(point.activeTasks)).toEqual([
      ['__proto__', 3],
      ['constructor', 1],
    ]);
  });

  it('a restart between scrapes counts as a reset, never as negative traffic', () => {
    const point = deriveMetrics(
      scrapesOf([
        hand(1000, 10, [
          ['1', 900],
          ['+Inf', 1010],
        ]),
        hand(30, 0, [
          ['1', 25],
          ['+Inf', 30],
        ]),
      ]),
    );
    // Both the ok and the error counters went down: one restart, counted once.
    expect(point.resets).toBe(1);
    expect(point.requestRate).toBe(1); // 30 requests since the restart, over 30 s
    expect(point.latency.every((l) => l.seconds === null || l.seconds >= 0)).toBe(true);
  });

  it('names a -Inf sample and a series without labels, label names sorted', () => {
    const body = (value: string) =>
      ['# TYPE a2a_requests_total counter', `a2a_requests_total{status="ok",agent="b"} ${value}`, '# TYPE a2a_active_tasks gauge', 'a2a_active_tasks NaN'].join(
        '\n',
      );
    expect(deriveMetrics(scrapesOf([body('10'), body('-Inf')])).unreadableSeries).toEqual([
      'a2a_active_tasks = NaN',
      'a2a_requests_total{agent="b",status="ok"} = -Inf',
    ]);
  });

  it("reads only the requests' totals and the histogram's buckets, not their created times, sums and counts, and counts traffic without an agent under ''", () => {
    const body = (count: number) =>
      [
        '# TYPE a2a_requests_total counter',
        `a2a_requests_total{status="ok"} ${count}`,
        'a2a_requests_total_created{status="ok"} 1700000000',
        '# TYPE a2a_request_duration_seconds histogram',
        `a2a_request_duration_seconds_bucket{agent="writer",le="1"} ${count}`,
        `a2a_request_duration_seconds_bucket{agent="writer",le="+Inf"} ${count}`,
        `a2a_request_duration_seconds_sum{agent="writer"} ${count === 0 ? 0 : 'NaN'}`,
        `a2a_request_duration_seconds_count{agent="writer"} ${count}`,
      ].join('\n');
    const point = deriveMetrics(scrapesOf([body(0), body(30)]));
    expect(point.agentRates).toEqual({ '': 1 });
    expect(point.latency.map(({ agent, quantile, seconds }) => [agent, quantile, seconds])).toEqual([
      ['writer', 0.5, 0.5],
      ['writer', 0.95, 0.95],
      ['writer', 0.99, 0.99],
    ]);
    expect(point.unreadableSeries).toEqual([]);
  });

  it('follows a series whose labels come in another order, and keeps apart two whose labels only read alike when joined', () => {
    const body = (count: number, order: 'agent first' | 'status first') =>
      [
        '# TYPE a2a_requests_total counter',
        order === 'agent first' ? `a2a_requests_total{agent="a",status="ok"} ${count}` : `a2a_requests_total{status="ok",agent="a"} ${count}`,
        `a2a_requests_total{agent="b,status=ok"} ${count * 2}`,
        `a2a_requests_total{agent="b",status="ok"} ${count * 4}`,
      ].join('\n');
    const point = deriveMetrics(scrapesOf([body(0, 'agent first'), body(30, 'status first')]));
    expect(point.agentRates).toEqual({ a: 1, 'b,status=ok': 2, b: 4 });
    expect(point.requestRate).toBe(7);
  });

  it('from no scrapes, an empty point', () => {
    expect(deriveMetrics([])).toEqual({
      at: 0,
      requestRate: null,
      errorRatio: null,
      latency: [],
      activeTasks: {},
      agentRates: {},
      resets: 0,
      unreadableSeries: [],
    });
  });

  it('no traffic: a rate of 0, no error share, and counters that stayed put are no restart', () => {
    const quiet = hand(5, 0, [
      ['1', 5],
      ['+Inf', 5],
    ]);
    expect(deriveMetrics(scrapesOf([quiet, quiet]))).toMatchObject({ requestRate: 0, errorRatio: null, resets: 0, agentRates: { writer: 0 } });
  });

  it("one unreadable bucket drops the agent's whole histogram, the buckets read before it too", () => {
    const body = (second: string) =>
      [
        '# TYPE a2a_request_duration_seconds histogram',
        'a2a_request_duration_seconds_bucket{agent="writer",le="0.1"} 1',
        `a2a_request_duration_seconds_bucket{agent="writer",le="1"} ${second}`,
        'a2a_request_duration_seconds_bucket{agent="writer",le="+Inf"} 9',
      ].join('\n');
    expect(deriveMetrics(scrapesOf([body('2'), body('NaN')])).latency).toEqual([]);
  });

  it("lists the agents' quantiles in agent order, whatever the order they were scraped in", () => {
    const body = (count: number) =>
      [
        '# TYPE a2a_request_duration_seconds histogram',
        ...['writer', 'analyst'].flatMap((agent) => [
          `a2a_request_duration_seconds_bucket{agent="${agent}",le="1"} ${count}`,
          `a2a_request_duration_seconds_bucket{agent="${agent}",le="+Inf"} ${count}`,
        ]),
      ].join('\n');
    expect(deriveMetrics(scrapesOf([body(0), body(10)])).latency.map((latency) => latency.agent)).toEqual([
      'analyst',
      'analyst',
      'analyst',
      'writer',
      'writer',
      'writer',
    ]);
  });

  it('has no rate from a single scrape and no quantile without requests', () => {
    const point = deriveMetrics(
      scrapesOf([
        hand(5, 0, [
          ['1', 5],
          ['+Inf', 5],
        ]),
      ]),
    );
    expect(point).toMatchObject({ requestRate: null, errorRatio: null, latency: [] });
  });

  it('reads the simulated services: an unhealthy service is slower and fails more than a healthy one', () => {
    const healthy = deriveMetrics(scrapesOf(createServiceMetrics({ service: 'media-engine', scrapes: 4 })));
    const unhealthy = deriveMetrics(scrapesOf(createServiceMetrics({ service: 'media-engine', scrapes: 4, health: 'unhealthy' })));
    const p50 = (point: typeof healthy) => point.latency.find((l) => l.agent === 'transcoder' && l.quantile === 0.5)?.seconds ?? Number.NaN;
    expect(p50(unhealthy)).toBeGreaterThan(p50(healthy) * 3);
    expect(unhealthy.errorRatio).toBeGreaterThan((healthy.errorRatio ?? 1) + 0.15);
    expect(Object.keys(healthy.activeTasks)).toEqual(['transcoder', 'thumbnailer']);
  });

  it('keeps only the scrapes inside the window', () => {
    const scrapes = scrapesOf(['a 1', 'a 2', 'a 3', 'a 4']);
    expect(withinWindow(scrapes, 60_000).map((s) => s.at)).toEqual([30_000, 60_000, 90_000]);
    expect(withinWindow([], 60_000)).toEqual([]);
  });
});
