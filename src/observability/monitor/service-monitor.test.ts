import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { createServiceHealth, createServiceMetrics } from '../../../fixtures/factories';
import type { ServiceHealth } from '../../api/contract';
import { ApiError } from '../../api/errors';
import { propertyRuns } from '../../../test/property-runs';
import { ServiceMonitor, type MonitorSources } from './service-monitor';

/** Sources a test scripts: each service's next health and metrics answer, or a failure. */
function scripted() {
  const health = new Map<string, ServiceHealth | Error>();
  const metrics = new Map<string, string[] | Error>();
  const sources: MonitorSources = {
    health: async (service) => {
      const answer = health.get(service) ?? createServiceHealth({ service });
      if (answer instanceof Error) throw answer;
      return answer;
    },
    metrics: async (service) => {
      const answer = metrics.get(service) ?? [''];
      if (answer instanceof Error) throw answer;
      return answer.length > 1 ? (answer.shift() ?? '') : (answer[0] ?? '');
    },
  };
  return { health, metrics, sources };
}

describe('ServiceMonitor', () => {
  it('marks only the failing source stale, keeping its last good data and when it was read', async () => {
    let now = 1_000;
    const { metrics, sources } = scripted();
    metrics.set('media-engine', createServiceMetrics({ service: 'media-engine', scrapes: 3 }));
    const monitor = new ServiceMonitor({ services: ['media-engine', 'content-engine'], sources, now: () => now });
    await monitor.refresh();
    metrics.set('media-engine', new ApiError('server', 'The server failed (HTTP 500). Retry in a moment.', 500));
    now = 31_000;
    await monitor.refresh();
    const [media, content] = monitor.getSnapshot().services;
    expect(media?.metrics).toMatchObject({ status: 'stale', lastGoodAt: 1_000, error: 'The server failed (HTTP 500). Retry in a moment.' });
    expect(media?.metrics.data?.points).toHaveLength(1);
    expect(media?.health.status).toBe('ok');
    expect(content?.metrics.status).toBe('ok');
  });

  it('treats a metrics body with nothing readable as a failed read, naming a skipped line', async () => {
    const { metrics, sources } = scripted();
    metrics.set('media-engine', ['<html>502 Bad Gateway</html>']);
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources });
    await monitor.refresh();
    expect(monitor.getSnapshot().services[0]?.metrics).toMatchObject({
      status: 'error',
      error: 'The metrics endpoint answered with nothing readable (1 lines skipped, e.g. line 1: does not start with a metric name).',
    });
  });

  it('grows each series by one point per refresh and evaluates the rules after each', async () => {
    let now = 0;
    const { health, metrics, sources } = scripted();
    metrics.set('media-engine', createServiceMetrics({ service: 'media-engine', scrapes: 4 }));
    health.set('media-engine', createServiceHealth({ service: 'media-engine', status: 'unhealthy' }));
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources, now: () => now });
    for (const at of [0, 30_000, 60_000]) {
      now = at;
      await monitor.refresh();
    }
    const snapshot = monitor.getSnapshot();
    expect(snapshot.services[0]?.metrics.data?.points.map((point) => point.at)).toEqual([0, 30_000, 60_000]);
    expect(Object.values(snapshot.alerts.instances).map((alert) => [alert.name, alert.state])).toEqual([['ServiceUnhealthy', 'firing']]);
  });

  it('a stale health source is not evidence: its alert is not kept alive by the last good value', async () => {
    let now = 0;
    const { health, sources } = scripted();
    health.set('media-engine', createServiceHealth({ service: 'media-engine', status: 'unhealthy' }));
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources, now: () => now });
    await monitor.refresh();
    health.set('media-engine', new ApiError('network', 'The server could not be reached.'));
    now = 30_000;
    await monitor.refresh();
    expect(monitor.getSnapshot().services[0]?.health.status).toBe('stale');
    expect(monitor.getSnapshot().alerts.instances).toEqual({});
  });

  it('a refresh asked for while one runs joins it instead of reading every source twice', async () => {
    const { sources } = scripted();
    let reads = 0;
    const counted: MonitorSources = {
      ...sources,
      health: (service, signal) => {
        reads += 1;
        return sources.health(service, signal);
      },
    };
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources: counted });
    await Promise.all([monitor.refresh(), monitor.refresh()]);
    expect(reads).toBe(1);
  });

  it("a re-read after a new live connection reads every service's health, leaves the charts alone and re-evaluates the rules", async () => {
    let now = 1_000;
    const { health, sources } = scripted();
    const reads: string[] = [];
    const counted: MonitorSources = {
      health: (service, signal) => {
        reads.push(`health ${service}`);
        return sources.health(service, signal);
      },
      metrics: (service, signal) => {
        reads.push(`metrics ${service}`);
        return sources.metrics(service, signal);
      },
    };
    const monitor = new ServiceMonitor({ services: ['media-engine', 'content-engine'], sources: counted, now: () => now });
    await monitor.refresh();
    reads.length = 0;
    health.set('content-engine', createServiceHealth({ service: 'content-engine', status: 'unhealthy' }));
    now = 2_000;
    await monitor.refreshHealth();
    expect(reads.sort()).toEqual(['health content-engine', 'health media-engine']);
    const view = monitor.getSnapshot().services.find((service) => service.name === 'content-engine');
    expect(view?.health.data?.status).toBe('unhealthy');
    expect(view?.metrics.data?.points).toHaveLength(1);
    expect(monitor.getSnapshot().refreshedAt).toBe(2_000);
    expect(Object.values(monitor.getSnapshot().alerts.instances).some((alert) => alert.labels.service === 'content-engine' && alert.state === 'pending')).toBe(
      true,
    );
  });

  it('says a read is in flight until every overlapping one has landed, refresh and live re-read alike', async () => {
    const { sources } = scripted();
    let release: () => void = () => undefined;
    const held = new Promise<void>((resolve) => {
      release = resolve;
    });
    const slow: MonitorSources = {
      ...sources,
      metrics: async (service, signal) => {
        await held;
        return sources.metrics(service, signal);
      },
    };
    const monitor = new ServiceMonitor({ services: ['media-engine'], sources: slow });
    const seen: boolean[] = [];
    monitor.subscribe(() => seen.push(monitor.getSnapshot().refreshing));
    expect(monitor.getSnapshot().refreshing).toBe(false);
    const full = monitor.refresh();
    await monitor.refreshHealth('media-engine');
    expect(monitor.getSnapshot().refreshing).toBe(true);
    release();
    await full;
    expect(monitor.getSnapshot().refreshing).toBe(false);
    expect(seen[0]).toBe(true);
    expect(seen.filter((value, index) => index > 0 && value !== seen[index - 1])).toEqual([false]);
  });

  it('whatever the order of announcements and answers, the health shown at the end is the last one announced, one read at a time', async () => {
    const statuses = ['healthy', 'degraded', 'unhealthy'] as const;
    await fc.assert(
      fc.asyncProperty(
        // A status: the server changes and announces it. A number: the server answers one read still out (any of them).
        fc.array(fc.oneof(fc.constantFrom(...statuses), fc.nat(8)), { minLength: 1, maxLength: 30 }),
        async (steps) => {
          // The server's health now; each read answers what the server said when the read reached it.
          let server: ServiceHealth['status'] = 'healthy';
          const pending: (() => void)[] = [];
          let inFlight = 0;
          let mostInFlight = 0;
          const sources: MonitorSources = {
            health: (service) => {
              const answer = createServiceHealth({ service, status: server });
              inFlight += 1;
              mostInFlight = Math.max(mostInFlight, inFlight);
              return new Promise((resolve) =>
                pending.push(() => {
                  inFlight -= 1;
                  resolve(answer);
                }),
              );
            },
            metrics: () => Promise.resolve(''),
          };
          const monitor = new ServiceMonitor({ services: ['media-engine'], sources });
          const reads: Promise<void>[] = [];
          for (const step of steps) {
            if (typeof step === 'number') pending.splice(step % Math.max(1, pending.length), 1)[0]?.();
            else {
              server = step;
              reads.push(monitor.refreshHealth('media-engine'));
            }
            await Promise.resolve();
          }
          // Answer every read still out, including the repeats each answer lets the monitor send.
          for (;;) {
            await new Promise((resolve) => setImmediate(resolve));
            const answer = pending.shift();
            if (!answer) break;
            answer();
          }
          await Promise.all(reads);
          if (reads.length > 0) expect(monitor.getSnapshot().services[0]?.health.data?.status).toBe(server);
          expect(mostInFlight).toBeLessThanOrEqual(1);
        },
      ),
      { numRuns: propertyRuns(150) },
    );
  });
});
