import { useCallback, useEffect, useRef, useState } from 'react';
import { describeError } from './errors';

/** The lifecycle a WidgetFrame shows: loading, loaded, refreshing, error, stale (last good data kept). */
export type ResourceStatus = 'loading' | 'loaded' | 'refreshing' | 'error' | 'stale';

export interface Resource<T> {
  status: ResourceStatus;
  data: T | undefined;
  error: string | undefined;
  reload: () => void;
}

/** Loads `fetcher` on mount and on reload(); a failed refresh keeps the last good data, marked stale. */
export function useResource<T>(fetcher: (signal: AbortSignal) => Promise<T>): Resource<T> {
  const [state, setState] = useState<Omit<Resource<T>, 'reload'>>({ status: 'loading', data: undefined, error: undefined });
  const [generation, setGeneration] = useState(0);
  const fetcherRef = useRef(fetcher);
  fetcherRef.current = fetcher;

  useEffect(() => {
    const controller = new AbortController();
    setState((previous) => ({ ...previous, status: previous.data === undefined ? 'loading' : 'refreshing' }));
    fetcherRef.current(controller.signal).then(
      (data) => { if (!controller.signal.aborted) setState({ status: 'loaded', data, error: undefined }); },
      (error: unknown) => {
        if (controller.signal.aborted) return;
        setState((previous) => ({ status: previous.data === undefined ? 'error' : 'stale', data: previous.data, error: describeError(error) }));
      },
    );
    return () => controller.abort();
  }, [generation]);

  const reload = useCallback(() => setGeneration((value) => value + 1), []);
  return { ...state, reload };
}
