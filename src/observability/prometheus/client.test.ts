import { http, HttpResponse } from 'msw';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { mockServer } from '../../../fixtures/adapters/node';
import { ApiError } from '../../api/errors';
import { resetWarnings } from '../../api/warn-once';
import { PrometheusClient } from './client';

const BASE = 'http://prometheus.test';
const prometheus = new PrometheusClient(`${BASE}/`);

afterEach(() => vi.restoreAllMocks());

/** Answers as Prometheus 2.42 gave them to the monitoring tests (e2e/monitoring/). */
const matrix = (result: unknown[], warnings?: string[]) => ({ status: 'success', data: { resultType: 'matrix', result }, ...(warnings ? { warnings } : {}) });

describe('PrometheusClient', () => {
  it('reads a range query: points in milliseconds, NaN and +Inf as gaps, the query and range sent as Prometheus reads them', async () => {
    let asked: URL | undefined;
    mockServer.use(
      http.get(`${BASE}/api/v1/query_range`, ({ request }) => {
        asked = new URL(request.url);
        return HttpResponse.json(
          matrix([
            {
              metric: { service: 'media-engine' },
              values: [
                [1796415044.757, '4.97945'],
                [1796415046.757, 'NaN'],
                [1796415048.757, '+Inf'],
              ],
            },
          ]),
        );
      }),
    );
    const answer = await prometheus.queryRange('sum by (service) (rate(a2a_requests_total[5m]))', { startMs: 1_000, endMs: 61_000, stepMs: 30_000 });
    expect(Object.fromEntries(asked?.searchParams ?? [])).toEqual({
      query: 'sum by (service) (rate(a2a_requests_total[5m]))',
      start: '1',
      end: '61',
      step: '30',
    });
    expect(answer).toEqual({
      items: [
        {
          labels: { service: 'media-engine' },
          points: [
            { at: 1796415044757, value: 4.97945 },
            { at: 1796415046757, value: null },
            { at: 1796415048757, value: null },
          ],
        },
      ],
      unreadable: [],
      warnings: [],
    });
  });

  it('sets aside a series it cannot read, keeps the others, and passes on Prometheus’ warnings', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    mockServer.use(
      http.get(`${BASE}/api/v1/query_range`, () =>
        HttpResponse.json(
          matrix(
            [
              { metric: { service: 'a' }, values: [[1, '1']] },
              { metric: { service: 'b' }, values: 'lots' },
            ],
            ['PromQL info: metric might not be a counter'],
          ),
        ),
      ),
    );
    const answer = await prometheus.queryRange('up', { startMs: 0, endMs: 1_000, stepMs: 1_000 });
    expect(answer.items.map((series) => series.labels.service)).toEqual(['a']);
    expect(answer.unreadable).toEqual([{ index: 1, problems: [expect.stringContaining('values')] }]);
    expect(answer.warnings).toEqual(['PromQL info: metric might not be a counter']);
  });

  it("names Prometheus' own error, a proxy's error and an answer that is not JSON", async () => {
    mockServer.use(
      http.get(`${BASE}/api/v1/query`, ({ request }) => {
        const query = new URL(request.url).searchParams.get('query');
        if (query === 'bad(') return HttpResponse.json({ status: 'error', errorType: 'bad_data', error: 'unexpected end of input' }, { status: 400 });
        if (query === 'proxy') return HttpResponse.json({ error: 'Prometheus could not be reached.', code: 'upstream' }, { status: 502 });
        return new HttpResponse('<html>gateway</html>', { status: 200, headers: { 'content-type': 'text/html' } });
      }),
    );
    await expect(prometheus.query('bad(')).rejects.toMatchObject({
      kind: 'client',
      status: 400,
      message: 'Prometheus could not answer bad(: bad_data: unexpected end of input',
    });
    await expect(prometheus.query('bad(')).rejects.toBeInstanceOf(ApiError);
    await expect(prometheus.query('proxy')).rejects.toThrow('Prometheus answered HTTP 502 for proxy: Prometheus could not be reached.');
    await expect(prometheus.query('up')).rejects.toThrow('Prometheus answered something that is not JSON: <html>gateway</html>');
  });

  it("names a JSON answer that is not Prometheus' envelope, and an error answer with nothing in it", async () => {
    mockServer.use(
      http.get(`${BASE}/api/v1/query`, ({ request }) =>
        new URL(request.url).searchParams.get('query') === 'empty' ? new HttpResponse(null, { status: 503 }) : HttpResponse.json({ result: [] }),
      ),
    );
    await expect(prometheus.query('up')).rejects.toMatchObject({
      kind: 'invalid-response',
      message: 'Prometheus answered up in a shape this console does not read.',
    });
    await expect(prometheus.query('empty')).rejects.toMatchObject({ status: 503, message: 'Prometheus answered HTTP 503 with no explanation.' });
  });

  it('names an answer in the envelope whose data it cannot read, and the alerting rules by name in every failure', async () => {
    mockServer.use(
      http.get(`${BASE}/api/v1/query`, () => HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: 'none' } })),
      http.get(`${BASE}/api/v1/rules`, () => HttpResponse.json({ status: 'success', data: { groups: 'none' } })),
    );
    await expect(prometheus.query('up')).rejects.toMatchObject({
      kind: 'invalid-response',
      message: 'Prometheus answered up in a shape this console does not read.',
    });
    await expect(prometheus.alertingRules()).rejects.toMatchObject({
      kind: 'invalid-response',
      message: 'Prometheus answered the alerting rules in a shape this console does not read.',
    });
    mockServer.use(
      http.get(`${BASE}/api/v1/rules`, () =>
        HttpResponse.json({ status: 'error', errorType: 'unavailable', error: 'rule manager not ready' }, { status: 503 }),
      ),
    );
    await expect(prometheus.alertingRules()).rejects.toThrow('Prometheus could not answer the alerting rules: unavailable: rule manager not ready');
  });

  it('does not take a proxy’s error that is not text for an explanation', async () => {
    mockServer.use(http.get(`${BASE}/api/v1/query`, () => HttpResponse.json({ error: { code: 'upstream' } }, { status: 502 })));
    await expect(prometheus.query('up')).rejects.toThrow(/^Prometheus answered HTTP 502 for up\.$/);
  });

  it('reads a value that is no number as a gap', async () => {
    mockServer.use(
      http.get(`${BASE}/api/v1/query`, () =>
        HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [{ metric: {}, value: [12.5, 'many'] }] } }),
      ),
    );
    expect((await prometheus.query('up')).items).toEqual([{ labels: {}, points: [{ at: 12_500, value: null }] }]);
  });

  it('reads an address given with trailing slashes', async () => {
    mockServer.use(
      http.get(`${BASE}/api/v1/query`, ({ request }) =>
        new URL(request.url).pathname === '/api/v1/query'
          ? HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [] } })
          : HttpResponse.json({ error: 'wrong path' }, { status: 404 }),
      ),
    );
    await expect(new PrometheusClient(`${BASE}///`).query('up')).resolves.toEqual({ items: [], unreadable: [], warnings: [] });
  });

  it('names Prometheus when it cannot be reached', async () => {
    mockServer.use(http.get(`${BASE}/api/v1/rules`, () => HttpResponse.error()));
    await expect(prometheus.alertingRules()).rejects.toThrow('Prometheus could not be reached at http://prometheus.test.');
  });

  it('reads the alerting rules of every group, setting aside one it cannot read', async () => {
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const rule = {
      state: 'firing',
      name: 'ServiceUnhealthy',
      query: 'max by (service) (service_health_state{state="unhealthy"}) == 1',
      duration: 60,
      keepFiringFor: 0,
      labels: { severity: 'critical' },
      annotations: { summary: 'The service reports itself unhealthy.' },
      alerts: [
        {
          labels: { alertname: 'ServiceUnhealthy', service: 'media-engine' },
          annotations: {},
          state: 'firing',
          activeAt: '2026-12-04T20:10:47.088Z',
          value: '1e+00',
        },
      ],
      health: 'ok',
      evaluationTime: 0.0008,
      lastEvaluation: '2026-12-04T20:10:48.089Z',
      type: 'alerting',
    };
    mockServer.use(
      http.get(`${BASE}/api/v1/rules`, () =>
        HttpResponse.json({
          status: 'success',
          data: { groups: [{ name: 'agent-console', file: 'rules.yml', interval: 30, rules: [rule, { ...rule, state: 'exploded' }] }] },
        }),
      ),
    );
    const rules = await prometheus.alertingRules();
    // What the console does not use (evaluation timings) is not kept.
    const kept: Partial<typeof rule> = { ...rule };
    delete kept.evaluationTime;
    expect(rules.items).toEqual([{ ...kept, group: 'agent-console' }]);
    expect(rules.unreadable).toHaveLength(1);
  });
});

