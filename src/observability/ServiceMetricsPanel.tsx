import { WidgetFrame } from '../ui/WidgetFrame';
import { TimeSeriesChart, type ChartRow } from './charts/TimeSeriesChart';
import { shownText, NAME_CHARS, TEXT_PREVIEW_CHARS } from '../ui/agent-text';
import { QUANTILES, type MetricsPoint } from './metrics/derive';
import type { ServiceView } from './monitor/service-monitor';
import { frameStatus } from './source-status';

const rate = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)}/s`;
const share = (value: number) => `${(value * 100).toFixed(1)}%`;
const seconds = (value: number) => (value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`);
const count = (value: number) => String(Math.round(value));
/** Agents drawn per chart: the busiest ones; the rest are counted, not drawn (a legend of 1,000 reads as nothing). */
export const CHART_AGENTS = 5;

/** `record[key]` when it is the record's own: agent names come from the service, `constructor` included. */
function own(record: Record<string, number> | undefined, key: string): number | undefined {
  return record && Object.hasOwn(record, key) ? record[key] : undefined;
}

/** The busiest agents of the latest refresh first (by request rate, then active tasks, then name). */
function busiestAgents(latest: MetricsPoint | undefined, agents: readonly string[]): string[] {
  const rate = (agent: string) => own(latest?.agentRates, agent) ?? 0;
  const active = (agent: string) => own(latest?.activeTasks, agent) ?? 0;
  return [...agents].sort((a, b) => rate(b) - rate(a) || active(b) - active(a) || a.localeCompare(b));
}

/** One service's request rate, error rate, latency quantiles per agent and active tasks, over the refreshes seen. */
export function ServiceMetricsPanel({ view, onRetry }: { view: ServiceView; onRetry?: () => void }) {
  const { metrics } = view;
  const points = metrics.data?.points ?? [];
  const latest = points.at(-1);
  const everyAgent = busiestAgents(latest, [...new Set(points.flatMap((point) => [...point.latency.map((l) => l.agent), ...Object.keys(point.activeTasks)]))]);
  // Drawn in name order, so an agent keeps its colour while the busiest ones trade places.
  const agents = everyAgent.slice(0, CHART_AGENTS).sort((a, b) => a.localeCompare(b));
  const drawn = new Set(agents);
  const hiddenAgents = everyAgent.length - agents.length;
  const approximate = (latest?.latency ?? []).flatMap((l) => (l.approximation === null || !drawn.has(l.agent) ? [] : [{ ...l, why: l.approximation }]));
  const unreadable = latest?.unreadableSeries ?? [];
  // Each point counts the restarts inside its own window: the latest one speaks for the window now.
  const resets = latest?.resets ?? 0;
  const traffic = points.some((point) => point.requestRate !== null && point.requestRate > 0);

  const rows = (pick: (point: (typeof points)[number]) => Record<string, number | null>): ChartRow[] =>
    points.map((point) => ({ at: point.at, ...pick(point) }));
  const latencyKey = (agent: string, quantile: number) => `${agent} p${Math.round(quantile * 100)}`;
  return (
    <WidgetFrame title={`${view.name} metrics`} status={frameStatus(metrics.status)} error={metrics.error} lastGoodAt={metrics.lastGoodAt} onRetry={onRetry}>
      {metrics.data && metrics.data.skippedLines > 0 && (
        <p className="notice" role="note">
          The last scrape had {metrics.data.skippedLines} line{metrics.data.skippedLines === 1 ? '' : 's'} this console could not read; they were skipped, the
          rest is shown.
        </p>
      )}
      {metrics.data?.up === false && (
        <p className="notice" role="note">
          Prometheus' last scrape of {view.name} failed (up = 0): the charts end at its last good scrape.
        </p>
      )}
      {metrics.data?.warnings && metrics.data.warnings.length > 0 && (
        <p className="notice" role="note">
          Prometheus warned: {shownText(metrics.data.warnings.join('; '), TEXT_PREVIEW_CHARS)}.
        </p>
      )}
      {unreadable.length > 0 && (
        <p className="notice" role="note">
          {unreadable.length === 1 ? 'One series was' : `${unreadable.length} series were`} left out: not a finite number (
          {shownText(unreadable.slice(0, 3).join('; '), NAME_CHARS)}
          {unreadable.length > 3 ? `; and ${unreadable.length - 3} more` : ''}). The others are shown.
        </p>
      )}
      {hiddenAgents > 0 && (
        <p className="muted">
          The {agents.length} busiest agents are drawn, and {hiddenAgents.toLocaleString('en-US')} more are counted in the totals.
        </p>
      )}
      {resets > 0 && (
        <p className="muted">Counters restarted {resets === 1 ? 'once' : `${resets} times`} in the window (a process restart); rates count from the restart.</p>
      )}
      {!traffic && points.length > 1 ? (
        <p className="muted">No agent requests recorded yet.</p>
      ) : (
        <div className="chart-grid">
          <TimeSeriesChart title="Request rate" format={rate} lines={[{ key: 'rate', label: 'requests' }]} rows={rows((p) => ({ rate: p.requestRate }))} />
          <TimeSeriesChart
            title="Error rate"
            format={share}
            lines={[{ key: 'errors', label: 'failed share' }]}
            rows={rows((p) => ({ errors: p.errorRatio }))}
          />
          <TimeSeriesChart
            title="Latency p50 / p95 / p99"
            format={seconds}
            lines={agents.flatMap((agent) =>
              QUANTILES.map((quantile) => ({
                key: latencyKey(agent, quantile),
                label: latencyKey(agent, quantile),
                dashed: approximate.some((l) => l.agent === agent && l.quantile === quantile),
              })),
            )}
            rows={rows((p) => Object.fromEntries(p.latency.filter((l) => drawn.has(l.agent)).map((l) => [latencyKey(l.agent, l.quantile), l.seconds])))}
            note={approximationNote(approximate.map((l) => ({ label: latencyKey(l.agent, l.quantile), why: l.why })))}
          />
          <TimeSeriesChart
            title="Active tasks"
            format={count}
            integer
            lines={agents.map((agent) => ({ key: `agent:${agent}`, label: agent }))}
            rows={rows((p) => Object.fromEntries(agents.map((agent) => [`agent:${agent}`, own(p.activeTasks, agent) ?? null])))}
          />
        </div>
      )}
    </WidgetFrame>
  );
}

const WHY = {
  'clamped-to-highest-bound': "above the highest histogram bucket, so the value shown is that bucket's bound, a lower limit",
  'forced-monotonic': 'from bucket counts that decreased (inconsistent data), forced to rise before the quantile was taken',
} as const;

function approximationNote(items: { label: string; why: keyof typeof WHY }[]): string | undefined {
  if (items.length === 0) return undefined;
  const byReason = Object.entries(Object.groupBy(items, (item) => item.why));
  return `Approximate (dashed): ${byReason.map(([why, list = []]) => `${list.map((item) => item.label).join(', ')} ${WHY[why as keyof typeof WHY]}`).join('; ')}.`;
}
