import { Line, LineChart } from 'recharts';
import type { MetricSummary } from '../api/contract';
import { formatChange, formatMetricValue, trendOf } from './trend';

const TREND_LABEL = { up: 'Rising', down: 'Falling', flat: 'Flat', none: 'No data' } as const;

export function MetricsWidget({ metric }: { metric: MetricSummary }) {
  const trend = trendOf(metric.value, metric.previous);
  const points = metric.series.map((value, index) => ({ index, value }));
  return (
    <figure className="metric" data-trend={trend} aria-label={metric.name}>
      <figcaption className="metric__name">{metric.name}</figcaption>
      <p className="metric__value">
        {metric.value === null ? '—' : formatMetricValue(metric.value)}
        {metric.value !== null && metric.unit ? <span className="metric__unit"> {metric.unit}</span> : null}
      </p>
      <p className={`metric__trend metric__trend--${trend}`}>
        {TREND_LABEL[trend]}
        {trend !== 'none' && metric.value !== null && metric.previous !== null ? ` ${formatChange(metric.value, metric.previous)}` : ''}
      </p>
      {points.length > 1 ? (
        <div className="metric__chart" role="img" aria-label={`${metric.name} trend over the last ${points.length} intervals`}>
          <LineChart width={160} height={40} data={points}>
            <Line type="monotone" dataKey="value" stroke="currentColor" strokeWidth={2} dot={false} isAnimationActive={false} />
          </LineChart>
        </div>
      ) : (
        <p className="muted">No data for this period.</p>
      )}
    </figure>
  );
}
