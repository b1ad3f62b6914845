import { AxisBottom, AxisLeft, type TickRendererProps } from '@visx/axis';
import { GridColumns, GridRows } from '@visx/grid';
import { Group } from '@visx/group';
import { scaleLinear, scaleUtc } from '@visx/scale';
import { LinePath } from '@visx/shape';
import { useId, useState, type KeyboardEvent, type PointerEvent } from 'react';
import { NAME_CHARS, shownText } from '../../ui/agent-text';
import { clockTime } from '../../ui/clock-time';

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

const WIDTH = 340;
const HEIGHT = 150;
// Room on the right for half of the last time label, which sits on the plot's edge.
const MARGIN = { top: 6, right: 26, bottom: 24, left: 56 };
const PLOT_WIDTH = WIDTH - MARGIN.left - MARGIN.right;
/** A place along the chart as a share of its drawn width, which is smaller than WIDTH in a narrow card. */
const percentOfWidth = (pixels: number) => `${((pixels / WIDTH) * 100).toFixed(2)}%`;
const PLOT_HEIGHT = HEIGHT - MARGIN.top - MARGIN.bottom;
const axisTime = (at: number | { valueOf(): number }) => clockTime(Number(at)).slice(0, 8);
const TICK_LABEL = { fill: 'var(--muted)', fontSize: 11, fontFamily: 'inherit' };
const X_TICK_LABEL = () => ({ ...TICK_LABEL, textAnchor: 'middle' as const });
const Y_TICK_LABEL = () => ({ ...TICK_LABEL, textAnchor: 'end' as const, dx: -4, dy: '0.33em' });
// A plain <text>: visx's own tick label measures every word in a hidden element it adds to the
// page (for wrapping, which a one-line tick never needs), a forced layout per label.
const tickLabel = ({ x, y, formattedValue, fill, fontSize, fontFamily, textAnchor, dx, dy }: TickRendererProps) => (
  <text x={x} y={y} dx={dx} dy={dy} fill={fill} fontSize={fontSize} fontFamily={fontFamily} textAnchor={textAnchor}>
    {formattedValue}
  </text>
);
// Theme colours come from CSS variables, so the same chart reads in light and dark.
const COLOURS = ['var(--chart-1)', 'var(--chart-2)', 'var(--chart-3)', 'var(--chart-4)', 'var(--chart-5)', 'var(--chart-6)'];
const colour = (index: number) => COLOURS[index % COLOURS.length];
const isNumber = (value: unknown): value is number => typeof value === 'number';

/** The row nearest in time to `at` (rows are in time order, one per refresh). */
function nearestRow(rows: readonly ChartRow[], at: number): number {
  let best = 0;
  let distance = Infinity;
  rows.forEach((row, index) => {
    if (Math.abs(row.at - at) < distance) [best, distance] = [index, Math.abs(row.at - at)];
  });
  return best;
}

/**
 * The runs of consecutive refreshes that have a value of `key`: a refresh without one breaks the
 * line rather than have it pretend to know the value.
 */
export function segments(rows: readonly ChartRow[], key: string): ChartRow[][] {
  const runs: ChartRow[][] = [];
  let run: ChartRow[] = [];
  for (const row of rows) {
    if (isNumber(row[key])) run.push(row);
    else if (run.length) {
      runs.push(run);
      run = [];
    }
  }
  if (run.length) runs.push(run);
  return runs;
}

/**
 * A line chart with an accessible name that states the latest values (a chart is an image to a
 * screen reader), and a plain "no data yet" instead of an empty grid. Pointing at it, or focusing it
 * and using the arrow keys, shows every line's value at one refresh.
 */
export function TimeSeriesChart({ title, rows, lines, format, note, integer = false }: TimeSeriesChartProps) {
  const [active, setActive] = useState<number | null>(null);
  const latest = rows.at(-1);
  const summary = lines
    .map((line) => `${shownText(line.label, NAME_CHARS)} ${isNumber(latest?.[line.key]) ? format(latest[line.key] as number) : 'no data'}`)
    .join(', ');
  const values = rows.flatMap((row) => lines.map((line) => row[line.key]).filter(isNumber));
  const hasData = values.length > 0;
  return (
    <figure className="chart" aria-label={title}>
      <figcaption className="chart__title">{title}</figcaption>
      {hasData ? (
        <Plot
          rows={rows}
          lines={lines}
          values={values}
          format={format}
          integer={integer}
          active={active}
          onActive={setActive}
          label={`${title}: latest ${summary}; ${rows.length} refreshes`}
        />
      ) : (
        <p className="muted">No data yet: it appears after two refreshes with traffic.</p>
      )}
      {hasData && (
        <ul className="chart__legend">
          {lines.map((line, index) => (
            <li key={line.key}>
              <span className="chart__swatch" style={{ background: colour(index) }} aria-hidden="true" />
              {shownText(line.label, NAME_CHARS)}
            </li>
          ))}
        </ul>
      )}
      {note && (
        <p className="chart__note" role="note">
          {note}
        </p>
      )}
    </figure>
  );
}

