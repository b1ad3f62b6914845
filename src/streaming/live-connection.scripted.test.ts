import { afterEach, describe, expect, it, vi } from 'vitest';
import { configureAuth } from '../api/client';
import { LIVE_HEARTBEAT_MS, type LiveEvent } from '../api/contract';
import { resetWarnings } from '../api/warn-once';
import { LiveConnection, type LiveStatus, type TopicHandler } from './live-connection';

/** One connection the scripted server holds open: the test writes its bytes and ends it. */
interface Connection {
  url: URL;
  headers: Record<string, string>;
  signal: AbortSignal;
  /** Answers the request with an open event stream (once). */
  open(): void;
  /** Answers with a status and no stream. */
  answer(status: number): void;
  /** Fails the request as a dropped network does. */
  fail(): void;
  send(text: string): void;
  end(): void;
}

/** A live endpoint the test drives by hand: every request waits until the test answers it. */
function scriptedServer() {
  const connections: Connection[] = [];
  const fetch = (input: RequestInfo | URL, init: RequestInit = {}) =>
    new Promise<Response>((resolve, reject) => {
      let body: ReadableStreamDefaultController<Uint8Array> | undefined;
      const signal = init.signal ?? new AbortController().signal;
      signal.addEventListener('abort', () => {
        reject(signal.reason);
        body?.error(signal.reason);
      });
      connections.push({
        url: new URL(String(input), 'http://console.test'),
        headers: Object.fromEntries(Object.entries(init.headers ?? {}).map(([name, value]) => [name, String(value)])),
        signal,
        open: () =>
          resolve(
            new Response(new ReadableStream<Uint8Array>({ start: (controller) => void (body = controller) }), {
              headers: { 'content-type': 'text/event-stream' },
            }),
          ),
        answer: (status) => resolve(new Response(null, { status })),
        fail: () => reject(new TypeError('Failed to fetch')),
        send: (text) => body?.enqueue(new TextEncoder().encode(text)),
        end: () => body?.close(),
      });
    });
  return { connections, fetch: fetch as typeof globalThis.fetch };
}

const progress = (taskId: string, seq: number) =>
  `id: task:${taskId}@${seq}\nevent: progress\ndata: ${JSON.stringify({ type: 'progress', taskId, seq, progress: seq })}\n\n`;

let clock = 0;
const live: LiveConnection[] = [];
function connection(server: ReturnType<typeof scriptedServer>, silenceMs?: number) {
  const connection = new LiveConnection({ fetch: server.fetch, random: () => 1, now: () => clock, silenceMs });
  live.push(connection);
  const statuses: LiveStatus[] = [];
  connection.onStatus((status) => statuses.push(status));
  return { connection, statuses };
}
function recorder() {
  const messages: LiveEvent[] = [];
  const handler: TopicHandler = { onMessage: (message) => messages.push(message) };
  return { handler, seqs: () => messages.map((message) => message.seq) };
}
/** A connection following task:a whose first attempt failed (502) and whose second is open; fake timers on. */
async function openAfterOneFailure() {
  const server = scriptedServer();
  const { connection: stream } = connection(server);
  stream.subscribe('task:a', recorder().handler);
  await vi.advanceTimersByTimeAsync(0);
  server.connections[0]?.answer(502);
  await vi.advanceTimersByTimeAsync(1_000);
  server.connections[1]?.open();
  await vi.advanceTimersByTimeAsync(0);
  return { server, stream };
}

/** Lets the connection's promises and stream reads run. */
const settle = () => vi.waitFor(() => undefined).then(() => new Promise((resolve) => setTimeout(resolve, 0)));

/** An open connection following task:a with `handlers` (real timers); returns the stream the test writes to. */
async function openOnTaskA(handlers: TopicHandler[], cursor?: number) {
  const server = scriptedServer();
  const { connection: stream } = connection(server);
  for (const handler of handlers) stream.subscribe('task:a', handler, cursor);
  await settle();
  server.connections[0]?.open();
  await settle();
  const open = server.connections[0];
  if (!open) throw new Error('the connection never asked for the stream');
  return open;
}

const unauthorized = vi.fn();
configureAuth(() => 'mock.riley', unauthorized);

afterEach(() => {
  for (const each of live.splice(0)) each.close();
  unauthorized.mockReset();
  resetWarnings();
  vi.useRealTimers();
  clock = 0;
});

