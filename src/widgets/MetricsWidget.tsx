import { curveMonotoneX } from '@visx/curve';
import { scaleLinear } from '@visx/scale';
import { LinePath } from '@visx/shape';
import type { MetricSummary } from '../api/contract';
import { NAME_CHARS, shownText } from '../ui/agent-text';
import { formatChange, formatMetricValue, trendOf } from './trend';

const TREND_LABEL = { up: 'Rising', down: 'Falling', flat: 'Flat', none: 'No data' } as const;
const WIDTH = 160;
const HEIGHT = 40;
const INSET = 5;

export function MetricsWidget({ metric }: { metric: MetricSummary }) {
  const trend = trendOf(metric.value, metric.previous);
  const name = shownText(metric.name, NAME_CHARS);
  return (
    <figure className="metric" data-trend={trend} aria-label={name}>
      <figcaption className="metric__name">{name}</figcaption>
      <p className="metric__value">
        {metric.value === null ? '—' : formatMetricValue(metric.value)}
        {metric.value !== null && metric.unit ? <span className="metric__unit"> {shownText(metric.unit, NAME_CHARS)}</span> : null}
      </p>
      <p className={`metric__trend metric__trend--${trend}`}>
        {TREND_LABEL[trend]}
        {trend !== 'none' && metric.value !== null && metric.previous !== null ? ` ${formatChange(metric.value, metric.previous)}` : ''}
      </p>
      {metric.series.length > 1 ? (
        <div className="metric__chart" role="img" aria-label={`${name} trend over the last ${metric.series.length} intervals`}>
          <Sparkline values={metric.series} />
        </div>
      ) : (
        <p className="muted">No data for this period.</p>
      )}
    </figure>
  );
}

/** The series as a line, from zero (or its lowest value, when below zero) to its highest. */
function Sparkline({ values }: { values: readonly number[] }) {
  const x = scaleLinear({ domain: [0, values.length - 1], range: [INSET, WIDTH - INSET] });
  const highest = Math.max(...values);
  const y = scaleLinear({ domain: [Math.min(0, ...values), highest > 0 ? highest : 1], range: [HEIGHT - INSET, INSET] });
  return (
    <svg width={WIDTH} height={HEIGHT} aria-hidden="true">
      <LinePath
        data={values as number[]}
        x={(_, index) => x(index)}
        y={(value) => y(value)}
        curve={curveMonotoneX}
        stroke="currentColor"
        strokeWidth={2}
        fill="none"
      />
    </svg>
  );
}
