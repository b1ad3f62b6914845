import { useId, type ReactNode } from 'react';
import type { ResourceStatus } from '../api/use-resource';
import { clockTime } from './clock-time';

interface WidgetFrameProps {
  title: string;
  status: ResourceStatus;
  error?: string;
  onRetry?: () => void;
  onRemove?: () => void;
  /** When the data shown while stale was read (ms since the epoch): said in the stale notice. */
  lastGoodAt?: number;
  /** Controls that stay usable in every state (filters), so an error can be worked around. */
  toolbar?: ReactNode;
  children?: ReactNode;
}

/** The lifecycle shell every dashboard widget sits in: skeleton, data, refreshing, error with retry, stale. */
export function WidgetFrame({ title, status, error, onRetry, onRemove, lastGoodAt, toolbar, children }: WidgetFrameProps) {
  const busy = status === 'loading' || status === 'refreshing';
  // Unique per frame: a dashboard may show the same widget more than once.
  const headingId = useId();
  const retry = onRetry && (
    <button type="button" onClick={onRetry}>
      Retry {title}
    </button>
  );
  return (
    <section className="card widget" aria-labelledby={headingId} aria-busy={busy} data-status={status}>
      <header className="card__header">
        <h2 id={headingId} className="card__title">
          {title}
        </h2>
        {status === 'refreshing' && (
          <span className="muted" role="status">
            Refreshing…
          </span>
        )}
        {status === 'loaded' && onRetry && (
          <button type="button" className="link-button" onClick={onRetry} aria-label={`Refresh ${title}`}>
            Refresh
          </button>
        )}
        {onRemove && (
          <button type="button" className="link-button" onClick={onRemove} aria-label={`Remove ${title} widget`}>
            Remove
          </button>
        )}
      </header>
      {toolbar}
      {status === 'loading' && (
        <div className="skeleton" role="status" aria-label={`Loading ${title}`}>
          <div className="skeleton__line" />
          <div className="skeleton__line skeleton__line--short" />
        </div>
      )}
      {status === 'error' && (
        <div role="alert" className="widget__error">
          <p>
            Could not load {title}: {error}
          </p>
          {retry}
        </div>
      )}
      {status === 'stale' && (
        <div role="status" className="notice">
          <p>
            Showing the last data we had{lastGoodAt === undefined ? '' : ` (from ${clockTime(lastGoodAt)})`}; refreshing failed: {error}
          </p>
          {retry}
        </div>
      )}
      {(status === 'loaded' || status === 'refreshing' || status === 'stale') && <div className="widget__body">{children}</div>}
    </section>
  );
}
