import { startTransition, useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from './errors';

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
 * shown as if it answered the new question.
 */
export function useResource<T>(fetcher: (signal: AbortSignal) => Promise<T>, options: ResourceOptions = {}): Resource<T> {
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({ status: 'loading', data: undefined, error: undefined });
  const [generation, setGeneration] = useState(0);
  const loadedWith = useRef(fetcher);

  useEffect(() => {
    const controller = new AbortController();
    const sameQuery = loadedWith.current === fetcher;
    loadedWith.current = fetcher;
    setState((previous) => (sameQuery && previous.data !== undefined
      ? { ...previous, status: 'refreshing' }
      : { status: 'loading', data: undefined, error: undefined }));
    fetcher(controller.signal).then(
      // A transition: React renders it in slices it can interrupt, so many widgets answered at
      // once (a shared read) never hold the main thread in one long task.
      (data) => { if (!controller.signal.aborted) startTransition(() => { setState({ status: 'loaded', data, error: undefined }); }); },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ status: previous.data === undefined ? 'error' : 'stale', data: previous.data, error: describeError(error) }));
      },
    );
    return () => controller.abort();
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
