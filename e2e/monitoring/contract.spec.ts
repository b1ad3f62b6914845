import { createServer } from 'node:net';
import { startMockHttpServer } from '../../fixtures/adapters/http-server';
import { FIXED_NOW } from '../../fixtures/clock';
import { MONITORING_PATHS } from '../../fixtures/services/monitoring';
import { chartQueries } from '../../src/observability/prometheus/metrics-range';
import { expect, test } from '../fixtures/monitoring';
import { RATE_WINDOW_MS } from '../support/monitoring-stack';

// The mock layer's Prometheus and Alertmanager (fixtures/services/monitoring.ts, which stories, Vitest
// and the in-page E2E transport use) must answer in the shapes the real programs answer: every key and
// every type, at every depth, for each endpoint the console reads or writes.

type Shape = string | { array: Shape } | { [key: string]: Shape };

/**
 * The shape of a JSON value: its type; an object's keys with their shapes (a label set or other map of
 * strings is one shape, `map`: its keys are data); an array's items' shapes merged into one (`nothing`
 * for an empty array, which fits any).
 */
function shape(value: unknown): Shape {
  if (Array.isArray(value)) return { array: value.map(shape).reduce(merge, 'nothing') };
  if (value !== null && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>);
    if (entries.every(([, item]) => typeof item === 'string') && !('state' in value) && !('name' in value) && !('id' in value)) return 'map';
    return Object.fromEntries(entries.map(([key, item]) => [key, shape(item)]));
  }
  return value === null ? 'null' : typeof value;
}

function merge(a: Shape, b: Shape): Shape {
  if (a === 'nothing') return b;
  if (b === 'nothing') return a;
  if (typeof a === 'string' || typeof b === 'string') return a === b ? a : [...new Set([...String(a).split('|'), ...String(b).split('|')])].sort().join('|');
  if ('array' in a && 'array' in b) return { array: merge(a.array as Shape, b.array as Shape) };
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  return Object.fromEntries(keys.map((key) => [key, merge((a as Record<string, Shape>)[key] ?? 'absent', (b as Record<string, Shape>)[key] ?? 'absent')]));
}

/** Where `mocked` differs from `real`, as `path: mock has X, real has Y` (an empty array on either side fits). */
function differences(mocked: Shape, real: Shape, path = '$'): string[] {
  if (mocked === 'nothing' || real === 'nothing') return [];
  if (typeof mocked === 'string' || typeof real === 'string')
    return mocked === real ? [] : [`${path}: mock ${JSON.stringify(mocked)}, real ${JSON.stringify(real)}`];
  if ('array' in mocked && 'array' in real) return differences(mocked.array as Shape, real.array as Shape, `${path}[]`);
  const keys = [...new Set([...Object.keys(mocked), ...Object.keys(real)])].sort();
  return keys.flatMap((key) =>
    differences((mocked as Record<string, Shape>)[key] ?? 'absent', (real as Record<string, Shape>)[key] ?? 'absent', `${path}.${key}`),
  );
}

function freePort(): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer().listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

test('the mock Prometheus and Alertmanager answer in the shapes the real ones do', async ({ monitoring, services, request }) => {
  const port = await freePort();
  const mockServer = await startMockHttpServer({ port });
  const mock = `http://127.0.0.1:${port}`;
  try {
    await request.put(`${mock}/__mock/scenario/incident`, { headers: { 'x-mock-session': 'default' } });
    await services.useScenario('incident');
    const reviewer = { authorization: 'Bearer mock.riley' };
    const window = `${Math.round(RATE_WINDOW_MS / 1000)}s`;
    const read = async (base: string, path: string, headers: Record<string, string> = {}) => {
      const response = await request.get(`${base}${path}`, { headers });
      expect(response.status(), `${base}${path}`).toBe(200);
      return response.json() as Promise<unknown>;
    };
    // The real programs once the incident has fired (a group in Alertmanager), read directly.
    await expect
      .poll(async () => ((await read(monitoring.alertmanagerUrl, '/api/v2/alerts/groups')) as unknown[]).length, { timeout: 20_000 })
      .toBeGreaterThan(0);
    // The same requests to each, on each one's clock and scrape interval: the real programs' now and
    // compressed window; the mock layer's fixed now and 30 s scrapes with the console's 5m window.
    const requests = (now: number, window: string) => {
      const range = (query: string) => `/api/v1/query_range?${new URLSearchParams({ query, start: String(now - 300), end: String(now), step: '30' })}`;
      return [
        ['query_range', range(chartQueries(window).requestRate ?? '')],
        ['query_range of a quantile', range(chartQueries(window).p95 ?? '')],
        ['query', `/api/v1/query?${new URLSearchParams({ query: 'max by (service) (up)', time: String(now) })}`],
        ['rules', '/api/v1/rules?type=alert'],
      ] as const;
    };
    const realRequests = requests(Date.now() / 1000, window);
    const mockRequests = requests(FIXED_NOW.getTime() / 1000, '300s');
    for (const [index, [name, path]] of realRequests.entries()) {
      const real = await read(monitoring.prometheusUrl, path);
      const mocked = await read(`${mock}${MONITORING_PATHS.prometheus}`, mockRequests[index]?.[1] ?? '', reviewer);
      expect(differences(shape(mocked), shape(real)), `Prometheus ${name}`).toEqual([]);
    }

    const silence = {
      matchers: [{ name: 'alertname', value: 'ServiceUnhealthy', isRegex: false, isEqual: true }],
      startsAt: new Date().toISOString(),
      endsAt: new Date(Date.now() + 3_600_000).toISOString(),
      createdBy: 'Riley Reviewer',
      comment: 'Contract',
    };
    const created = [
      await request.post(`${monitoring.alertmanagerUrl}/api/v2/silences`, { data: silence }),
      await request.post(`${mock}${MONITORING_PATHS.alertmanager}/api/v2/silences`, { data: silence, headers: reviewer }),
    ];
    expect(created.map((response) => response.status())).toEqual([200, 200]);
    expect(differences(shape(await created[1]?.json()), shape(await created[0]?.json()))).toEqual([]);
    for (const path of ['/api/v2/alerts/groups?silenced=true&inhibited=true&active=true', '/api/v2/silences']) {
      const real = await read(monitoring.alertmanagerUrl, path);
      const mocked = await read(`${mock}${MONITORING_PATHS.alertmanager}`, path, reviewer);
      expect(differences(shape(mocked), shape(real)), `Alertmanager ${path}`).toEqual([]);
    }
  } finally {
    mockServer.closeAllConnections();
    await new Promise((resolve) => mockServer.close(resolve));
  }
});
