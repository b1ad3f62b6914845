import { describe, expect, it, vi } from 'vitest';
import { useScenario } from '../../fixtures/adapters/node';
import { configureAuth } from '../api/client';
import type { ProgressEvent } from '../api/contract';
import { followProgress, type StreamStatus } from './progress-stream';

configureAuth(() => 'mock.riley', () => undefined);

function follow(taskId: string, options: { maxAttempts?: number } = {}) {
  const events: ProgressEvent[] = [];
  const statuses: StreamStatus[] = [];
  const stop = followProgress(taskId, { onEvent: (event) => events.push(event), onStatus: (status) => statuses.push(status), initialRetryMs: 0, ...options });
  return { events, statuses, stop };
}

describe('following a task\'s progress stream (msw/node, driven step by step)', () => {
  it('resumes after a drop with Last-Event-ID: nothing lost, nothing repeated', async () => {
    const { backend } = useScenario('happy');
    const hub = backend.progress;
    const stream = follow('task-002');
    await vi.waitFor(() => expect(hub.connections('task-002').open).toBe(1));
    hub.emit('task-002', { progress: 50 });
    await vi.waitFor(() => expect(stream.events).toHaveLength(1));
    hub.drop('task-002');
    hub.emit('task-002', { progress: 60 });
    await vi.waitFor(() => expect(hub.connections('task-002')).toEqual({ open: 1, opened: 2, resumedFrom: [null, '1'] }));
    hub.emit('task-002', { completed: true });
    await vi.waitFor(() => expect(stream.statuses.at(-1)).toEqual({ state: 'ended' }));
    expect(stream.events.map((event) => event.seq)).toEqual([1, 2, 3]);
    expect(stream.statuses).toContainEqual({ state: 'reconnecting', attempt: 1 });
  });

  it('honours retry: from the server', async () => {
    const { backend } = useScenario('happy');
    const hub = backend.progress;
    hub.retryMs = 60_000;
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
    try {
      const stream = follow('task-002');
      await vi.waitFor(() => expect(hub.connections('task-002').open).toBe(1));
      hub.drop('task-002');
      await vi.waitFor(() => expect(stream.statuses.at(-1)).toEqual({ state: 'reconnecting', attempt: 1 }));
      await vi.advanceTimersByTimeAsync(59_000);
      expect(hub.connections('task-002').opened).toBe(1);
      await vi.advanceTimersByTimeAsync(1_000);
      await vi.waitFor(() => expect(hub.connections('task-002').opened).toBe(2));
      stream.stop();
    } finally {
      vi.useRealTimers();
    }
  });

  it('skips malformed and off-contract events with a warning and ignores comments', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const { backend } = useScenario('happy');
    const hub = backend.progress;
    const stream = follow('task-002');
    await vi.waitFor(() => expect(hub.connections('task-002').open).toBe(1));
    hub.sendRaw('task-002', ': heartbeat\n\ndata: {oops\n\ndata: {"type":"progress","taskId":"task-002","seq":9,"progress":900}\n\n');
    hub.emit('task-002', { progress: 70 });
    await vi.waitFor(() => expect(stream.events).toHaveLength(1));
    expect(stream.events[0]).toMatchObject({ progress: 70 });
    expect(warn).toHaveBeenCalledTimes(2);
    stream.stop();
  });

  it('gives up with a clear message after repeated server errors', async () => {
    const { backend } = useScenario('happy');
    backend.progress.failNext('task-002', 503, 3);
    const stream = follow('task-002', { maxAttempts: 3 });
    await vi.waitFor(() => expect(stream.statuses.at(-1)).toEqual({ state: 'failed', message: 'The progress stream failed (HTTP 503).' }));
  });
});
