import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent, Task } from '../api/contract';
import { createFrameBatcher } from './frame-batcher';
import { useStore } from '../storage/StorageProvider';
import { followProgress, type StreamStatus } from './progress-stream';

export function applyProgressEvent(task: Task, event: ProgressEvent): Task {
  if (event.type === 'completed') return { ...task, status: 'completed', progress: 100 };
  if (event.type === 'error') return { ...task, status: 'error', error: event.message };
  return { ...task, status: 'active', progress: event.progress };
}

/** The live tasks: the loaded list, moved by each running task's progress stream (one render per frame). */
export function useTaskProgress(initial: Task[] | undefined) {
  const store = useStore();
  // Live state on top of the loaded list, by task id.
  const [live, setLive] = useState<Record<string, Task>>({});
  const tasks = (initial ?? []).map((task) => live[task.id] ?? task);
  const tasksRef = useRef(tasks);
  useEffect(() => { tasksRef.current = tasks; });
  const [streams, setStreams] = useState<Record<string, StreamStatus>>({});
  const stops = useRef(new Map<string, () => void>());
  const batcher = useRef(createFrameBatcher<ProgressEvent>((events) => {
    setLive((current) => {
      const next = { ...current };
      for (const event of events) {
        const task = next[event.taskId] ?? tasksRef.current.find((candidate) => candidate.id === event.taskId);
        if (task) next[event.taskId] = applyProgressEvent(task, event);
      }
      return next;
    });
  }));

  const follow = useCallback((taskId: string, resume: boolean) => {
    stops.current.get(taskId)?.();
    let stopped = false;
    stops.current.set(taskId, () => { stopped = true; });
    // The cursor survives a reload, so the stream resumes instead of replaying from the start.
    void (resume ? store.load<number>('stream-cursor', taskId) : store.remove('stream-cursor', taskId).then(() => undefined)).then((lastSeq) => {
      if (stopped) return;
      const stop = followProgress(taskId, {
        ...(lastSeq === undefined ? {} : { lastSeq }),
        onEvent: (event) => {
          batcher.current.push(event);
          void store.save('stream-cursor', taskId, event.seq);
        },
        onStatus: (status) => setStreams((current) => ({ ...current, [taskId]: status })),
      });
      stops.current.set(taskId, stop);
    });
  }, [store]);

  useEffect(() => {
    const running = stops.current;
    const pending = batcher.current;
    return () => {
      for (const stop of running.values()) stop();
      pending.cancel();
    };
  }, []);

  const markStarted = useCallback((task: Task) => {
    setLive((current) => ({ ...current, [task.id]: task }));
  }, []);

  return { tasks, streams, follow, markStarted };
}

export function streamNotice(status: StreamStatus | undefined): string | undefined {
  if (!status) return undefined;
  if (status.state === 'reconnecting') return `Connection lost; reconnecting (attempt ${status.attempt})…`;
  if (status.state === 'failed') return `Live progress stopped: ${status.message}`;
  return undefined;
}
