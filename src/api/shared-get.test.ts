// @vitest-environment node
import { describe, expect, it } from 'vitest';
import { sharedInFlight, sharedInFlightCount } from './shared-get';

/** A request the test settles by hand, counting how often it was started and whether it was aborted. */
function manualRequest() {
  const calls: { signal: AbortSignal; resolve: (value: string) => void; reject: (error: unknown) => void }[] = [];
  const start = (signal: AbortSignal) =>
    new Promise<string>((resolve, reject) => {
      calls.push({ signal, resolve, reject });
      signal.addEventListener('abort', () => reject(signal.reason));
    });
  return { calls, start };
}

describe('reads in flight shared by identical callers', () => {
  it('starts one request for identical reads at the same time and gives each caller its answer', async () => {
    const { calls, start } = manualRequest();
    const first = sharedInFlight('GET /a', undefined, start);
    const second = sharedInFlight('GET /a', undefined, start);
    const other = sharedInFlight('GET /b', undefined, start);
    expect(calls).toHaveLength(2);
    calls[0]?.resolve('a');
    calls[1]?.resolve('b');
    await expect(Promise.all([first, second, other])).resolves.toEqual(['a', 'a', 'b']);
    expect(sharedInFlightCount()).toBe(0);
  });

  it('starts afresh once the shared read has settled', async () => {
    const { calls, start } = manualRequest();
    const first = sharedInFlight('GET /c', undefined, start);
    calls[0]?.resolve('old');
    await first;
    const second = sharedInFlight('GET /c', undefined, start);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve('new');
    await expect(second).resolves.toBe('new');
  });

  it('one caller giving up never cancels the others; the last one leaving aborts the request', async () => {
    const { calls, start } = manualRequest();
    const leaving = new AbortController();
    const staying = new AbortController();
    const left = sharedInFlight('GET /d', leaving.signal, start);
    const stays = sharedInFlight('GET /d', staying.signal, start);
    leaving.abort();
    await expect(left).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[0]?.signal.aborted).toBe(false);
    calls[0]?.resolve('kept');
    await expect(stays).resolves.toBe('kept');

    const alone = new AbortController();
    const lone = sharedInFlight('GET /e', alone.signal, start);
    alone.abort();
    await expect(lone).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls[1]?.signal.aborted).toBe(true);
    expect(sharedInFlightCount()).toBe(0);
  });

  it('a failure reaches every caller, and a caller already aborted never starts a request', async () => {
    const { calls, start } = manualRequest();
    const first = sharedInFlight('GET /f', undefined, start);
    const second = sharedInFlight('GET /f', undefined, start);
    calls[0]?.reject(new Error('HTTP 500'));
    await expect(first).rejects.toThrow('HTTP 500');
    await expect(second).rejects.toThrow('HTTP 500');
    await expect(sharedInFlight('GET /g', AbortSignal.abort(), start)).rejects.toMatchObject({ name: 'AbortError' });
    expect(calls).toHaveLength(1);
  });

  it('a caller giving up with a reason of its own is rejected with that reason', async () => {
    const { start } = manualRequest();
    const caller = new AbortController();
    const read = sharedInFlight('GET /h', caller.signal, start);
    caller.abort(new Error('the widget closed'));
    await expect(read).rejects.toThrow('the widget closed');
    await expect(sharedInFlight('GET /h', AbortSignal.abort(new Error('already gone')), start)).rejects.toThrow('already gone');
  });

  it('a read asked for after every caller left starts its own request, which the abandoned one settling late never drops', async () => {
    const { calls, start } = deafRequest();
    const alone = new AbortController();
    const abandoned = sharedInFlight('GET /i', alone.signal, start);
    alone.abort();
    await expect(abandoned).rejects.toMatchObject({ name: 'AbortError' });
    const next = sharedInFlight('GET /i', undefined, start);
    expect(calls).toHaveLength(2);
    calls[0]?.resolve('late');
    await Promise.resolve();
    await Promise.resolve();
    const joining = sharedInFlight('GET /i', undefined, start);
    expect(calls).toHaveLength(2);
    calls[1]?.resolve('fresh');
    await expect(Promise.all([next, joining])).resolves.toEqual(['fresh', 'fresh']);
  });

  it('a caller aborting after its read has settled aborts nothing', async () => {
    const { calls, start } = manualRequest();
    const caller = new AbortController();
    const read = sharedInFlight('GET /j', caller.signal, start);
    calls[0]?.resolve('done');
    await expect(read).resolves.toBe('done');
    caller.abort();
    expect(calls[0]?.signal.aborted).toBe(false);

    const failing = new AbortController();
    const failed = sharedInFlight('GET /k', failing.signal, start);
    calls[1]?.reject(new Error('HTTP 502'));
    await expect(failed).rejects.toThrow('HTTP 502');
    failing.abort();
    expect(calls[1]?.signal.aborted).toBe(false);
  });
});

/** A request that ignores its abort signal and settles only when the test says so (a server slow to stop). */
function deafRequest() {
  const calls: { signal: AbortSignal; resolve: (value: string) => void }[] = [];
  const start = (signal: AbortSignal) => new Promise<string>((resolve) => calls.push({ signal, resolve }));
  return { calls, start };
}
