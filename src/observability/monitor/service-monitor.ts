import type { ServiceHealth } from '../../api/contract';
import { describeError } from '../../api/errors';
import { emptyAlertsState, evaluateAlerts, type AlertsState, type Silence } from '../alerts/engine';
import { conditionsFor, DEFAULT_RULES, type AlertRuleDefinition } from '../alerts/rules';
import { deriveMetrics, withinWindow, type MetricsPoint, type Scrape } from '../metrics/derive';
import { parsePrometheusText } from '../metrics/prometheus-text';
import type { AlertGroup, AlertmanagerClient } from '../alertmanager/client';
import type { AlertmanagerSilence } from '../alertmanager/schemas';
import type { PrometheusClient, RuleState } from '../prometheus/client';
import { readMetricsRange } from '../prometheus/metrics-range';

/** One source's last result: its data (the last good one is kept through failures) and when it was good. */
export interface SourceState<T> {
  status: 'loading' | 'ok' | 'stale' | 'error';
  data?: T;
  error?: string;
  /** When the data shown was read. */
  lastGoodAt?: number;
}

export interface MetricsState {
  /** One point per successful scrape, oldest first (as charts draw them). */
  points: MetricsPoint[];
  /** Lines of the last scrape the parser skipped. */
  skippedLines: number;
  samples: number;
  /** Read from Prometheus: whether its last scrape of the service succeeded (`up`). */
  up?: boolean;
  /** Read from Prometheus: what it warned about in its last answers. */
  warnings?: string[];
}

export interface ServiceView {
  name: string;
  health: SourceState<ServiceHealth>;
  metrics: SourceState<MetricsState>;
}

export interface MonitorSnapshot {
  services: ServiceView[];
  alerts: AlertsState;
  silences: Silence[];
  /** When the last refresh finished. */
  refreshedAt?: number;
  /** Whether a refresh (or a live health re-read) is in flight. */
  refreshing: boolean;
  rules: readonly AlertRuleDefinition[];
  /** Where metrics come from: scraped by this browser, or read from Prometheus. */
  metricsSource: 'browser' | 'prometheus';
  /** With Prometheus: the rules as it evaluates them, and Alertmanager's groups and silences. */
  alerting?: AlertingView;
}

/** Alerts as the monitoring system holds them (one truth for everyone), each source on its own. */
export interface AlertingView {
  rules: SourceState<RuleState[]>;
  /** Without an Alertmanager: undefined. */
  groups?: SourceState<AlertGroup[]>;
  silences?: SourceState<AlertmanagerSilence[]>;
}

/** Reading the charts and rules from Prometheus instead of scraping in the browser. */
export interface PrometheusOptions {
  client: PrometheusClient;
  alertmanager?: AlertmanagerClient;
  /** One chart point per step (the refresh interval). */
  stepMs: number;
  /** How far back the first load reads (the charts' width). */
  historyMs: number;
}

export interface MonitorSources {
  health: (service: string, signal: AbortSignal) => Promise<ServiceHealth>;
  metrics: (service: string, signal: AbortSignal) => Promise<string>;
}

export interface MonitorOptions {
  services: readonly string[];
  sources: MonitorSources;
  now?: () => number;
  /** The rate window, like PromQL's `[5m]`. */
  windowMs?: number;
  /** Points each chart keeps (the series grows across refreshes up to this). */
  maxPoints?: number;
  rules?: readonly AlertRuleDefinition[];
  /** Set: metrics and alerts come from Prometheus (and Alertmanager); health stays each service's /health. */
  prometheus?: PrometheusOptions;
}

const DEFAULT_WINDOW_MS = 5 * 60_000;
const DEFAULT_MAX_POINTS = 60;

/**
 * Watches the services: reads each one's health and metrics on every refresh, each source on its
 * own (one failing source marks only itself stale), keeps the rolling window of scrapes, derives
 * the charts' points and evaluates the alert rules. A store for useSyncExternalStore.
 */