interface PlotProps {
  rows: readonly ChartRow[];
  lines: readonly ChartLine[];
  values: number[];
  format: (value: number) => string;
  integer: boolean;
  label: string;
  active: number | null;
  onActive: (index: number | null) => void;
}

function Plot({ rows, lines, values, format, integer, label, active, onActive }: PlotProps) {
  // Rows are in time order and there is at least one (a chart without data says so instead).
  const first = rows[0]?.at ?? 0;
  const last = rows.at(-1)?.at ?? first;
  // One refresh alone still gets a time axis: half a minute either side of it, one tick at it.
  const alone = first === last;
  const x = scaleUtc({ domain: alone ? [first - 30_000, last + 30_000] : [first, last], range: [0, PLOT_WIDTH] });
  const top = Math.max(...values);
  const y = scaleLinear({ domain: [Math.min(0, ...values), top > 0 ? top : 1], range: [PLOT_HEIGHT, 0], nice: 4 });
  const yTicks = y.ticks(4).filter((tick) => !integer || Number.isInteger(tick));
  const xTicks = alone ? [new Date(first)] : x.ticks(3);
  const row = active === null ? undefined : rows[active];
  const tooltipId = useId();

  const point = (event: PointerEvent<HTMLDivElement>) => {
    const box = event.currentTarget.getBoundingClientRect();
    // A card narrower than the chart draws it smaller (viewBox): pointer pixels map back to its own.
    const scale = box.width > 0 ? WIDTH / box.width : 1;
    onActive(nearestRow(rows, x.invert((event.clientX - box.left) * scale - MARGIN.left).getTime()));
  };
  const key = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = active ?? rows.length - 1;
    const next = { ArrowLeft: current - 1, ArrowRight: current + 1, Home: 0, End: rows.length - 1 }[event.key];
    if (event.key === 'Escape') onActive(null);
    else if (next !== undefined) onActive(Math.min(rows.length - 1, Math.max(0, next)));
    else return;
    event.preventDefault();
  };
  const left = row ? x(row.at) + MARGIN.left : 0;
  return (
    <div
      className="chart__plot"
      role="img"
      aria-label={label}
      aria-describedby={row ? tooltipId : undefined}
      tabIndex={0}
      onKeyDown={key}
      onFocus={() => onActive(rows.length - 1)}
      onBlur={() => onActive(null)}
      onPointerMove={point}
      onPointerLeave={() => onActive(null)}
    >
      <svg width={WIDTH} height={HEIGHT} viewBox={`0 0 ${WIDTH} ${HEIGHT}`} aria-hidden="true">
        <Group left={MARGIN.left} top={MARGIN.top}>
          <GridRows scale={y} tickValues={yTicks} width={PLOT_WIDTH} stroke="var(--border)" strokeDasharray="3 3" />
          <GridColumns scale={x} tickValues={xTicks} height={PLOT_HEIGHT} stroke="var(--border)" strokeDasharray="3 3" />
          <AxisLeft
            scale={y}
            tickValues={yTicks}
            tickFormat={(value) => format(Number(value))}
            stroke="var(--muted)"
            tickStroke="var(--muted)"
            tickLabelProps={Y_TICK_LABEL}
            tickComponent={tickLabel}
          />
          <AxisBottom
            top={PLOT_HEIGHT}
            scale={x}
            tickValues={xTicks}
            tickFormat={axisTime}
            stroke="var(--muted)"
            tickStroke="var(--muted)"
            tickLabelProps={X_TICK_LABEL}
            tickComponent={tickLabel}
          />
          {lines.map((line, index) =>
            segments(rows, line.key).map((run) =>
              run.length > 1 ? (
                <LinePath
                  key={`${line.key}@${run[0]?.at}`}
                  data={run}
                  x={(r) => x(r.at)}
                  y={(r) => y(r[line.key] as number)}
                  stroke={colour(index)}
                  strokeWidth={2}
                  strokeDasharray={line.dashed ? '4 3' : undefined}
                  fill="none"
                />
              ) : (
                // A value with no neighbour to join has no line: a dot shows it.
                <circle
                  key={`${line.key}@${run[0]?.at}`}
                  cx={x(run[0]?.at ?? 0)}
                  cy={y(run[0]?.[line.key] ?? 0)}
                  r={3}
                  stroke={colour(index)}
                  strokeWidth={2}
                  fill="var(--surface)"
                />
              ),
            ),
          )}
          {row && <line className="chart__cursor" x1={x(row.at)} x2={x(row.at)} y1={0} y2={PLOT_HEIGHT} />}
        </Group>
      </svg>
      {row && (
        <div
          id={tooltipId}
          className="chart__tooltip"
          role="tooltip"
          style={left > WIDTH / 2 ? { right: percentOfWidth(WIDTH - left + 8) } : { left: percentOfWidth(left + 8) }}
        >
          <p>{clockTime(row.at)}</p>
          {lines.map((line, index) => (
            <p key={line.key} style={{ color: colour(index) }}>
              {shownText(line.label, NAME_CHARS)}: {isNumber(row[line.key]) ? format(row[line.key] as number) : '—'}
            </p>
          ))}
        </div>
      )}
    </div>
  );
}
