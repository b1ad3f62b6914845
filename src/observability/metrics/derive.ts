import { counterIncrease, counterRate, type Point } from './counters';
import { histogramQuantileDetailed, type Bucket } from './histogram-quantile';
import { parseValue, type Exposition, type Sample } from './prometheus-text';

/** One successful scrape of a service's /metrics: when the console read it, and what it read. */
export interface Scrape {
  at: number;
  exposition: Exposition;
}

export const QUANTILES = [0.5, 0.95, 0.99] as const;

export interface LatencyPoint {
  agent: string;
  quantile: (typeof QUANTILES)[number];
  /** Seconds; null when the window saw no requests from this agent. */
  seconds: number | null;
  /**
   * Why the value is only an approximation, when it is: the rank fell in the +Inf bucket (the value
   * is the highest finite bound, a lower limit), or bucket counts decreased and were forced up.
   */
  approximation: 'clamped-to-highest-bound' | 'forced-monotonic' | null;
}

/** What the charts show for one service at one refresh, computed over the window's scrapes. */
export interface MetricsPoint {
  at: number;
  /** a2a requests per second, all agents. */
  requestRate: number | null;
  /** Share of a2a requests that failed, 0..1. */
  errorRatio: number | null;
  latency: LatencyPoint[];
  activeTasks: Record<string, number>;
  /** a2a requests per second by agent: how busy each agent is, to pick the ones worth a line. */
  agentRates: Record<string, number>;
  /**
   * Restarts seen inside the window: scrape intervals in which any request counter went down. One
   * process restart resets every counter at once, and counts once.
   */
  resets: number;
  /**
   * Series left out because a sample in the window is not a finite number (`+Inf`, `NaN`): each one
   * spoils only itself, never the service's other series. Named as `metric{labels} = value`.
   */
  unreadableSeries: string[];
}

/** Samples of `name` (a family member, e.g. `a2a_requests_total`) in one scrape. */
function samplesNamed(scrape: Scrape, family: string, name: string): Sample[] {
  return scrape.exposition.families.get(family)?.samples.filter((sample) => sample.name === name) ?? [];
}

/** One key per label set, whatever the labels' order; values may hold any character, so they are quoted. */
function seriesKey(labels: Record<string, string>): string {
  return JSON.stringify(
    Object.keys(labels)
      .sort()
      .map((name) => [name, labels[name]]),
  );
}

/** Each series of `name` across the scrapes, as points; a series missing from a scrape just has no point there. */
function seriesOver(scrapes: readonly Scrape[], family: string, name: string): Map<string, { labels: Record<string, string>; points: Point[] }> {
  const series = new Map<string, { labels: Record<string, string>; points: Point[] }>();
  for (const scrape of scrapes) {
    for (const sample of samplesNamed(scrape, family, name)) {
      const key = seriesKey(sample.labels);
      const entry = series.get(key) ?? { labels: sample.labels, points: [] };
      entry.points.push({ t: scrape.at, v: sample.value });
      series.set(key, entry);
    }
  }
  return series;
}

/**
 * The charts' numbers over `scrapes` (oldest first, all inside the window): like
 * sum(rate(a2a_requests_total[w])), the error share of it, histogram_quantile(q,
 * sum by (agent, le) (rate(a2a_request_duration_seconds_bucket[w]))) and a2a_active_tasks.
 */
