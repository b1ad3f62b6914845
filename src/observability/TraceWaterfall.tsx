import type { SpanRecord } from '../api/contract';
import type { UnreadableRecord } from '../api/records';
import { UnreadableRecords } from '../ui/UnreadableRecords';
import { formatDuration } from '../ui/quantity';
import { layoutWaterfall } from './traces/waterfall';

const ms = (value: number) => formatDuration(value);

/** One trace's spans, browser and services together, on one time axis; problems said above the bars. */
export function TraceWaterfall({ traceId, spans, unreadable = [] }: { traceId: string; spans: readonly SpanRecord[]; unreadable?: UnreadableRecord[] }) {
  if (spans.length === 0 && unreadable.length === 0)
    return (
      <p className="muted" aria-label={`Trace ${traceId}`}>
        No spans of this trace were received.
      </p>
    );
  const waterfall = layoutWaterfall(spans);
  const services = [...new Set(spans.map((span) => span.service))];
  const scale = waterfall.totalMs > 0 ? 100 / waterfall.totalMs : 0;
  return (
    <section className="waterfall" aria-label={`Trace ${traceId}`}>
      <p>
        <strong>{spans.length} spans</strong> from {services.join(', ')} over {ms(waterfall.totalMs)}.{' '}
        <span className="waterfall__legend">
          <span className="waterfall__bar waterfall__bar--critical waterfall__swatch" aria-hidden="true" /> critical path
        </span>
      </p>
      {waterfall.problems.length > 0 && (
        <ul className="notice waterfall__problems" aria-label="Trace problems">
          {waterfall.problems.map((problem) => (
            <li key={problem}>{problem}</li>
          ))}
        </ul>
      )}
      <ol className="waterfall__rows" aria-label="Spans" tabIndex={0}>
        {waterfall.rows.map((row) => (
          <li
            key={row.span.spanId}
            className="waterfall__row"
            data-critical={row.critical}
            aria-label={`${row.span.service} ${row.span.name}, ${ms(row.durationMs)}${row.critical ? ', on the critical path' : ''}${row.span.status === 'error' ? ', failed' : ''}`}
          >
            <span className="waterfall__label" style={{ paddingInlineStart: `${row.depth * 0.9}rem` }}>
              <span className="waterfall__service">{row.span.service}</span> {row.span.name}
              {row.problems.length > 0 && (
                <span className="waterfall__flag" title={row.problems.join(' ')}>
                  {' ⚠'}
                </span>
              )}
            </span>
            <span className="waterfall__track">
              <span
                className={`waterfall__bar${row.critical ? ' waterfall__bar--critical' : ''}${row.span.status === 'error' ? ' waterfall__bar--error' : ''}`}
                style={{ insetInlineStart: `${row.offsetMs * scale}%`, width: `max(2px, ${row.durationMs * scale}%)` }}
              />
            </span>
            <span className="waterfall__duration">{ms(row.durationMs)}</span>
          </li>
        ))}
      </ol>
      <UnreadableRecords records={unreadable} noun="span" />
    </section>
  );
}
