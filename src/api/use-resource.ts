import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { ApiError, describeError } from './errors';

/** A busy server that names no wait is asked again after this long; a longer wait than the most is not waited out. */
const BUSY_WAIT_MS = 5_000;
const MOST_BUSY_WAIT_MS = 60_000;

/** How long to wait before the one automatic retry a busy server gets, or undefined for none. */
function busyWait(error: unknown): number | undefined {
  if (!(error instanceof ApiError) || error.kind !== 'busy') return undefined;
  const wait = error.retryAfterMs ?? BUSY_WAIT_MS;
  return wait <= MOST_BUSY_WAIT_MS ? wait : undefined;
}

/** The lifecycle a WidgetFrame shows: loading, loaded, refreshing, error, stale (last good data kept). */
export type ResourceStatus = 'loading' | 'loaded' | 'refreshing' | 'error' | 'stale';

export interface Resource<T> {
  status: ResourceStatus;
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
}

export interface ResourceOptions {
  /** Refetch in the background this often, so the data stays live; skipped while the tab is hidden. */
  refreshEveryMs?: number;
}

/**
 * Loads `fetcher` on mount, on reload() and every `refreshEveryMs`; a failed refresh keeps the
 * last good data, marked stale, and the next successful one clears the mark. A new `fetcher` (its
 * useCallback dependencies changed: another query) loads from scratch: the old answer is not
 * shown as if it answered the new question. A server that says it is busy (429, or 503 with
 * Retry-After) is asked once more after the wait it named, and the widget says so meanwhile.
 */
export function useResource<T>(fetcher: (signal: AbortSignal) => Promise<T>, options: ResourceOptions = {}): Resource<T> {
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({ status: 'loading', data: undefined, error: undefined });
  const [generation, setGeneration] = useState(0);
  const loadedWith = useRef(fetcher);
  /** Whether the load under way is the automatic retry after "busy": a second busy answer waits for the user. */
  const retrying = useRef(false);

  useEffect(() => {
    const controller = new AbortController();
    const isRetry = retrying.current;
    retrying.current = false;
    let retryTimer: ReturnType<typeof setTimeout> | undefined;
    const sameQuery = loadedWith.current === fetcher;
    loadedWith.current = fetcher;
    setState((previous) =>
      sameQuery && previous.data !== undefined ? { ...previous, status: 'refreshing' } : { status: 'loading', data: undefined, error: undefined },
    );
    fetcher(controller.signal).then(
      // A transition: React renders it in slices it can interrupt, so many widgets answered at
      // once (a shared read) never hold the main thread in one long task.
      (data) => {
        if (!controller.signal.aborted)
          startTransition(() => {
            setState({ status: 'loaded', data, error: undefined });
          });
      },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        const wait = isRetry ? undefined : busyWait(error);
        const message = wait === undefined ? describeError(error) : `${describeError(error)} Retrying in ${Math.max(1, Math.ceil(wait / 1_000))} s.`;
        setState((previous) => ({ status: previous.data === undefined ? 'error' : 'stale', data: previous.data, error: message }));
        if (wait !== undefined) {
          retryTimer = setTimeout(() => {
            retrying.current = true;
            setGeneration((value) => value + 1);
          }, wait);
        }
      },
    );
    return () => {
      controller.abort();
      clearTimeout(retryTimer);
    };
  }, [generation, fetcher]);

  const { refreshEveryMs } = options;
  useEffect(() => {
    if (!refreshEveryMs) return undefined;
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') setGeneration((value) => value + 1);
    }, refreshEveryMs);
    return () => clearInterval(timer);
  }, [refreshEveryMs]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