describe('a Prometheus that does not answer', () => {
  it('is named as not answering in time, on the clock the page runs', async () => {
    vi.useFakeTimers();
    try {
      mockServer.use(http.get(`${BASE}/api/v1/rules`, () => new Promise<Response>(() => undefined)));
      const rules = prometheus.alertingRules();
      const settled = expect(rules).rejects.toMatchObject({ kind: 'timeout', message: 'Prometheus did not answer within 10 s.' });
      await vi.advanceTimersByTimeAsync(10_000);
      await settled;
    } finally {
      vi.useRealTimers();
    }
  });
});

describe('PrometheusClient, answer by answer', () => {
  it('asks an instant query at the time given, in seconds, and at Prometheus’ now without one', async () => {
    const asked: URLSearchParams[] = [];
    mockServer.use(
      http.get(`${BASE}/api/v1/query`, ({ request }) => {
        asked.push(new URL(request.url).searchParams);
        return HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [] } });
      }),
    );
    await prometheus.query('up', { atMs: 1_796_415_044_500 });
    await prometheus.query('up');
    expect(asked.map((params) => Object.fromEntries(params))).toEqual([{ query: 'up', time: '1796415044.5' }, { query: 'up' }]);
  });

  it('an error status is an error whatever the envelope says, and an error envelope is one whatever the status', async () => {
    const answers = [
      HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [] } }, { status: 400 }),
      HttpResponse.json({ status: 'error', errorType: 'execution', error: 'query timed out' }, { status: 200 }),
      HttpResponse.json({ status: 'error' }, { status: 422 }),
      HttpResponse.json({ code: 1 }, { status: 400 }),
      HttpResponse.json({ error: 7 }, { status: 502 }),
      HttpResponse.json(null, { status: 500 }),
    ];
    mockServer.use(http.get(`${BASE}/api/v1/query`, () => answers.shift()));
    const failures: unknown[] = [];
    for (let index = 0; index < 6; index += 1)
      failures.push(await prometheus.query('up').then(String, (error: ApiError) => ({ kind: error.kind, status: error.status, message: error.message })));
    expect(failures).toEqual([
      { kind: 'client', status: 400, message: 'Prometheus could not answer up: error: HTTP 400' },
      { kind: 'server', status: 200, message: 'Prometheus could not answer up: execution: query timed out' },
      { kind: 'client', status: 422, message: 'Prometheus could not answer up: error: HTTP 422' },
      { kind: 'client', status: 400, message: 'Prometheus answered HTTP 400 for up.' },
      { kind: 'server', status: 502, message: 'Prometheus answered HTTP 502 for up.' },
      { kind: 'server', status: 500, message: 'Prometheus answered HTTP 500 for up.' },
    ]);
  });

  it('names what it set aside by what it is: a sample, a series, an alerting rule of its group', async () => {
    resetWarnings();
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    mockServer.use(
      http.get(`${BASE}/api/v1/query`, () => HttpResponse.json({ status: 'success', data: { resultType: 'vector', result: [{ metric: 1 }] } })),
      http.get(`${BASE}/api/v1/query_range`, () => HttpResponse.json(matrix([{ metric: 2 }]))),
      http.get(`${BASE}/api/v1/rules`, () =>
        HttpResponse.json({ status: 'success', data: { groups: [{ name: 'console', file: 'rules.yml', interval: 15, rules: [{ name: 3 }] }] } }),
      ),
    );
    await prometheus.query('up');
    await prometheus.queryRange('up', { startMs: 0, endMs: 60_000, stepMs: 15_000 });
    await prometheus.alertingRules();
    const lines = warn.mock.calls.map(([line]) => String(line));
    for (const noun of ['Prometheus sample', 'Prometheus series', 'alerting rule of group console'])
      expect(lines.some((line) => line.startsWith(`[records] set aside ${noun} #1`))).toBe(true);
  });
});
