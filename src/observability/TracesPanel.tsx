import { useCallback, useState } from 'react';
import type { Trace } from '../api/contract';
import type { Records } from '../api/records';
import { useResource } from '../api/use-resource';
import { clockTime } from '../ui/clock-time';
import { UnreadableRecords } from '../ui/UnreadableRecords';
import { TableScroll } from '../ui/TableScroll';
import { WidgetFrame } from '../ui/WidgetFrame';
import { TraceWaterfall } from './TraceWaterfall';
import { NAME_CHARS, shownText } from '../ui/agent-text';
import { formatDuration, formatQuantity } from '../ui/quantity';
import { TableHead } from '../ui/TableHead';
import type { SpanRecord } from '../api/contract';

export interface TraceSources {
  list: (signal: AbortSignal) => Promise<Records<Trace>>;
  detail: (traceId: string, signal: AbortSignal) => Promise<Records<SpanRecord>>;
}

/** Recent traces; opening one shows its waterfall, the browser's spans joined with the services'. */
export function TracesPanel({ sources }: { sources: TraceSources }) {
  const traces = useResource(useCallback((signal: AbortSignal) => sources.list(signal), [sources]));
  const [open, setOpen] = useState<string | null>(null);
  return (
    <WidgetFrame title="Recent traces" status={traces.status} error={traces.error} onRetry={traces.reload}>
      {traces.data?.items.length === 0 ? (
        <p className="muted">No traces recorded yet.</p>
      ) : (
        <TableScroll label="Recent traces table">
          <table>
            <TableHead columns={['Trace', 'Root span', 'Service', 'Started', 'Duration', 'Spans', 'Status']} />
            <tbody>
              {traces.data?.items.map((trace) => (
                <tr key={trace.traceId} aria-selected={open === trace.traceId}>
                  <td>
                    <button
                      type="button"
                      className="link-button"
                      aria-expanded={open === trace.traceId}
                      onClick={() => setOpen(open === trace.traceId ? null : trace.traceId)}
                      // The name begins with the id shown, so speech input can say what it sees (WCAG 2.5.3).
                      aria-label={`${trace.traceId.slice(0, 12)}: open trace ${trace.traceId}`}
                    >
                      <code>{trace.traceId.slice(0, 12)}</code>
                    </button>
                  </td>
                  <td>{shownText(trace.rootSpan, NAME_CHARS)}</td>
                  <td>{shownText(trace.service, NAME_CHARS)}</td>
                  <td>{clockTime(Date.parse(trace.startedAt))}</td>
                  <td>{formatDuration(trace.durationMs)}</td>
                  <td>{formatQuantity(trace.spanCount)}</td>
                  <td>{trace.status}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <UnreadableRecords records={traces.data?.unreadable ?? []} noun="trace" />
      {open && <TraceDetail key={open} traceId={open} sources={sources} />}
    </WidgetFrame>
  );
}

function TraceDetail({ traceId, sources }: { traceId: string; sources: TraceSources }) {
  const detail = useResource(useCallback((signal: AbortSignal) => sources.detail(traceId, signal), [sources, traceId]));
  if (detail.status === 'loading') return <p role="status">Loading trace {traceId.slice(0, 12)}…</p>;
  if (!detail.data)
    return (
      <p role="alert">
        Could not load trace {traceId.slice(0, 12)}: {detail.error}{' '}
        <button type="button" onClick={detail.reload}>
          Retry
        </button>
      </p>
    );
  return <TraceWaterfall traceId={traceId} spans={detail.data.items} unreadable={detail.data.unreadable} />;
}
