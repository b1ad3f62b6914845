import { describe, expect, it } from 'vitest';
import { createServiceHealth } from '../../../fixtures/factories';
import { ApiError } from '../../api/errors';
import { emptyAlertsState } from '../alerts/engine';
import { DEFAULT_RULES } from '../alerts/rules';
import { ServiceMonitor, type MonitorSources } from './service-monitor';

/** A counter exposition whose planner has answered `ok` requests and failed `error`. */
const requests = (ok: number, error = 0) =>
  [
    '# TYPE a2a_requests_total counter',
    `a2a_requests_total{agent="planner",status="ok"} ${ok}`,
    `a2a_requests_total{agent="planner",status="error"} ${error}`,
    '# TYPE a2a_active_tasks gauge',
    'a2a_active_tasks{agent="planner"} 2',
  ].join('\n');

/** Sources whose answers the test hands out one by one, in any order, after anything it likes. */
function heldSources() {
  const waiting: { kind: 'health' | 'metrics'; service: string; answer: (value: unknown) => void; fail: (error: Error) => void }[] = [];
  const ask = (kind: 'health' | 'metrics', service: string) =>
    new Promise<never>((resolve, reject) => waiting.push({ kind, service, answer: resolve as (value: unknown) => void, fail: reject }));
  const sources: MonitorSources = { health: (service) => ask('health', service), metrics: (service) => ask('metrics', service) };
  const take = (kind: 'health' | 'metrics', service: string) => {
    const [read] = waiting.splice(
      waiting.findIndex((candidate) => candidate.kind === kind && candidate.service === service),
      1,
    );
    if (!read || read.kind !== kind || read.service !== service) throw new Error(`No ${kind} read of ${service} is waiting.`);
    return read;
  };
  return { sources, waiting, take };
}

const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('ServiceMonitor, from its first snapshot to its last answer', () => {
  it('starts with every source loading, no alerts, no silences, the default rules and the browser as its metrics source', () => {
    const monitor = new ServiceMonitor({ services: ['media-engine', 'content-engine'], sources: heldSources().sources });
    expect(monitor.getSnapshot()).toEqual({
      services: [
        { name: 'media-engine', health: { status: 'loading' }, metrics: { status: 'loading' } },
        { name: 'content-engine', health: { status: 'loading' }, metrics: { status: 'loading' } },
      ],
      alerts: emptyAlertsState(),
      silences: [],
      rules: DEFAULT_RULES,
      refreshing: false,
      metricsSource: 'browser',
    });
    expect(monitor.alertmanager).toBeUndefined();
  });

  it('calls a listener on every change until it unsubscribes', async () => {
    const { sources, take } = heldSources();
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources });
    const heard: boolean[] = [];
    const unsubscribe = monitor.subscribe(() => heard.push(monitor.getSnapshot().refreshing));
    const read = monitor.refreshHealth('media-engine');
    expect(heard).toEqual([true]);
    unsubscribe();
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine' }));
    await read;
    expect(heard).toEqual([true]);
    expect(monitor.getSnapshot()).toMatchObject({ refreshing: false, services: [{ health: { status: 'ok' } }] });
  });

  it("a live re-read of one service reads that service's health alone", async () => {
    const { sources, waiting, take } = heldSources();
    const monitor = new ServiceMonitor({ services: ['media-engine', 'content-engine'], sources });
    const read = monitor.refreshHealth('content-engine');
    expect(waiting.map((asked) => `${asked.kind} ${asked.service}`)).toEqual(['health content-engine']);
    take('health', 'content-engine').answer(createServiceHealth({ service: 'content-engine' }));
    await read;
  });

  it('a read joining one in flight announces nothing until something changes', async () => {
    const { sources, take } = heldSources();
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources });
    let heard = 0;
    monitor.subscribe(() => (heard += 1));
    const full = monitor.refresh();
    expect(heard).toBe(1);
    const again = monitor.refreshHealth('media-engine');
    expect(heard).toBe(1);
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine' }));
    await settle();
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine' }));
    take('metrics', 'media-engine').answer(requests(10));
    await Promise.all([full, again]);
    expect(monitor.getSnapshot().refreshing).toBe(false);
  });

  it('lands nothing after it is disposed: answers and failures still in flight change no source, alert or refresh time', async () => {
    let now = 1_000;
    const { sources, take } = heldSources();
    const monitor = new ServiceMonitor({ services: ['media-engine', 'content-engine'], sources, now: () => now });
    let heard = 0;
    monitor.subscribe(() => (heard += 1));
    const full = monitor.refresh();
    const live = monitor.refreshHealth();
    const before = monitor.getSnapshot();
    monitor.dispose();
    now = 2_000;
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine', status: 'unhealthy' }));
    take('health', 'content-engine').fail(new ApiError('network', 'The server could not be reached.'));
    take('metrics', 'media-engine').answer(requests(10));
    take('metrics', 'content-engine').fail(new ApiError('server', 'The server failed (HTTP 500).', 500));
    await Promise.all([full, live]);
    const after = monitor.getSnapshot();
    expect(after.services).toBe(before.services);
    expect(after.alerts).toBe(before.alerts);
    expect(after.refreshedAt).toBeUndefined();
    expect(heard).toBe(1);
  });

  it('a disposed monitor reads again on the next refresh, with its answers landing', async () => {
    const { sources, take } = heldSources();
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources, now: () => 5_000 });
    const first = monitor.refresh();
    monitor.dispose();
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine' }));
    take('metrics', 'media-engine').answer(requests(10));
    await first;
    const second = monitor.refresh();
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine' }));
    take('metrics', 'media-engine').answer(requests(10));
    await second;
    expect(monitor.getSnapshot()).toMatchObject({ refreshedAt: 5_000, services: [{ health: { status: 'ok' }, metrics: { status: 'ok' } }] });
  });

  it('a read left over from before a dispose does not unlist the new read: a re-read joins the new one', async () => {
    const { sources, waiting, take } = heldSources();
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources });
    const old = monitor.refreshHealth('media-engine');
    monitor.dispose();
    const current = monitor.refreshHealth('media-engine');
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine' }));
    await old;
    const joined = monitor.refreshHealth('media-engine');
    expect(waiting.filter((read) => read.kind === 'health')).toHaveLength(1);
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine' }));
    await settle();
    // The joined re-read is repeated once the read it joined has landed, one at a time.
    take('health', 'media-engine').answer(createServiceHealth({ service: 'media-engine' }));
    await Promise.all([current, joined]);
    expect(waiting).toEqual([]);
  });

  it('shows the silences it is given', () => {
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources: heldSources().sources });
    const silence = { id: 's1', matchers: { service: 'media-engine' }, author: 'riley', comment: 'deploying', createdAt: 0, expiresAt: 10_000 };
    monitor.setSilences([silence]);
    expect(monitor.getSnapshot().silences).toEqual([silence]);
  });
});

