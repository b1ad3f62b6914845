import fc from 'fast-check';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useScenario } from '../../fixtures/adapters/node';
import { configureAuth } from '../api/client';
import { APPROVALS_TOPIC, taskTopic } from '../api/contract';
import { MAX_RETRY_MS, reconnectDelay } from './backoff';
import type { LiveEvent } from '../api/contract';
import { LiveConnection, type LiveStatus, type TopicHandler } from './live-connection';
import { resetWarnings } from '../api/warn-once';

configureAuth(
  () => 'mock.riley',
  () => undefined,
);

/** A live connection whose every message, reset, resume and status a test can read. */
function follow(topics: Record<string, number | undefined>, options: ConstructorParameters<typeof LiveConnection>[0] = {}) {
  const live = new LiveConnection({ random: () => 1, ...options });
  const messages: LiveEvent[] = [];
  const resets: string[] = [];
  const resumes: string[] = [];
  const statuses: LiveStatus[] = [];
  live.onStatus((status) => statuses.push(status));
  for (const [topic, cursor] of Object.entries(topics)) {
    const handler: TopicHandler = { onMessage: (message) => messages.push(message), onReset: () => resets.push(topic), onResume: () => resumes.push(topic) };
    live.subscribe(topic, handler, cursor);
  }
  return {
    live,
    messages,
    resets,
    resumes,
    statuses,
    seqs: (topic: string) => messages.filter((message) => message.topic === topic).map((message) => message.seq),
  };
}

/** A server that sends `seqs` on `task:<taskId>` once, then ends the stream. */
function eventsResponse(taskId: string, seqs: number[]): typeof fetch {
  const body = seqs
    .map((seq) => `id: task:${taskId}@${seq}\nevent: progress\ndata: ${JSON.stringify({ type: 'progress', taskId, seq, progress: 10 })}\n\n`)
    .join('');
  return () => Promise.resolve(new Response(body, { status: 200, headers: { 'content-type': 'text/event-stream' } }));
}

let open: LiveConnection[] = [];
function track<T extends { live: LiveConnection }>(stream: T): T {
  open.push(stream.live);
  return stream;
}
afterEach(() => {
  for (const live of open) live.close();
  open = [];
  vi.useRealTimers();
  resetWarnings();
});