export class ServiceMonitor {
  private snapshot: MonitorSnapshot;
  private readonly scrapes = new Map<string, Scrape[]>();
  private readonly listeners = new Set<() => void>();
  private readonly now: () => number;
  private inFlight: Promise<void> | null = null;
  private readonly healthReads = new Map<string, { signal: AbortSignal; again: boolean; done: Promise<void> }>();
  /** Reads in flight (a refresh, live health re-reads): `refreshing` while any is. */
  private pending = 0;
  private controller = new AbortController();
  /** The newest chart point read from Prometheus: the next refresh reads only what came after it. */
  private prometheusLastAt: number | undefined;

  constructor(private readonly options: MonitorOptions) {
    this.now = options.now ?? Date.now;
    this.snapshot = {
      services: options.services.map((name) => ({ name, health: { status: 'loading' }, metrics: { status: 'loading' } })),
      alerts: emptyAlertsState(),
      silences: [],
      rules: options.rules ?? DEFAULT_RULES,
      refreshing: false,
      metricsSource: options.prometheus ? 'prometheus' : 'browser',
      ...(options.prometheus
        ? {
            alerting: {
              rules: { status: 'loading' },
              ...(options.prometheus.alertmanager ? { groups: { status: 'loading' }, silences: { status: 'loading' } } : {}),
            },
          }
        : {}),
    };
  }

  getSnapshot = (): MonitorSnapshot => this.snapshot;