describe('ServiceMonitor, the charts it derives from its own scrapes', () => {
  /** A monitor whose media-engine health always answers and whose metrics answer the texts given, in turn. */
  function scraping(texts: string[], options: { windowMs?: number; maxPoints?: number } = {}) {
    let now = 0;
    const sources: MonitorSources = {
      health: async (service) => createServiceHealth({ service }),
      metrics: async () => texts.shift() ?? '',
    };
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources, now: () => now, ...options });
    return {
      monitor,
      refreshAt: async (at: number) => {
        now = at;
        await monitor.refresh();
        return monitor.getSnapshot().services[0]?.metrics;
      },
    };
  }

  it('derives each point from the scrapes of the default five-minute window', async () => {
    const { refreshAt } = scraping([requests(0), requests(30, 30), requests(90, 30)]);
    expect((await refreshAt(0))?.data?.points.at(-1)).toMatchObject({ at: 0, requestRate: null, activeTasks: { planner: 2 } });
    expect((await refreshAt(30_000))?.data?.points.at(-1)).toMatchObject({ requestRate: 2, errorRatio: 0.5 });
    // Five and a half minutes on, the first scrape has left the window: the rate is over the last two (60 requests in 300 s).
    const metrics = await refreshAt(330_000);
    expect(metrics?.data?.points.at(-1)).toMatchObject({ at: 330_000, requestRate: 0.2 });
  });

  it('a scrape outside a shorter window is not part of the rate', async () => {
    const { refreshAt } = scraping([requests(0), requests(30)], { windowMs: 10_000 });
    await refreshAt(0);
    expect((await refreshAt(30_000))?.data?.points.at(-1)).toMatchObject({ requestRate: null });
  });

  it('counts the samples it read and the lines it skipped; a body with some good lines is a good read', async () => {
    const { refreshAt } = scraping([`${requests(5)}\nnot a sample line\n`]);
    expect(await refreshAt(0)).toMatchObject({ status: 'ok', lastGoodAt: 0, data: { samples: 3, skippedLines: 1 } });
  });

  it('keeps the newest 60 points by default, or as many as asked', async () => {
    const many = scraping(Array.from({ length: 62 }, (_, index) => requests(index)));
    for (let index = 0; index < 62; index += 1) await many.refreshAt(index * 30_000);
    const points = many.monitor.getSnapshot().services[0]?.metrics.data?.points ?? [];
    expect(points).toHaveLength(60);
    expect(points[0]?.at).toBe(60_000);
    const few = scraping([requests(1), requests(2), requests(3)], { maxPoints: 2 });
    for (const at of [0, 30_000, 60_000]) await few.refreshAt(at);
    expect(few.monitor.getSnapshot().services[0]?.metrics.data?.points.map((point) => point.at)).toEqual([30_000, 60_000]);
  });

  it('evaluates the rules on the newest point of a good metrics read only', async () => {
    const { monitor, refreshAt } = scraping([requests(0), requests(10, 90)]);
    await refreshAt(0);
    await refreshAt(30_000);
    // Error share 90%: the error-rate rule is pending for media-engine.
    expect(Object.values(monitor.getSnapshot().alerts.instances).map((alert) => [alert.name, alert.state, alert.labels.service])).toEqual([
      ['HighErrorRate', 'pending', 'media-engine'],
    ]);
  });

  it('a stale metrics source is not evidence: the rules no longer see its last point', async () => {
    let now = 0;
    const texts: (string | Error)[] = [requests(0), requests(10, 90), new ApiError('server', 'The server failed (HTTP 500).', 500)];
    const sources: MonitorSources = {
      health: async (service) => createServiceHealth({ service }),
      metrics: async () => {
        const next = texts.shift() ?? '';
        if (next instanceof Error) throw next;
        return next;
      },
    };
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources, now: () => now });
    for (const at of [0, 30_000]) {
      now = at;
      await monitor.refresh();
    }
    expect(Object.keys(monitor.getSnapshot().alerts.instances)).toHaveLength(1);
    now = 60_000;
    await monitor.refresh();
    expect(monitor.getSnapshot().services[0]?.metrics.status).toBe('stale');
    expect(monitor.getSnapshot().alerts.instances).toEqual({});
  });
});
