import type { UnreadableRecord } from '../../api/records';
import { QUANTILES, type LatencyPoint, type MetricsPoint } from '../metrics/derive';
import type { PrometheusClient, Series } from './client';

/**
 * The charts' numbers as PromQL, evaluated by Prometheus over its own history: the same aggregations
 * the in-browser scraper computes (metrics/derive.ts), per service, over the rate window `w`.
 */
export function chartQueries(window: string) {
  return {
    requestRate: `sum by (service) (rate(a2a_requests_total[${window}]))`,
    errorRatio: `sum by (service) (rate(a2a_requests_total{status="error"}[${window}])) / sum by (service) (rate(a2a_requests_total[${window}]))`,
    agentRates: `sum by (service, agent) (rate(a2a_requests_total[${window}]))`,
    activeTasks: 'sum by (service, agent) (a2a_active_tasks)',
    resets: `max by (service) (resets(a2a_requests_total[${window}]))`,
    ...Object.fromEntries(
      QUANTILES.map((quantile) => [
        `p${Math.round(quantile * 100)}`,
        `histogram_quantile(${quantile}, sum by (service, agent, le) (rate(a2a_request_duration_seconds_bucket[${window}])))`,
      ]),
    ),
  } as Record<string, string>;
}

/** Whether Prometheus' last scrape of each service succeeded. */
export const UP_QUERY = 'max by (service) (up)';

export interface RangeMetrics {
  /** Per service, one point per step, oldest first; a service with no series has no entry. */
  points: Map<string, MetricsPoint[]>;
  /** Per service: 1 when Prometheus' last scrape succeeded, 0 when it failed. */
  up: Map<string, boolean>;
  /** What Prometheus warned about, by query. */
  warnings: string[];
  unreadable: UnreadableRecord[];
}

/** PromQL duration of whole seconds (`300s`), as query_range and rate() read it. */
export function promDuration(ms: number): string {
  return `${Math.max(1, Math.round(ms / 1000))}s`;
}

/** Sets `record[key]` as the record's own value: an agent called `__proto__` is an agent like any other. */
function setOwn(record: Record<string, number>, key: string, value: number): void {
  Object.defineProperty(record, key, { value, enumerable: true, writable: true, configurable: true });
}

function emptyPoint(at: number): MetricsPoint {
  return { at, requestRate: null, errorRatio: null, latency: [], activeTasks: {}, agentRates: {}, resets: 0, unreadableSeries: [] };
}

/**
 * Every chart's points between two times, one per step, from one range query per number (all
 * services at once). A query that fails throws (the caller marks every service's metrics stale);
 * a series Prometheus answered in a shape this console cannot read is set aside and counted.
 */
export async function readMetricsRange(
  client: PrometheusClient,
  { startMs, endMs, stepMs, windowMs, signal }: { startMs: number; endMs: number; stepMs: number; windowMs: number; signal?: AbortSignal },
): Promise<RangeMetrics> {
  const queries = Object.entries(chartQueries(promDuration(windowMs)));
  const [answers, up] = await Promise.all([
    Promise.all(queries.map(([, expr]) => client.queryRange(expr, { startMs, endMs, stepMs, signal }))),
    client.query(UP_QUERY, { atMs: endMs, signal }),
  ]);
  const byService = new Map<string, Map<number, MetricsPoint>>();
  const pointAt = (service: string, at: number) => {
    const points = byService.get(service) ?? new Map<number, MetricsPoint>();
    byService.set(service, points);
    const point = points.get(at) ?? emptyPoint(at);
    points.set(at, point);
    return point;
  };
  const each = (series: readonly Series[], apply: (point: MetricsPoint, labels: Record<string, string>, value: number | null) => void) => {
    for (const { labels, points } of series) {
      const service = labels.service;
      if (service === undefined) continue;
      for (const { at, value } of points) apply(pointAt(service, at), labels, value);
    }
  };
  queries.forEach(([name], index) => {
    const series = answers[index]?.items ?? [];
    if (name === 'requestRate') each(series, (point, _, value) => (point.requestRate = value));
    else if (name === 'errorRatio') each(series, (point, _, value) => (point.errorRatio = value));
    else if (name === 'resets') each(series, (point, _, value) => (point.resets = value ?? 0));
    else if (name === 'agentRates') each(series, (point, labels, value) => value !== null && setOwn(point.agentRates, labels.agent ?? '', value));
    else if (name === 'activeTasks') each(series, (point, labels, value) => value !== null && setOwn(point.activeTasks, labels.agent ?? '', value));
    else {
      const quantile = QUANTILES.find((q) => `p${Math.round(q * 100)}` === name);
      if (quantile === undefined) return;
      each(series, (point, labels, value) => {
        const latency: LatencyPoint = { agent: labels.agent ?? '', quantile, seconds: value, approximation: null };
        point.latency.push(latency);
      });
    }
  });
  const points = new Map(
    [...byService.entries()].map(([service, atTimes]) => [
      service,
      [...atTimes.values()]
        .sort((a, b) => a.at - b.at)
        .map((point) => ({ ...point, latency: point.latency.sort((a, b) => a.agent.localeCompare(b.agent) || a.quantile - b.quantile) })),
    ]),
  );
  return {
    points,
    up: new Map(up.items.flatMap((series) => (series.labels.service === undefined ? [] : [[series.labels.service, series.points[0]?.value === 1] as const]))),
    warnings: [...new Set([...answers.flatMap((answer) => answer.warnings), ...up.warnings])],
    unreadable: [...answers.flatMap((answer) => answer.unreadable), ...up.unreadable],
  };
}