describe('the live connection against a server the test drives', () => {
  it('is idle until a topic is followed, then asks for an event stream of every topic with its cursor and the session', async () => {
    const server = scriptedServer();
    const { connection: stream, statuses } = connection(server);
    expect(stream.status).toEqual({ state: 'idle' });
    stream.subscribe('task:a', recorder().handler, 4);
    stream.subscribe('approvals', recorder().handler);
    await settle();
    expect(server.connections).toHaveLength(1);
    const [request] = server.connections;
    expect(request?.url.pathname).toBe('/api/live');
    expect(request?.url.searchParams.getAll('topic')).toEqual(['task:a@4', 'approvals']);
    expect(request?.headers).toMatchObject({ accept: 'text/event-stream', authorization: 'Bearer mock.riley' });
    expect(statuses).toEqual([{ state: 'connecting' }]);
    request?.open();
    await settle();
    expect(stream.status).toEqual({ state: 'open' });
  });

  it('a listener that stopped listening hears nothing more', async () => {
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    const heard: LiveStatus[] = [];
    const stop = stream.onStatus((status) => heard.push(status));
    stop();
    stream.subscribe('task:a', recorder().handler);
    await settle();
    expect(heard).toEqual([]);
  });

  it('the last subscriber leaving a topic ends the connection; a stale unsubscribe never drops a newer subscription', async () => {
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    const first = recorder();
    const second = recorder();
    const leaveFirst = stream.subscribe('task:a', first.handler);
    const leaveSecond = stream.subscribe('task:a', second.handler);
    await settle();
    server.connections[0]?.open();
    await settle();
    leaveFirst();
    expect(server.connections[0]?.signal.aborted).toBe(false);
    leaveSecond();
    expect(server.connections[0]?.signal.aborted).toBe(true);
    expect(stream.status).toEqual({ state: 'idle' });

    const third = recorder();
    stream.subscribe('task:a', third.handler);
    await settle();
    server.connections[1]?.open();
    await settle();
    leaveFirst();
    leaveSecond();
    expect(server.connections[1]?.signal.aborted).toBe(false);
    server.connections[1]?.send(progress('a', 1));
    await vi.waitFor(() => expect(third.seqs()).toEqual([1]));
  });

  it('keeps other topics when one topic is left', async () => {
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    const kept = recorder();
    const leave = stream.subscribe('task:a', recorder().handler);
    stream.subscribe('task:b', kept.handler);
    await settle();
    server.connections[0]?.open();
    await settle();
    leave();
    expect(stream.status).toEqual({ state: 'open' });
    server.connections[0]?.send(progress('b', 1));
    await vi.waitFor(() => expect(kept.seqs()).toEqual([1]));
  });

  it('close() ends the connection and forgets every topic', async () => {
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    const before = recorder();
    stream.subscribe('task:a', before.handler);
    await settle();
    server.connections[0]?.open();
    await settle();
    stream.close();
    expect(server.connections[0]?.signal.aborted).toBe(true);
    expect(stream.status).toEqual({ state: 'idle' });
    stream.subscribe('task:b', recorder().handler);
    await settle();
    expect(server.connections[1]?.url.searchParams.getAll('topic')).toEqual(['task:b']);
  });

  it('tells each way a connection ends, and waits longer after each attempt that came to nothing', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = scriptedServer();
    const { connection: stream, statuses } = connection(server, 20_000);
    stream.subscribe('task:a', recorder().handler);
    await vi.advanceTimersByTimeAsync(0);
    server.connections[0]?.answer(500);
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toEqual({ state: 'reconnecting', attempt: 1, retryAt: 1_000, reason: 'The live stream failed (HTTP 500).' });
    await vi.advanceTimersByTimeAsync(1_000);
    // A new attempt after a failure stays "reconnecting" until it opens: no flash of "connecting".
    expect(statuses.map((status) => status.state)).toEqual(['connecting', 'reconnecting']);
    server.connections[1]?.fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ attempt: 2, retryAt: 2_000, reason: 'The connection to the server was lost.' });
    await vi.advanceTimersByTimeAsync(2_000);
    server.connections[2]?.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toEqual({ state: 'open' });
    server.connections[2]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ attempt: 3, retryAt: 4_000, reason: 'The live stream was closed by the server.' });
    await vi.advanceTimersByTimeAsync(4_000);
    server.connections[3]?.open();
    await vi.advanceTimersByTimeAsync(19_999);
    expect(server.connections[3]?.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stream.status).toMatchObject({ attempt: 4, retryAt: 8_000, reason: 'No data from the server for 20 s.' });
  });

  it('a connection that delivered an event, or lived a heartbeat long, starts the backoff anew', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { server, stream } = await openAfterOneFailure();
    server.connections[1]?.send(progress('a', 1));
    server.connections[1]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ state: 'reconnecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    server.connections[2]?.open();
    await vi.advanceTimersByTimeAsync(0);
    clock += LIVE_HEARTBEAT_MS - 1;
    server.connections[2]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ state: 'reconnecting', attempt: 2 });
    await vi.advanceTimersByTimeAsync(2_000);
    server.connections[3]?.open();
    await vi.advanceTimersByTimeAsync(0);
    clock += LIVE_HEARTBEAT_MS;
    server.connections[3]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ state: 'reconnecting', attempt: 1 });
  });

  it('an event for a topic nobody follows, or without an id, does not count as delivered', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { server, stream } = await openAfterOneFailure();
    server.connections[1]?.send(progress('other', 1));
    server.connections[1]?.send('event: progress\ndata: {}\n\n');
    server.connections[1]?.send('data: {}\n\n');
    server.connections[1]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ state: 'reconnecting', attempt: 2 });
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      '[live] skipped an event without a "topic@seq" id (event progress)',
      '[live] skipped an event without a "topic@seq" id (event message)',
    ]);
  });

  it('while waiting to reconnect, a new topic waits for the same attempt; "reconnect now" goes at once', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    stream.subscribe('task:a', recorder().handler);
    await vi.advanceTimersByTimeAsync(0);
    server.connections[0]?.fail();
    await vi.advanceTimersByTimeAsync(0);
    stream.subscribe('task:b', recorder().handler);
    await vi.advanceTimersByTimeAsync(999);
    expect(server.connections).toHaveLength(1);
    await vi.advanceTimersByTimeAsync(1);
    expect(server.connections).toHaveLength(2);
    expect(server.connections[1]?.url.searchParams.getAll('topic')).toEqual(['task:a', 'task:b']);
    server.connections[1]?.fail();
    await vi.advanceTimersByTimeAsync(0);
    stream.reconnectNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(server.connections).toHaveLength(3);
    server.connections[2]?.fail();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ attempt: 1 });
    // The timer of the attempt "reconnect now" replaced never fires a second connection.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(server.connections).toHaveLength(4);
  });

  it('a refused account stops: 401 ends the session, 403 says so, and neither a new topic nor time reconnects', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    for (const status of [401, 403] as const) {
      const server = scriptedServer();
      const { connection: stream } = connection(server);
      stream.subscribe('task:a', recorder().handler);
      await vi.advanceTimersByTimeAsync(0);
      server.connections[0]?.answer(status);
      await vi.advanceTimersByTimeAsync(0);
      expect(stream.status).toEqual({
        state: 'off',
        reason: status === 401 ? 'Your session has ended.' : 'The server does not allow this account to receive live updates (HTTP 403).',
      });
      // Only a 401 ends the session; a 403 is this account's, not the session's.
      expect(unauthorized).toHaveBeenCalledTimes(1);
      stream.subscribe('task:b', recorder().handler);
      await vi.advanceTimersByTimeAsync(60_000);
      expect(server.connections).toHaveLength(1);
    }
  });

  it('a connection replaced while its answer was on the way changes nothing when the answer comes', async () => {
    const server = scriptedServer();
    const { connection: stream, statuses } = connection(server);
    const topic = recorder();
    stream.subscribe('task:a', topic.handler);
    await settle();
    stream.reconnectNow();
    await settle();
    expect(server.connections[0]?.signal.aborted).toBe(true);
    server.connections[1]?.open();
    await settle();
    server.connections[1]?.send(progress('a', 1));
    await vi.waitFor(() => expect(topic.seqs()).toEqual([1]));
    expect(statuses.map((status) => status.state)).toEqual(['connecting', 'connecting', 'open']);
  });

  it('a topic whose numbering restarted goes to an owner without a re-read as the event itself', async () => {
    const topic = recorder();
    const open = await openOnTaskA([topic.handler], 7);
    open.send(progress('a', 2));
    open.send(progress('a', 3));
    open.send(progress('a', 3));
    await vi.waitFor(() => expect(topic.seqs()).toEqual([2, 3]));
  });

  it('events of a topic followed without a cursor all arrive, in order', async () => {
    const topic = recorder();
    const open = await openOnTaskA([topic.handler]);
    open.send(progress('a', 1) + progress('a', 2) + progress('a', 3));
    await vi.waitFor(() => expect(topic.seqs()).toEqual([1, 2, 3]));
  });

  it('a restart goes to the owner once; an unreadable restarted event reaches no one, and neither it nor a duplicate counts as delivered', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    const plain = recorder();
    const resets: number[] = [];
    stream.subscribe('task:a', plain.handler, 7);
    stream.subscribe('task:a', { onMessage: () => undefined, onReset: () => resets.push(1) });
    await vi.advanceTimersByTimeAsync(0);
    server.connections[0]?.answer(502);
    await vi.advanceTimersByTimeAsync(1_000);
    // Restarted at 2, but unreadable: the owner with a re-read re-reads, the other gets nothing.
    server.connections[1]?.open();
    await vi.advanceTimersByTimeAsync(0);
    server.connections[1]?.send('id: task:a@2\nevent: progress\ndata: {not json\n\n');
    await vi.advanceTimersByTimeAsync(0);
    expect(resets).toEqual([1]);
    expect(plain.seqs()).toEqual([]);
    // A restart is news, so the backoff starts anew after it.
    server.connections[1]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ state: 'reconnecting', attempt: 1 });
    await vi.advanceTimersByTimeAsync(1_000);
    server.connections[2]?.answer(502);
    await vi.advanceTimersByTimeAsync(2_000);
    // One unreadable event, then a duplicate of it: nothing delivered, the backoff goes on.
    server.connections[3]?.open();
    await vi.advanceTimersByTimeAsync(0);
    server.connections[3]?.send('id: task:a@3\nevent: progress\ndata: {not json\n\n');
    server.connections[3]?.send(progress('a', 3));
    server.connections[3]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ state: 'reconnecting', attempt: 3 });
    expect(plain.seqs()).toEqual([]);
    expect(resets).toEqual([1]);
  });

  it('the backoff measures how long a connection lived from when it opened, whatever the clock reads', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    clock = 1_000_000;
    const { server, stream } = await openAfterOneFailure();
    clock += LIVE_HEARTBEAT_MS - 1;
    server.connections[1]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ state: 'reconnecting', attempt: 2 });
  });

  it('with no silence given, three heartbeats without a byte count as stalled', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    stream.subscribe('task:a', recorder().handler);
    await vi.advanceTimersByTimeAsync(0);
    server.connections[0]?.open();
    await vi.advanceTimersByTimeAsync(3 * LIVE_HEARTBEAT_MS - 1);
    expect(server.connections[0]?.signal.aborted).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(stream.status).toMatchObject({ state: 'reconnecting', reason: `No data from the server for ${(3 * LIVE_HEARTBEAT_MS) / 1000} s.` });
  });

  it('an answer without a stream is a failed attempt, named with its status', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    stream.subscribe('task:a', recorder().handler);
    await vi.advanceTimersByTimeAsync(0);
    server.connections[0]?.answer(200);
    await vi.advanceTimersByTimeAsync(0);
    expect(stream.status).toMatchObject({ state: 'reconnecting', attempt: 1, reason: 'The live stream failed (HTTP 200).' });
  });

  it('a topic left while the connection was on its way is not carried when it opens; the others are', async () => {
    const server = scriptedServer();
    const { connection: stream } = connection(server);
    const kept = recorder();
    const leave = stream.subscribe('task:a', recorder().handler);
    stream.subscribe('task:b', kept.handler);
    await settle();
    leave();
    server.connections[0]?.open();
    await settle();
    expect(stream.status).toEqual({ state: 'open' });
    server.connections[0]?.send(progress('b', 1));
    await vi.waitFor(() => expect(kept.seqs()).toEqual([1]));
  });

  it('a topic followed and left in the same task never connects', async () => {
    const server = scriptedServer();
    const { connection: stream, statuses } = connection(server);
    stream.subscribe('task:a', recorder().handler)();
    await settle();
    expect(server.connections).toHaveLength(0);
    expect(statuses.map((status) => status.state)).toEqual(['idle', 'idle']);
  });

  it('closing while waiting to reconnect leaves no timer behind, and nothing happens when the wait would have ended', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { server, stream } = await openAfterOneFailure();
    expect(vi.getTimerCount()).toBe(1);
    server.connections[1]?.end();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    const before = stream.status;
    stream.close();
    expect(vi.getTimerCount()).toBe(0);
    await vi.advanceTimersByTimeAsync(60_000);
    expect(server.connections).toHaveLength(2);
    expect(stream.status).toEqual({ state: 'idle' });
    expect(before).toMatchObject({ state: 'reconnecting' });
  });

  it('closing an open connection stops its watchdog', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { stream } = await openAfterOneFailure();
    expect(vi.getTimerCount()).toBe(1);
    stream.close();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
  });

  it('"reconnect now" while open replaces the watchdog and the wait: one of each at most, never two', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { server, stream } = await openAfterOneFailure();
    stream.reconnectNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    server.connections[2]?.fail();
    await vi.advanceTimersByTimeAsync(0);
    stream.reconnectNow();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(0);
    server.connections[3]?.open();
    await vi.advanceTimersByTimeAsync(0);
    expect(vi.getTimerCount()).toBe(1);
    // The replaced attempt's wait (1 s) has long passed: no second connection from it.
    await vi.advanceTimersByTimeAsync(5_000);
    expect(server.connections).toHaveLength(4);
  });

  it('leaving the last topic and following one again in the same task makes one new connection, and the old one ends quietly', async () => {
    const server = scriptedServer();
    const { connection: stream, statuses } = connection(server);
    const leave = stream.subscribe('task:a', recorder().handler);
    await settle();
    server.connections[0]?.open();
    await settle();
    leave();
    const again = recorder();
    stream.subscribe('task:a', again.handler);
    await settle();
    expect(server.connections).toHaveLength(2);
    expect(statuses.map((status) => status.state)).toEqual(['connecting', 'open', 'idle', 'connecting']);
    server.connections[1]?.open();
    await settle();
    server.connections[1]?.send(progress('a', 1));
    await vi.waitFor(() => expect(again.seqs()).toEqual([1]));
    expect(stream.status).toEqual({ state: 'open' });
  });

  it('an answer that lands as its connection is replaced is not acted on', async () => {
    const server = scriptedServer();
    const { connection: stream, statuses } = connection(server);
    stream.subscribe('task:a', recorder().handler);
    await settle();
    server.connections[0]?.open();
    stream.reconnectNow();
    await settle();
    expect(statuses.map((status) => status.state)).toEqual(['connecting', 'connecting']);
  });

  it('events after the one whose handler replaced the connection are left to the new connection, and a stream ended as it is replaced schedules nothing', async () => {
    const server = scriptedServer();
    const { connection: stream, statuses } = connection(server);
    const seen: number[] = [];
    stream.subscribe('task:a', {
      onMessage: (event) => {
        seen.push(event.seq);
        if (event.seq === 1) stream.reconnectNow();
      },
    });
    await settle();
    server.connections[0]?.open();
    await settle();
    server.connections[0]?.send(progress('a', 1) + progress('a', 2));
    await vi.waitFor(() => expect(server.connections).toHaveLength(2));
    await settle();
    expect(seen).toEqual([1]);
    expect(server.connections[1]?.url.searchParams.getAll('topic')).toEqual(['task:a@1']);
    server.connections[1]?.open();
    await settle();
    server.connections[1]?.end();
    stream.reconnectNow();
    await settle();
    expect(server.connections).toHaveLength(3);
    expect(statuses.map((status) => status.state)).toEqual(['connecting', 'open', 'connecting', 'open', 'connecting']);
  });

  it('events without an id are warned once per kind, an empty kind being a "message"', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const open = await openOnTaskA([recorder().handler]);
    open.send('event: progress\ndata: {}\n\nevent: approval\ndata: {}\n\nevent:\ndata: {}\n\ndata: {}\n\n');
    await vi.waitFor(() => expect(warn).toHaveBeenCalledTimes(3));
    expect(warn.mock.calls.map(([line]) => String(line))).toEqual([
      '[live] skipped an event without a "topic@seq" id (event progress)',
      '[live] skipped an event without a "topic@seq" id (event approval)',
      '[live] skipped an event without a "topic@seq" id (event message)',
    ]);
  });

  it('a subscriber that throws is logged as such, and the others still hear the event', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const failure = new Error('widget bug');
    const other = recorder();
    const open = await openOnTaskA([
      {
        onMessage: () => {
          throw failure;
        },
      },
      other.handler,
    ]);
    open.send(progress('a', 1));
    await vi.waitFor(() => expect(other.seqs()).toEqual([1]));
    expect(errors.mock.calls).toEqual([['[live] a subscriber failed on an event:', failure]]);
  });
});
