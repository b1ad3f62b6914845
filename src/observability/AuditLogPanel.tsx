import { useCallback, useState, type FormEvent } from 'react';
import { SERVICE_NAMES, type AuditEvent, type AuditQuery } from '../api/contract';
import { describeError } from '../api/errors';
import type { UnreadableRecord } from '../api/records';
import { useResource } from '../api/use-resource';
import { NAME_CHARS, OPTION_CHARS, shownText } from '../ui/agent-text';
import { clockTime } from '../ui/clock-time';
import { UnreadableRecords } from '../ui/UnreadableRecords';
import { TableHead } from '../ui/TableHead';
import { TableScroll } from '../ui/TableScroll';
import { WidgetFrame } from '../ui/WidgetFrame';

export interface AuditPage {
  items: AuditEvent[];
  unreadable: UnreadableRecord[];
  nextCursor: string | null;
}
export type AuditSource = (query: AuditQuery, signal?: AbortSignal) => Promise<AuditPage>;

type Filters = Pick<AuditQuery, 'service' | 'type' | 'success' | 'q'>;
interface MorePages {
  filters: Filters;
  pages: AuditPage[];
  loading: boolean;
  error?: string;
}

/** Each event once, at its first place: a server that repeats a page must not repeat rows. */
function uniqueById(events: AuditEvent[]): AuditEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => !seen.has(event.id) && Boolean(seen.add(event.id)));
}

/** Every service's audit events: filter by service, event type and outcome, search, and page on with the cursor. */
export function AuditLogPanel({ source, refreshEveryMs }: { source: AuditSource; refreshEveryMs?: number }) {
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const first = useResource(
    useCallback((signal: AbortSignal) => source(filters, signal), [source, filters]),
    { refreshEveryMs },
  );
  // Pages after the first, for the filters they were asked with; a filter change starts again.
  const [more, setMore] = useState<MorePages>({ filters, pages: [], loading: false });
  const extra: MorePages = more.filters === filters ? more : { filters, pages: [], loading: false };
  const pages = first.data ? [first.data, ...extra.pages] : [];
  const events = uniqueById(pages.flatMap((page) => page.items));
  // A cursor the log already followed would list the same events again, forever: the log ends there.
  const followed = new Set(pages.slice(0, -1).map((page) => page.nextCursor));
  const offered = pages.at(-1)?.nextCursor ?? null;
  const looped = offered !== null && followed.has(offered);
  const nextCursor = looped ? null : offered;
  const types = [...new Set([...events.map((event) => event.type), ...(filters.type ? [filters.type] : [])])].sort();

  const loadMore = () => {
    if (!nextCursor) return;
    setMore({ ...extra, loading: true, error: undefined });
    source({ ...filters, cursor: nextCursor }).then(
      (page) => setMore((current) => (current.filters === filters ? { ...current, pages: [...current.pages, page], loading: false } : current)),
      (error: unknown) => setMore((current) => (current.filters === filters ? { ...current, loading: false, error: describeError(error) } : current)),
    );
  };
  const submitSearch = (event: FormEvent) => {
    event.preventDefault();
    setFilters((current) => ({ ...current, q: search.trim() || undefined }));
  };

  const toolbar = (
    <form className="audit-filters" onSubmit={submitSearch} aria-label="Audit filters">
      <label>
        Service{' '}
        <select value={filters.service ?? ''} onChange={(event) => setFilters((current) => ({ ...current, service: event.target.value || undefined }))}>
          <option value="">All services</option>
          {SERVICE_NAMES.map((name) => (
            <option key={name} value={name}>
              {name}
            </option>
          ))}
        </select>
      </label>
      <label>
        Event type{' '}
        <select value={filters.type ?? ''} onChange={(event) => setFilters((current) => ({ ...current, type: event.target.value || undefined }))}>
          <option value="">All types</option>
          {types.map((type) => (
            <option key={type} value={type}>
              {shownText(type, OPTION_CHARS)}
            </option>
          ))}
        </select>
      </label>
      <label>
        Outcome{' '}
        <select
          value={filters.success === undefined ? '' : String(filters.success)}
          onChange={(event) => setFilters((current) => ({ ...current, success: event.target.value === '' ? undefined : event.target.value === 'true' }))}
        >
          <option value="">Any outcome</option>
          <option value="true">Succeeded</option>
          <option value="false">Failed</option>
        </select>
      </label>
      <label>
        Search <input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="actor, target, type…" />
      </label>
      <button type="submit">Search</button>
    </form>
  );
  return (
    <WidgetFrame title="Audit log" status={first.status} error={first.error} onRetry={first.reload} toolbar={toolbar}>
      {events.length === 0 ? (
        <p className="muted">{Object.values(filters).some((value) => value !== undefined) ? 'No audit events match these filters.' : 'No audit events yet.'}</p>
      ) : (
        <TableScroll label="Audit events table" bounded>
          <table>
            <caption className="visually-hidden">Audit events, newest first</caption>
            <TableHead columns={['When', 'Service', 'Event', 'Who', 'Target', 'Outcome']} />
            <tbody>
              {events.map((event) => (
                <tr key={event.id} data-testid="audit-row">
                  <td>{clockTime(Date.parse(event.at))}</td>
                  <td>{shownText(event.service, NAME_CHARS)}</td>
                  <td>{shownText(event.type, NAME_CHARS)}</td>
                  <td>{shownText(event.actor, NAME_CHARS)}</td>
                  <td>{shownText(event.target, NAME_CHARS)}</td>
                  <td>{event.success ? 'Succeeded' : `Failed${event.detail ? `: ${shownText(event.detail, NAME_CHARS)}` : ''}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </TableScroll>
      )}
      <UnreadableRecords records={pages.flatMap((page) => page.unreadable)} noun="audit event" />
      {extra.error && <p role="alert">Could not load more audit events: {extra.error}</p>}
      {nextCursor && (
        <button type="button" onClick={loadMore} disabled={extra.loading}>
          {extra.loading ? 'Loading…' : extra.error ? 'Retry loading more' : 'Load more'}
        </button>
      )}
      {looped && (
        <p role="note" className="notice">
          The server offered a page it had already sent (cursor {shownText(offered, NAME_CHARS)}), so loading stopped here; the events shown are each listed
          once.
        </p>
      )}
      {!nextCursor && !looped && events.length > 0 && (
        <p className="muted">
          {events.length} event{events.length === 1 ? '' : 's'}: the end of the log.
        </p>
      )}
    </WidgetFrame>
  );
}
