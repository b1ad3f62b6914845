import { useCallback, useState, type FormEvent } from 'react';
import { SERVICE_NAMES, type AuditEvent, type AuditQuery } from '../api/contract';
import { describeError } from '../api/errors';
import type { UnreadableRecord } from '../api/records';
import { useResource } from '../api/use-resource';
import { clip, NAME_CHARS } from '../widgets/agent-text';
import { clockTime } from '../widgets/clock-time';
import { UnreadableRecords } from '../widgets/UnreadableRecords';
import { WidgetFrame } from '../widgets/WidgetFrame';

export interface AuditPage { items: AuditEvent[]; unreadable: UnreadableRecord[]; nextCursor: string | null }
export type AuditSource = (query: AuditQuery, signal?: AbortSignal) => Promise<AuditPage>;

type Filters = Pick<AuditQuery, 'service' | 'type' | 'success' | 'q'>;

/** Every service's audit events: filter by service, event type and outcome, search, and page on with the cursor. */
export function AuditLogPanel({ source, refreshEveryMs }: { source: AuditSource; refreshEveryMs?: number }) {
  const [filters, setFilters] = useState<Filters>({});
  const [search, setSearch] = useState('');
  const first = useResource(useCallback((signal: AbortSignal) => source(filters, signal), [source, filters]), { refreshEveryMs });
  // Pages after the first, for the filters they were asked with; a filter change starts again.
  const [more, setMore] = useState<{ filters: Filters; pages: AuditPage[]; loading: boolean; error?: string }>({ filters, pages: [], loading: false });
  const extra = more.filters === filters ? more : { filters, pages: [], loading: false };
  const pages = first.data ? [first.data, ...extra.pages] : [];
  const events = pages.flatMap((page) => page.items);
  const nextCursor = pages.at(-1)?.nextCursor ?? null;
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
      <label>Service{' '}
        <select value={filters.service ?? ''} onChange={(event) => setFilters((current) => ({ ...current, service: event.target.value || undefined }))}>
          <option value="">All services</option>
          {SERVICE_NAMES.map((name) => <option key={name} value={name}>{name}</option>)}
        </select>
      </label>
      <label>Event type{' '}
        <select value={filters.type ?? ''} onChange={(event) => setFilters((current) => ({ ...current, type: event.target.value || undefined }))}>
          <option value="">All types</option>
          {types.map((type) => <option key={type} value={type}>{type}</option>)}
        </select>
      </label>
      <label>Outcome{' '}
        <select value={filters.success === undefined ? '' : String(filters.success)} onChange={(event) => setFilters((current) => ({ ...current, success: event.target.value === '' ? undefined : event.target.value === 'true' }))}>
          <option value="">Any outcome</option>
          <option value="true">Succeeded</option>
          <option value="false">Failed</option>
        </select>
      </label>
      <label>Search{' '}<input type="search" value={search} onChange={(event) => setSearch(event.target.value)} placeholder="actor, target, type…" /></label>
      <button type="submit">Search</button>
    </form>
  );
  return (
    <WidgetFrame title="Audit log" status={first.status} error={first.error} onRetry={first.reload} toolbar={toolbar}>
      {events.length === 0 ? <p className="muted">{Object.values(filters).some((value) => value !== undefined) ? 'No audit events match these filters.' : 'No audit events yet.'}</p> : (
        <table>
          <caption className="visually-hidden">Audit events, newest first</caption>
          <thead><tr><th scope="col">When</th><th scope="col">Service</th><th scope="col">Event</th><th scope="col">Who</th><th scope="col">Target</th><th scope="col">Outcome</th></tr></thead>
          <tbody>{events.map((event) => (
            <tr key={event.id} data-testid="audit-row">
              <td>{clockTime(Date.parse(event.at))}</td>
              <td>{event.service}</td>
              <td>{event.type}</td>
              <td>{clip(event.actor, NAME_CHARS)}</td>
              <td>{clip(event.target, NAME_CHARS)}</td>
              <td>{event.success ? 'Succeeded' : `Failed${event.detail ? `: ${clip(event.detail, NAME_CHARS)}` : ''}`}</td>
            </tr>
          ))}</tbody>
        </table>
      )}
      <UnreadableRecords records={pages.flatMap((page) => page.unreadable)} noun="audit event" />
      {extra.error && <p role="alert">Could not load more audit events: {extra.error}</p>}
      {nextCursor && <button type="button" onClick={loadMore} disabled={extra.loading}>{extra.loading ? 'Loading…' : extra.error ? 'Retry loading more' : 'Load more'}</button>}
      {!nextCursor && events.length > 0 && <p className="muted">{events.length} event{events.length === 1 ? '' : 's'}: the end of the log.</p>}
    </WidgetFrame>
  );
}
