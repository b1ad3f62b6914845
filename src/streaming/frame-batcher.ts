/**
 * Collects items and hands them over once per animation frame, so a burst of stream events
 * becomes one render instead of one per event.
 */
export function createFrameBatcher<T>(flush: (items: T[]) => void): { push: (item: T) => void; cancel: () => void } {
  let pending: T[] = [];
  let handle: number | undefined;
  const schedule =
    typeof requestAnimationFrame === 'function' ? requestAnimationFrame : (callback: () => void) => setTimeout(callback, 16) as unknown as number;
  const unschedule = typeof cancelAnimationFrame === 'function' ? cancelAnimationFrame : (id: number) => clearTimeout(id);
  return {
    push(item) {
      pending.push(item);
      handle ??= schedule(() => {
        handle = undefined;
        const items = pending;
        pending = [];
        flush(items);
      });
    },
    cancel() {
      if (handle !== undefined) unschedule(handle);
      handle = undefined;
      pending = [];
    },
  };
}