describe('the one live connection (msw/node, driven step by step)', () => {
  it('carries every topic on one connection and resumes each from its own cursor after a drop', async () => {
    const { backend } = useScenario('happy');
    const hub = backend.live;
    backend.progress.emit('task-002', { progress: 10 });
    backend.progress.emit('task-002', { progress: 20 });
    const stream = track(follow({ [taskTopic('task-002')]: 1, [taskTopic('task-001')]: undefined, [APPROVALS_TOPIC]: undefined }, { random: () => 0 }));
    await vi.waitFor(() => expect(hub.stats()).toMatchObject({ open: 1, opened: 1, topicsPerConnection: [3] }));
    // Only what followed cursor 1 was replayed.
    await vi.waitFor(() => expect(stream.seqs(taskTopic('task-002'))).toEqual([2]));
    backend.progress.emit('task-001', { progress: 5 });
    await vi.waitFor(() => expect(stream.seqs(taskTopic('task-001'))).toEqual([1]));
    hub.retryMs = 0;
    hub.drop();
    backend.progress.emit('task-002', { progress: 30 });
    backend.progress.emit('task-001', { progress: 15 });
    await vi.waitFor(() => expect(hub.stats()).toMatchObject({ open: 1, opened: 2 }));
    expect(hub.connections(taskTopic('task-002')).resumedFrom).toEqual(['1', '2']);
    expect(hub.connections(taskTopic('task-001')).resumedFrom).toEqual([null, '1']);
    await vi.waitFor(() => expect(stream.seqs(taskTopic('task-001'))).toEqual([1, 2]));
    expect(stream.seqs(taskTopic('task-002'))).toEqual([2, 3]);
    expect(stream.resumes.sort()).toEqual([APPROVALS_TOPIC, taskTopic('task-001'), taskTopic('task-002')].sort());
  });

  it('subscriptions made together share one reconnection', async () => {
    const { backend } = useScenario('happy');
    const stream = track(follow(Object.fromEntries(Array.from({ length: 20 }, (_, index) => [taskTopic(`task-${index}`), undefined]))));
    await vi.waitFor(() => expect(stream.statuses.at(-1)).toEqual({ state: 'open' }));
    expect(backend.live.stats()).toMatchObject({ open: 1, opened: 1, topicsPerConnection: [20] });
  });

  it('caps a huge retry: from the server and backs off with jitter between attempts', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
    const { backend } = useScenario('happy');
    backend.live.retryMs = 3_600_000;
    const stream = track(follow({ [taskTopic('task-002')]: undefined }));
    let lostAt = 0;
    stream.live.onStatus((status) => {
      if (status.state === 'reconnecting') lostAt = Date.now();
    });
    await vi.waitFor(() => expect(stream.statuses.at(-1)).toEqual({ state: 'open' }));
    backend.live.drop();
    await vi.waitFor(() => expect(stream.statuses.at(-1)).toMatchObject({ state: 'reconnecting', attempt: 1 }));
    const waiting = stream.statuses.at(-1) as Extract<LiveStatus, { state: 'reconnecting' }>;
    expect(waiting.retryAt - lostAt).toBe(MAX_RETRY_MS);
    await vi.advanceTimersByTimeAsync(waiting.retryAt - Date.now() - 1);
    expect(backend.live.stats().opened).toBe(1);
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(backend.live.stats()).toMatchObject({ opened: 2, open: 1 }));
  });

  it('reconnects a connection that went silent, and a heartbeat keeps a quiet one alive', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { backend } = useScenario('happy');
    backend.live.retryMs = 0;
    const stream = track(follow({ [taskTopic('task-002')]: undefined }, { silenceMs: 10_000 }));
    await vi.waitFor(() => expect(stream.statuses.at(-1)).toEqual({ state: 'open' }));
    await vi.advanceTimersByTimeAsync(9_000);
    backend.live.heartbeat();
    await vi.advanceTimersByTimeAsync(9_000);
    expect(backend.live.stats().opened).toBe(1);
    await vi.advanceTimersByTimeAsync(1_000);
    await vi.waitFor(() =>
      expect(stream.statuses).toContainEqual(expect.objectContaining({ state: 'reconnecting', reason: 'No data from the server for 10 s.' })),
    );
    await vi.advanceTimersByTimeAsync(1);
    await vi.waitFor(() => expect(backend.live.stats()).toMatchObject({ opened: 2, open: 1 }));
  });

  it('comes back after the server ends the stream without a final event', async () => {
    const { backend } = useScenario('happy');
    backend.live.retryMs = 0;
    const stream = track(follow({ [taskTopic('task-002')]: undefined }));
    await vi.waitFor(() => expect(backend.live.stats().open).toBe(1));
    backend.live.close();
    await vi.waitFor(() => expect(backend.live.stats()).toMatchObject({ opened: 2, open: 1 }));
    expect(stream.statuses).toContainEqual(expect.objectContaining({ state: 'reconnecting', reason: 'The live stream was closed by the server.' }));
  });

  it('"reconnect now" does not wait for the backoff', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    const { backend } = useScenario('happy');
    backend.live.retryMs = 20_000;
    const stream = track(follow({ [taskTopic('task-002')]: undefined }));
    await vi.waitFor(() => expect(backend.live.stats().open).toBe(1));
    backend.live.drop();
    await vi.waitFor(() => expect(stream.statuses.at(-1)).toMatchObject({ state: 'reconnecting' }));
    stream.live.reconnectNow();
    await vi.waitFor(() => expect(backend.live.stats()).toMatchObject({ opened: 2, open: 1 }));
    expect(stream.statuses.at(-1)).toEqual({ state: 'open' });
  });

  it('tells a restarted sequence from a duplicate: the owner re-reads, later events still arrive', async () => {
    const { backend } = useScenario('happy');
    backend.live.retryMs = 0;
    for (const progress of [10, 20, 30]) backend.progress.emit('task-002', { progress });
    const stream = track(follow({ [taskTopic('task-002')]: undefined }));
    await vi.waitFor(() => expect(stream.seqs(taskTopic('task-002'))).toEqual([1, 2, 3]));
    backend.live.restartSequence(taskTopic('task-002'));
    backend.live.drop();
    await vi.waitFor(() => expect(backend.live.stats()).toMatchObject({ opened: 2, open: 1 }));
    backend.progress.emit('task-002', { progress: 100 });
    await vi.waitFor(() => expect(stream.resets).toEqual([taskTopic('task-002')]));
    backend.progress.emit('task-002', { completed: true });
    // The event that revealed the restart goes to the owner's re-read, not onMessage.
    await vi.waitFor(() => expect(stream.seqs(taskTopic('task-002'))).toEqual([1, 2, 3, 2]));
  });

  it('a stale event (1, 2, 4, 3, 5) is never applied: the owner re-reads instead, and 5 still arrives', async () => {
    const stream = track(follow({ [taskTopic('t')]: undefined }, { fetch: eventsResponse('t', [1, 2, 4, 3, 5]) }));
    await vi.waitFor(() => expect(stream.seqs(taskTopic('t'))).toEqual([1, 2, 4, 5]));
    expect(stream.resets).toEqual([taskTopic('t')]);
  });

  it('whatever order the server numbers a topic in, no delivered event is older than what came before it without a re-read between', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 8 }), { minLength: 1, maxLength: 12 }), async (seqs) => {
        const live = new LiveConnection({ random: () => 1, fetch: eventsResponse('t', seqs) });
        const seen: { kind: 'message' | 'reset'; seq?: number }[] = [];
        let ended = false;
        live.onStatus((status) => {
          if (status.state === 'reconnecting') ended = true;
        });
        live.subscribe(taskTopic('t'), {
          onMessage: (message) => seen.push({ kind: 'message', seq: message.seq }),
          onReset: () => seen.push({ kind: 'reset' }),
        });
        await vi.waitFor(() => expect(ended).toBe(true));
        live.close();
        let floor = 0;
        for (const entry of seen) {
          if (entry.kind === 'reset') floor = 0;
          else {
            expect(entry.seq).toBeGreaterThan(floor);
            floor = entry.seq ?? 0;
          }
        }
        // Only a repeat of the event just before it is dropped; every other one is applied or re-read.
        expect(seen).toHaveLength(seqs.filter((seq, index) => index === 0 || seq !== seqs[index - 1]).length);
      }),
      { numRuns: 60 },
    );
  });

  it('a 204 answer stops the stream with a notice instead of retrying forever', async () => {
    let calls = 0;
    const fetch204: typeof fetch = () => {
      calls += 1;
      return Promise.resolve(new Response(null, { status: 204 }));
    };
    const stream = track(follow({ [taskTopic('t')]: undefined }, { fetch: fetch204 }));
    await vi.waitFor(() => expect(stream.statuses.at(-1)).toEqual({ state: 'off', reason: 'The server asked this console to stop live updates (HTTP 204).' }));
    expect(calls).toBe(1);
  });

  it('drops a duplicate the server sends twice without calling it a restart', async () => {
    const { backend } = useScenario('happy');
    const stream = track(follow({ [taskTopic('task-002')]: undefined }));
    await vi.waitFor(() => expect(backend.live.stats().open).toBe(1));
    backend.progress.emit('task-002', { progress: 10 });
    const duplicate = 'id: task:task-002@1\nevent: progress\ndata: {"type":"progress","taskId":"task-002","seq":1,"progress":10}\n\n';
    backend.live.sendRaw(duplicate);
    backend.progress.emit('task-002', { progress: 20 });
    await vi.waitFor(() => expect(stream.seqs(taskTopic('task-002'))).toEqual([1, 2]));
    expect(stream.resets).toEqual([]);
  });

  it('stops on 401 and 403 and says why, instead of retrying forever', async () => {
    const unauthorized = vi.fn();
    configureAuth(() => 'mock.riley', unauthorized);
    try {
      for (const [status, reason] of [
        [401, 'Your session has ended.'],
        [403, 'The server does not allow this account to receive live updates (HTTP 403).'],
      ] as const) {
        const { backend } = useScenario('happy');
        backend.live.failNext(status, 5);
        const stream = track(follow({ [taskTopic('task-002')]: undefined }));
        await vi.waitFor(() => expect(stream.statuses.at(-1)).toEqual({ state: 'off', reason }));
        expect(backend.live.stats().opened).toBe(1);
      }
      expect(unauthorized).toHaveBeenCalledOnce();
    } finally {
      configureAuth(
        () => 'mock.riley',
        () => undefined,
      );
    }
  });

  it('one subscriber that throws does not stop the others, and an event without an id is skipped once', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { backend } = useScenario('happy');
    const live = new LiveConnection();
    open.push(live);
    const seen: number[] = [];
    live.subscribe(taskTopic('task-002'), {
      onMessage: () => {
        throw new Error('widget bug');
      },
    });
    live.subscribe(taskTopic('task-002'), { onMessage: (message) => seen.push(message.seq) });
    await vi.waitFor(() => expect(backend.live.stats().open).toBe(1));
    backend.live.sendRaw('data: {"no":"id"}\n\ndata: {"no":"id"}\n\n');
    backend.progress.emit('task-002', { progress: 10 });
    backend.progress.emit('task-002', { progress: 20 });
    await vi.waitFor(() => expect(seen).toEqual([1, 2]));
    expect(errors).toHaveBeenCalledTimes(2);
    expect(warn).toHaveBeenCalledOnce();
  });
});

describe('the backoff between attempts', () => {
  it("doubles from the server's retry: up to the cap, with jitter in the upper half", () => {
    expect([1, 2, 3, 4].map((attempt) => reconnectDelay(attempt, 1_000, () => 1))).toEqual([1_000, 2_000, 4_000, 8_000]);
    expect(reconnectDelay(1, 1_000, () => 0)).toBe(500);
    expect(reconnectDelay(10, 1_000, () => 1)).toBe(MAX_RETRY_MS);
    expect(reconnectDelay(1, 3_600_000, () => 1)).toBe(MAX_RETRY_MS);
    expect(reconnectDelay(3, undefined, () => 0.5)).toBe(3_000);
  });
});
