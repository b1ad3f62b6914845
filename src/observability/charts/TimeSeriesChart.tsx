import { useCallback } from 'react';
import { CartesianGrid, Line, LineChart, Tooltip, XAxis, YAxis } from 'recharts';
import { clockTime } from '../../widgets/clock-time';

export interface ChartLine {
  key: string;
  label: string;
  /** Dashed for a line whose latest value is an approximation. */
  dashed?: boolean;
}

export type ChartRow = { at: number } & Record<string, number | null>;

interface TimeSeriesChartProps {
  title: string;
  rows: readonly ChartRow[];
  lines: readonly ChartLine[];
  format: (value: number) => string;
  /** Said under the chart when some of its values are approximations, and why. */
  note?: string;
  /** Whole numbers only (counts): no fractional ticks. */
  integer?: boolean;
}

// Props that do not change between refreshes are the same objects every time: recharts compares
// them by identity, and fresh ones made it work out each chart's axes and tooltip again on every
// refresh (an observability refresh took ~16% longer; docs/performance.md).
const MARGIN = { top: 6, right: 8, bottom: 0, left: 0 };
const TOOLTIP_STYLE = { background: 'var(--surface)', color: 'var(--text)' };
const X_DOMAIN = ['dataMin', 'dataMax'];
const axisTime = (at: number) => clockTime(at).slice(0, 8);
const tooltipTime = (at: unknown) => clockTime(Number(at));
// Theme colours come from CSS variables, so the same chart reads in light and dark.
const COLOURS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'];

/**
 * A line chart with an accessible name that states the latest values (a chart is an image to a
 * screen reader), and a plain "no data yet" instead of an empty grid.
 */
export function TimeSeriesChart({ title, rows, lines, format, note, integer = false }: TimeSeriesChartProps) {
  const latest = rows.at(-1);
  const summary = lines
    .map((line) => {
      const value = latest?.[line.key];
      return `${line.label} ${typeof value === 'number' ? format(value) : 'no data'}`;
    })
    .join(', ');
  const tooltipValue = useCallback((value: unknown) => (typeof value === 'number' ? format(value) : '—'), [format]);
  const hasData = rows.some((row) => lines.some((line) => typeof row[line.key] === 'number'));
  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="chart__title">{title}</figcaption>
      {hasData ? (
        <div role="img" aria-label={`${title}: latest ${summary}; ${rows.length} refreshes`}>
          <LineChart width={340} height={150} data={rows as ChartRow[]} margin={MARGIN}>
            <CartesianGrid stroke="var(--border)" strokeDasharray="3 3" />
            <XAxis dataKey="at" type="number" scale="time" domain={X_DOMAIN} tickFormatter={axisTime} stroke="var(--muted)" fontSize={11} minTickGap={24} />
            <YAxis tickFormatter={format} allowDecimals={!integer} stroke="var(--muted)" fontSize={11} width={56} />
            <Tooltip labelFormatter={tooltipTime} formatter={tooltipValue} contentStyle={TOOLTIP_STYLE} />
            {lines.map((line, index) => (
              <Line key={line.key} name={line.label} type="linear" dataKey={line.key} stroke={COLOURS[index % COLOURS.length]} strokeWidth={2}
                strokeDasharray={line.dashed ? '4 3' : undefined} dot={false} isAnimationActive={false} connectNulls={false} />
            ))}
          </LineChart>
        </div>
      ) : (
        <p className="muted">No data yet: it appears after two refreshes with traffic.</p>
      )}
      {hasData && <ul className="chart__legend">{lines.map((line, index) => <li key={line.key}><span className="chart__swatch" style={{ background: COLOURS[index % COLOURS.length] }} aria-hidden="true" />{line.label}</li>)}</ul>}
      {note && <p className="chart__note" role="note">{note}</p>}
    </figure>
  );
}