  /** The Alertmanager silences are written to, when there is one. */
  get alertmanager(): AlertmanagerClient | undefined {
    return this.options.prometheus?.alertmanager;
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  /** Reads every source once; a refresh asked for while one runs joins it instead of doubling the load. */
  refresh(): Promise<void> {
    this.inFlight ??= this.tracked(() => this.readAll()).finally(() => {
      this.inFlight = null;
    });
    return this.inFlight;
  }

  /**
   * Re-reads the health of `service` (a live health change), or of every service (a live connection
   * was replaced, so a change may have gone unannounced), then re-evaluates the rules. Metrics are
   * left to the refresh timer: the live stream never carries them, so a new connection cannot have
   * missed any, and a scrape out of turn would put an extra point on every chart.
   */
  refreshHealth(service?: string): Promise<void> {
    const signal = this.controller.signal;
    const services = service === undefined ? this.options.services : [service];
    return this.tracked(async () => {
      await Promise.all(services.map((name) => this.readHealth(name, signal)));
      if (!signal.aborted) this.evaluate();
    });
  }

  /** Counts reads in flight, so the page can say (and a test can wait) until every one has landed. */
  private async tracked(read: () => Promise<void>): Promise<void> {
    this.pending += 1;
    if (this.pending === 1) this.update({ refreshing: true });
    try {
      await read();
    } finally {
      this.pending -= 1;
      if (this.pending === 0) this.update({ refreshing: false });
    }
  }

  setSilences(silences: Silence[]): void {
    this.update({ silences });
  }

  /** Stops answers still in flight from landing (the page closed, the session ended). */
  dispose(): void {
    this.controller.abort();
    this.controller = new AbortController();
    this.listeners.clear();
  }

  private async readAll(): Promise<void> {
    const signal = this.controller.signal;
    const { prometheus } = this.options;
    if (prometheus) {
      await Promise.all([
        ...this.options.services.map((service) => this.readHealth(service, signal)),
        this.readPrometheusMetrics(prometheus, signal),
        this.readAlerting(prometheus, signal),
      ]);
      if (!signal.aborted) this.update({ refreshedAt: this.now() });
      return;
    }
    await Promise.all(this.options.services.flatMap((service) => [this.readHealth(service, signal), this.readMetrics(service, signal)]));
    if (signal.aborted) return;
    this.evaluate();
  }

  /**
   * The charts from Prometheus' own history: on the first refresh the last `historyMs` at once,
   * then only the points after the newest one held. Points fall on multiples of the step, so every
   * viewer of the same Prometheus sees the same points.
   */
  private async readPrometheusMetrics(prometheus: PrometheusOptions, signal: AbortSignal): Promise<void> {
    const { stepMs, historyMs } = prometheus;
    const endMs = Math.floor(this.now() / stepMs) * stepMs;
    const startMs = this.prometheusLastAt === undefined ? endMs - historyMs : this.prometheusLastAt + stepMs;
    const maxPoints = Math.floor(historyMs / stepMs) + 1;
    try {
      const range = await readMetricsRange(prometheus.client, {
        startMs: Math.min(startMs, endMs),
        endMs,
        stepMs,
        windowMs: this.options.windowMs ?? DEFAULT_WINDOW_MS,
        signal,
      });
      if (signal.aborted) return;
      const at = this.now();
      this.prometheusLastAt = Math.max(this.prometheusLastAt ?? Number.NEGATIVE_INFINITY, endMs);
      const fresh = (points: MetricsPoint[], since: number) => points.filter((point) => point.at > since);
      this.update({
        services: this.snapshot.services.map((view) => {
          const held = view.metrics.data?.points ?? [];
          const added = fresh(range.points.get(view.name) ?? [], held.at(-1)?.at ?? Number.NEGATIVE_INFINITY);
          const up = range.up.get(view.name);
          return {
            ...view,
            metrics: {
              status: 'ok',
              lastGoodAt: at,
              data: {
                points: [...held, ...added].slice(-maxPoints),
                skippedLines: 0,
                samples: added.length,
                ...(up === undefined ? {} : { up }),
                warnings: [
                  ...range.warnings,
                  ...(range.unreadable.length > 0 ? [`${range.unreadable.length} series in its answer could not be read and were left out`] : []),
                ],
              },
            },
          };
        }),
      });
    } catch (error) {
      if (!signal.aborted) this.update({ services: this.snapshot.services.map((view) => ({ ...view, metrics: failed(view.metrics, error) })) });
    }
  }

  /** Prometheus' rule states and Alertmanager's groups and silences, each on its own. */
  private async readAlerting(prometheus: PrometheusOptions, signal: AbortSignal): Promise<void> {
    const read = async (key: keyof AlertingView, load: () => Promise<unknown>) => {
      try {
        const data = await load();
        if (!signal.aborted) this.updateAlerting(key, () => ({ status: 'ok', data, lastGoodAt: this.now() }));
      } catch (error) {
        if (!signal.aborted) this.updateAlerting(key, (previous) => failed(previous ?? { status: 'loading' }, error));
      }
    };
    const { alertmanager } = prometheus;
    await Promise.all([
      read('rules', async () => (await prometheus.client.alertingRules(signal)).items),
      ...(alertmanager
        ? [
            read('groups', async () => (await alertmanager.alertGroups(signal)).items),
            read('silences', async () => (await alertmanager.silences(signal)).items),
          ]
        : []),
    ]);
  }

  /** Reads Alertmanager's groups and silences again now (after a silence was created or expired). */
  async refreshAlerting(): Promise<void> {
    const { prometheus } = this.options;
    if (prometheus) await this.tracked(() => this.readAlerting(prometheus, this.controller.signal));
  }

  /** Replaces one alerting source's state; each key holds the data its own reader loaded. */
  private updateAlerting(key: keyof AlertingView, change: (previous: SourceState<unknown> | undefined) => SourceState<unknown>): void {
    const alerting = this.snapshot.alerting;
    if (!alerting) return;
    this.update({ alerting: { ...alerting, [key]: change(alerting[key]) } as AlertingView });
  }

  /**
   * One health read per service at a time. A read asked for while one runs (a change announced
   * after that read was sent) is not joined to it: the read is repeated once it lands, so the
   * answer shown is never older than the last announcement, and a storm of announcements costs
   * at most one read in flight and one after it.
   */
  private readHealth(service: string, signal: AbortSignal): Promise<void> {
    const running = this.healthReads.get(service);
    if (running?.signal === signal) {
      running.again = true;
      return running.done;
    }
    const read = { signal, again: true, done: Promise.resolve() };
    read.done = (async () => {
      try {
        while (read.again && !signal.aborted) {
          read.again = false;
          await this.readHealthOnce(service, signal);
        }
      } finally {
        if (this.healthReads.get(service) === read) this.healthReads.delete(service);
      }
    })();
    this.healthReads.set(service, read);
    return read.done;
  }

  private async readHealthOnce(service: string, signal: AbortSignal): Promise<void> {
    try {
      const data = await this.options.sources.health(service, signal);
      if (!signal.aborted) this.updateService(service, { health: { status: 'ok', data, lastGoodAt: this.now() } });
    } catch (error) {
      if (!signal.aborted) this.updateService(service, (view) => ({ health: failed(view.health, error) }));
    }
  }

  private async readMetrics(service: string, signal: AbortSignal): Promise<void> {
    let text: string;
    try {
      text = await this.options.sources.metrics(service, signal);
    } catch (error) {
      if (!signal.aborted) this.updateService(service, (view) => ({ metrics: failed(view.metrics, error) }));
      return;
    }
    if (signal.aborted) return;
    const at = this.now();
    const exposition = parsePrometheusText(text);
    const samples = [...exposition.families.values()].reduce((total, family) => total + family.samples.length, 0);
    if (samples === 0 && exposition.skipped.length > 0) {
      // Nothing readable at all (an HTML error page, say): a failed read, not an empty service.
      const [example] = exposition.skipped;
      const problem = new Error(
        `The metrics endpoint answered with nothing readable (${exposition.skipped.length} lines skipped${example ? `, e.g. line ${example.line}: ${example.reason}` : ''}).`,
      );
      this.updateService(service, (view) => ({ metrics: failed(view.metrics, problem) }));
      return;
    }
    const window = withinWindow([...(this.scrapes.get(service) ?? []), { at, exposition }], this.options.windowMs ?? DEFAULT_WINDOW_MS);
    this.scrapes.set(service, window);
    const point = deriveMetrics(window);
    this.updateService(service, (view) => ({
      metrics: {
        status: 'ok',
        lastGoodAt: at,
        data: {
          points: [...(view.metrics.data?.points ?? []), point].slice(-(this.options.maxPoints ?? DEFAULT_MAX_POINTS)),
          skippedLines: exposition.skipped.length,
          samples,
        },
      },
    }));
  }

  private evaluate(): void {
    // With Prometheus the rules are evaluated there; this tab only shows their states.
    if (this.options.prometheus) return;
    const inputs = this.snapshot.services.map((view) => ({
      service: view.name,
      // A stale source's last value is not evidence of the present: rules see it as unknown.
      health: view.health.status === 'ok' ? view.health.data?.status : undefined,
      metrics: view.metrics.status === 'ok' ? view.metrics.data?.points.at(-1) : undefined,
    }));
    const now = this.now();
    const alerts = evaluateAlerts(this.snapshot.alerts, this.snapshot.rules, conditionsFor(this.snapshot.rules, inputs), this.snapshot.silences, now);
    this.update({ alerts, refreshedAt: now });
  }

  private updateService(service: string, change: Partial<ServiceView> | ((view: ServiceView) => Partial<ServiceView>)): void {
    this.update({
      services: this.snapshot.services.map((view) => (view.name === service ? { ...view, ...(typeof change === 'function' ? change(view) : change) } : view)),
    });
  }

  private update(change: Partial<MonitorSnapshot>): void {
    this.snapshot = { ...this.snapshot, ...change };
    for (const listener of this.listeners) listener();
  }
}

function failed<T>(previous: SourceState<T>, error: unknown): SourceState<T> {
  const message = describeError(error);
  return previous.data === undefined ? { status: 'error', error: message } : { ...previous, status: 'stale', error: message };
}
