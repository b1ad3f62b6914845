import { useCallback, useEffect, useRef, useState } from 'react';
import type { ProgressEvent, Task } from '../api/contract';
import { createFrameBatcher } from './frame-batcher';
import { followProgress, type StreamStatus } from './progress-stream';

export function applyProgressEvent(task: Task, event: ProgressEvent): Task {
  if (event.type === 'completed') return { ...task, status: 'completed', progress: 100 };
  if (event.type === 'error') return { ...task, status: 'error', error: event.message };
  return { ...task, status: 'active', progress: event.progress };
}

/** The live tasks: the loaded list, moved by each running task's progress stream (one render per frame). */
export function useTaskProgress(initial: Task[] | undefined) {
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

  const follow = useCallback((taskId: string) => {
    stops.current.get(taskId)?.();
    const stop = followProgress(taskId, {
      onEvent: (event) => batcher.current.push(event),
      onStatus: (status) => setStreams((current) => ({ ...current, [taskId]: status })),
    });
    stops.current.set(taskId, stop);
  }, []);

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
