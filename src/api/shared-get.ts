/**
 * Identical reads in flight at the same time share one request. A dashboard may show a widget more
 * than once (each copy fetching its own data): 100 widgets asked for the same four answers 118 times.
 * Each caller keeps its own AbortSignal: one caller giving up never cancels the others; the shared
 * request is aborted only when every caller has gone. Once it settles, the next read starts afresh.
 * The client's key counts the writes sent, so a read asked for after a write never joins an older one.
 */
interface InFlight {
  promise: Promise<unknown>;
  controller: AbortController;
  callers: number;
}

const inFlight = new Map<string, InFlight>();

export function sharedInFlight<T>(key: string, signal: AbortSignal | undefined, start: (signal: AbortSignal) => Promise<T>): Promise<T> {
  // An aborted signal always has a reason: the caller's, or the AbortError abort() gives it.
  if (signal?.aborted) return Promise.reject(signal.reason);
  let entry = inFlight.get(key);
  if (!entry) {
    const controller = new AbortController();
    const created: InFlight = { controller, callers: 0, promise: Promise.resolve() };
    created.promise = start(controller.signal).finally(() => {
      if (inFlight.get(key) === created) inFlight.delete(key);
    });
    inFlight.set(key, created);
    entry = created;
  }
  const shared = entry;
  shared.callers += 1;
  return new Promise<T>((resolve, reject) => {
    if (!signal) {
      shared.promise.then((value) => resolve(value as T), reject);
      return;
    }
    // A signal aborts once, and the listener goes when the read settles: this caller leaves once.
    const onAbort = () => {
      shared.callers -= 1;
      if (shared.callers === 0) {
        // Nobody waits for it any more: stop it, and let the next read start its own.
        if (inFlight.get(key) === shared) inFlight.delete(key);
        shared.controller.abort(signal.reason);
      }
      reject(signal.reason);
    };
    signal.addEventListener('abort', onAbort);
    shared.promise.then(
      (value) => {
        signal.removeEventListener('abort', onAbort);
        resolve(value as T);
      },
      (error: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(error);
      },
    );
  });
}

/** For tests: how many shared reads are in flight. */
export function sharedInFlightCount(): number {
  return inFlight.size;
}
