import { WidgetFrame } from '../widgets/WidgetFrame';
import { TimeSeriesChart, type ChartRow } from './charts/TimeSeriesChart';
import { QUANTILES } from './metrics/derive';
import type { ServiceView } from './monitor/service-monitor';
import { frameStatus } from './source-status';

const rate = (value: number) => `${value.toFixed(value < 10 ? 2 : 0)}/s`;
const share = (value: number) => `${(value * 100).toFixed(1)}%`;
const seconds = (value: number) => (value < 1 ? `${Math.round(value * 1000)} ms` : `${value.toFixed(2)} s`);
const count = (value: number) => String(Math.round(value));

/** One service's request rate, error rate, latency quantiles per agent and active tasks, over the refreshes seen. */
export function ServiceMetricsPanel({ view, onRetry }: { view: ServiceView; onRetry?: () => void }) {
  const { metrics } = view;
  const points = metrics.data?.points ?? [];
  const agents = [...new Set(points.flatMap((point) => [...point.latency.map((l) => l.agent), ...Object.keys(point.activeTasks)]))].sort();
  const latest = points.at(-1);
  const approximate = (latest?.latency ?? []).flatMap((l) => (l.approximation === null ? [] : [{ ...l, why: l.approximation }]));
  // Each point counts the restarts inside its own window: the latest one speaks for the window now.
  const resets = latest?.resets ?? 0;
  const traffic = points.some((point) => point.requestRate !== null && point.requestRate > 0);

  const rows = (pick: (point: (typeof points)[number]) => Record<string, number | null>): ChartRow[] => points.map((point) => ({ at: point.at, ...pick(point) }));
  const latencyKey = (agent: string, quantile: number) => `${agent} p${Math.round(quantile * 100)}`;
  return (
    <WidgetFrame title={`${view.name} metrics`} status={frameStatus(metrics.status)} error={metrics.error} lastGoodAt={metrics.lastGoodAt} onRetry={onRetry}>
      {metrics.data && metrics.data.skippedLines > 0 && (
        <p className="notice" role="note">The last scrape had {metrics.data.skippedLines} line{metrics.data.skippedLines === 1 ? '' : 's'} this console could not read; they were skipped, the rest is shown.</p>
      )}
      {resets > 0 && <p className="muted">Counters restarted {resets === 1 ? 'once' : `${resets} times`} in the window (a process restart); rates count from the restart.</p>}
      {!traffic && points.length > 1 ? <p className="muted">No agent requests recorded yet.</p> : (
        <div className="chart-grid">
          <TimeSeriesChart title="Request rate" format={rate} lines={[{ key: 'rate', label: 'requests' }]} rows={rows((p) => ({ rate: p.requestRate }))} />
          <TimeSeriesChart title="Error rate" format={share} lines={[{ key: 'errors', label: 'failed share' }]} rows={rows((p) => ({ errors: p.errorRatio }))} />
          <TimeSeriesChart
            title="Latency p50 / p95 / p99"
            format={seconds}
            lines={agents.flatMap((agent) => QUANTILES.map((quantile) => ({
              key: latencyKey(agent, quantile), label: latencyKey(agent, quantile),
              dashed: approximate.some((l) => l.agent === agent && l.quantile === quantile),
            })))}
            rows={rows((p) => Object.fromEntries(p.latency.map((l) => [latencyKey(l.agent, l.quantile), l.seconds])))}
            note={approximationNote(approximate.map((l) => ({ label: latencyKey(l.agent, l.quantile), why: l.why })))}
          />
          <TimeSeriesChart title="Active tasks" format={count} integer lines={agents.map((agent) => ({ key: agent, label: agent }))} rows={rows((p) => ({ ...p.activeTasks }))} />
        </div>
      )}
    </WidgetFrame>
  );
}

const WHY = {
  'clamped-to-highest-bound': 'above the highest histogram bucket, so the value shown is that bucket\'s bound, a lower limit',
  'forced-monotonic': 'from bucket counts that decreased (inconsistent data), forced to rise before the quantile was taken',
} as const;

function approximationNote(items: { label: string; why: keyof typeof WHY }[]): string | undefined {
  if (items.length === 0) return undefined;
  const byReason = Object.entries(Object.groupBy(items, (item) => item.why));
  return `Approximate (dashed): ${byReason.map(([why, list = []]) => `${list.map((item) => item.label).join(', ')} ${WHY[why as keyof typeof WHY]}`).join('; ')}.`;
}
