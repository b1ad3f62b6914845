/** Schedules work for when the browser is idle (at the latest after `timeout`), or soon where it cannot tell. */
export type IdleScheduler = (work: () => void, timeout: number) => () => void;

export const browserIdle: IdleScheduler = (work, timeout) => {
  if (typeof requestIdleCallback === 'function') {
    const handle = requestIdleCallback(work, { timeout });
    return () => cancelIdleCallback(handle);
  }
  const handle = setTimeout(work, Math.min(timeout, 200));
  return () => clearTimeout(handle);
};

/**
 * Keeps the latest value per key and saves them all when the browser is idle, never inside the
 * animation frame that rendered them: a burst of stream events costs one save per key, outside
 * any frame. Pending values are saved when the page is hidden or left, so a reload still resumes
 * from the last cursor the page showed.
 */
export interface IdleSaver<V> {
  set(key: string, value: V): void;
  dispose(): void;
}

export function createIdleSaver<V>(
  save: (key: string, value: V) => void,
  {
    timeout = 1000,
    schedule = browserIdle,
    target = typeof window === 'undefined' ? undefined : window,
  }: { timeout?: number; schedule?: IdleScheduler; target?: Window | undefined } = {},
): IdleSaver<V> {
  const pending = new Map<string, V>();
  let cancel: (() => void) | undefined;
  const flush = () => {
    cancel?.();
    cancel = undefined;
    const values = [...pending];
    pending.clear();
    for (const [key, value] of values) save(key, value);
  };
  const onHide = () => {
    if (pending.size) flush();
  };
  const onVisibility = () => {
    if (document.visibilityState === 'hidden') onHide();
  };
  target?.addEventListener('pagehide', onHide);
  target?.document.addEventListener('visibilitychange', onVisibility);
  return {
    set(key: string, value: V): void {
      pending.set(key, value);
      cancel ??= schedule(flush, timeout);
    },
    /** Saves what is pending and stops listening. */
    dispose(): void {
      flush();
      target?.removeEventListener('pagehide', onHide);
      target?.document.removeEventListener('visibilitychange', onVisibility);
    },
  };
}