export function deriveMetrics(scrapes: readonly Scrape[]): MetricsPoint {
  const last = scrapes[scrapes.length - 1];
  const point: MetricsPoint = {
    at: last?.at ?? 0,
    requestRate: null,
    errorRatio: null,
    latency: [],
    activeTasks: {},
    agentRates: {},
    resets: 0,
    unreadableSeries: [],
  };
  if (!last) return point;
  const unreadable = new Set<string>();
  const readable = (name: string, labels: Record<string, string>, points: readonly Point[]) => {
    const bad = points.find((p) => !Number.isFinite(p.v));
    if (bad) unreadable.add(`${name}${labelText(labels)} = ${Number.isNaN(bad.v) ? 'NaN' : bad.v > 0 ? '+Inf' : '-Inf'}`);
    return !bad;
  };

  const requests = seriesOver(scrapes, 'a2a_requests_total', 'a2a_requests_total');
  let total: number | null = null;
  let errors = 0;
  const restartedAt = new Set<number>();
  const agentRates = new Map<string, number>();
  for (const { labels, points } of requests.values()) {
    if (!readable('a2a_requests_total', labels, points)) continue;
    const rate = counterRate(points);
    points.forEach((current, index) => {
      if (index > 0 && current.v < (points[index - 1]?.v ?? Number.NEGATIVE_INFINITY)) restartedAt.add(current.t);
    });
    if (rate === null) continue;
    total = (total ?? 0) + rate;
    agentRates.set(labels.agent ?? '', (agentRates.get(labels.agent ?? '') ?? 0) + rate);
    if (labels.status === 'error') errors += rate;
  }
  point.resets = restartedAt.size;
  point.agentRates = Object.fromEntries(agentRates);
  point.requestRate = total;
  point.errorRatio = total === null || total === 0 ? null : errors / total;

  // Bucket increases summed by (agent, le): the same aggregation PromQL's quantile query would do.
  // One unreadable bucket makes the agent's whole histogram unreadable: a quantile needs every bucket.
  const byAgent = new Map<string, Map<number, number>>();
  const spoiltAgents = new Set<string>();
  for (const { labels, points } of seriesOver(scrapes, 'a2a_request_duration_seconds', 'a2a_request_duration_seconds_bucket').values()) {
    const agent = labels.agent ?? '';
    if (!readable('a2a_request_duration_seconds_bucket', labels, points)) spoiltAgents.add(agent);
    if (spoiltAgents.has(agent)) {
      byAgent.delete(agent);
      continue;
    }
    const le = boundOf(labels.le);
    if (le === undefined || points.length < 2) continue;
    const buckets = byAgent.get(agent) ?? new Map<number, number>();
    buckets.set(le, (buckets.get(le) ?? 0) + counterIncrease(points).increase);
    byAgent.set(agent, buckets);
  }
  for (const [agent, counts] of [...byAgent.entries()].sort(([a], [b]) => a.localeCompare(b))) {
    const buckets: Bucket[] = [...counts.entries()].map(([le, count]) => ({ le, count }));
    for (const quantile of QUANTILES) {
      const result = histogramQuantileDetailed(quantile, buckets);
      point.latency.push({
        agent,
        quantile,
        seconds: Number.isFinite(result.value) ? result.value : null,
        approximation: result.clampedToHighestBound ? 'clamped-to-highest-bound' : result.forcedMonotonic ? 'forced-monotonic' : null,
      });
    }
  }

  // Summed in a Map: an agent called `__proto__` is an agent like any other.
  const active = new Map<string, number>();
  for (const sample of samplesNamed(last, 'a2a_active_tasks', 'a2a_active_tasks')) {
    if (!readable('a2a_active_tasks', sample.labels, [{ t: last.at, v: sample.value }])) continue;
    const agent = sample.labels.agent ?? '';
    active.set(agent, (active.get(agent) ?? 0) + sample.value);
  }
  point.activeTasks = Object.fromEntries(active);
  point.unreadableSeries = [...unreadable].sort();
  return point;
}

/** The scrapes inside the window ending at the newest one. */
export function withinWindow(scrapes: readonly Scrape[], windowMs: number): Scrape[] {
  const newest = scrapes[scrapes.length - 1];
  return newest ? scrapes.filter((scrape) => newest.at - scrape.at <= windowMs) : [];
}

function labelText(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}="${labels[name]}"`);
  return pairs.length === 0 ? '' : `{${pairs.join(',')}}`;
}

function boundOf(le: string | undefined): number | undefined {
  try {
    const value = parseValue(le ?? '');
    return Number.isNaN(value) ? undefined : value;
  } catch {
    return undefined;
  }
}
