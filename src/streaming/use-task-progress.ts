import { useCallback, useEffect, useRef, useState } from 'react';
import { z } from 'zod';
import { taskTopic, type ProgressEvent, type Task } from '../api/contract';
import { api } from '../api/endpoints';
import { overlayById } from '../api/overlay';
import { useStore } from '../storage/StorageProvider';
import { createFrameBatcher } from './frame-batcher';
import { createIdleSaver, type IdleSaver } from './idle-saver';
import { useLiveConnection } from './LiveProvider';
import { warnOnce } from '../api/warn-once';

const cursorSchema = z.number().int().nonnegative();

function applyProgressEvent(task: Task, event: ProgressEvent): Task {
  if (event.type === 'completed') return { ...task, status: 'completed', progress: 100 };
  if (event.type === 'error') return { ...task, status: 'error', error: event.message };
  return { ...task, status: 'active', progress: event.progress };
}

/** Keyed by server ids in a Map: an id like `__proto__` or `constructor` is an id like any other. */
interface Overrides {
  base: Task[] | undefined;
  tasks: ReadonlyMap<string, Task>;
}

/**
 * The live tasks: the loaded list moved by each running task's topic on the tab's one live
 * connection, rendered at most once per frame. Each task's latest cursor is saved when the browser
 * is idle (and when the page is hidden), never inside a frame, so a reload resumes each task where
 * it was at no cost to rendering. A topic whose numbering restarted re-reads its task.
 */
export function useTaskProgress(initial: Task[] | undefined) {
  const store = useStore();
  const live = useLiveConnection();
  // Live state on top of the loaded list, by task id; a reloaded list is fresher and starts clean.
  const [overrides, setOverrides] = useState<Overrides>({ base: initial, tasks: new Map() });
  const current = overrides.base === initial ? overrides.tasks : undefined;
  const tasks = overlayById(initial ?? [], current);
  const initialRef = useRef(initial);
  const tasksRef = useRef(tasks);
  useEffect(() => {
    initialRef.current = initial;
    tasksRef.current = tasks;
  });
  const subscriptions = useRef(new Map<string, () => void>());
  /** Live events received per task: a re-read answer older than the newest event must not win. */
  const eventsSeen = useRef(new Map<string, number>());

  /** Replaces the live state of the tasks `update` returns, on a copy. */
  const setTasks = useCallback((update: (tasks: ReadonlyMap<string, Task>) => Task[]) => {
    setOverrides((state) => {
      const tasks = new Map(state.base === initialRef.current ? state.tasks : undefined);
      for (const task of update(tasks)) tasks.set(task.id, task);
      return { base: initialRef.current, tasks };
    });
  }, []);

  const cursors = useRef<IdleSaver<number> | undefined>(undefined);
  useEffect(() => {
    const saver = createIdleSaver<number>((taskId, seq) => void store.save('stream-cursor', taskId, seq));
    cursors.current = saver;
    return () => saver.dispose();
  }, [store]);

  const batcher = useRef(
    createFrameBatcher<ProgressEvent>((events) => {
      setTasks((previous) => {
        const next = new Map<string, Task>();
        for (const event of events) {
          const task = next.get(event.taskId) ?? previous.get(event.taskId) ?? tasksRef.current.find((candidate) => candidate.id === event.taskId);
          if (task) next.set(event.taskId, applyProgressEvent(task, event));
        }
        return [...next.values()];
      });
      for (const event of events) cursors.current?.set(event.taskId, event.seq);
    }),
  );

  const unfollow = useCallback((taskId: string) => {
    subscriptions.current.get(taskId)?.();
    subscriptions.current.delete(taskId);
  }, []);

  const reread = useCallback(
    (taskId: string) => {
      // The event that revealed the restart is not applied (the answer includes it); any event
      // that arrives after this moment may be newer than the answer, which then does not win.
      const asked = eventsSeen.current.get(taskId) ?? 0;
      api.task(taskId).then(
        (task) => {
          if ((eventsSeen.current.get(taskId) ?? 0) > asked) return;
          setTasks(() => [task]);
          if (task.status !== 'active') unfollow(taskId);
        },
        (error: unknown) => console.warn(`[progress ${taskId}] could not re-read the task after the server restarted its events:`, error),
      );
    },
    [setTasks, unfollow],
  );

  /** Follows these tasks on the live connection, each from its saved cursor, in one reconnection. */
  const follow = useCallback(
    (taskIds: string[]) => {
      const fresh = taskIds.filter((taskId) => !subscriptions.current.has(taskId));
      const pending = () => undefined;
      for (const taskId of fresh) subscriptions.current.set(taskId, pending);
      void Promise.all(fresh.map((taskId) => store.load('stream-cursor', taskId))).then((cursors) => {
        fresh.forEach((taskId, index) => {
          if (subscriptions.current.get(taskId) !== pending) return;
          const cursor = cursorSchema.safeParse(cursors[index]);
          const unsubscribe = live.subscribe(
            taskTopic(taskId),
            {
              onMessage: (message) => {
                eventsSeen.current.set(taskId, (eventsSeen.current.get(taskId) ?? 0) + 1);
                const event = message.kind === 'progress' && message.payload.taskId === taskId ? message.payload : undefined;
                if (!event) {
                  warnOnce(
                    `progress:other:${taskId}:${message.kind}`,
                    `[progress ${taskId}] skipped a "${message.kind}" event on this task's topic that is not its progress`,
                  );
                  return;
                }
                batcher.current.push(event);
                if (event.type !== 'progress') unfollow(taskId);
              },
              onReset: () => reread(taskId),
            },
            cursor.success ? cursor.data : undefined,
          );
          subscriptions.current.set(taskId, unsubscribe);
        });
      });
    },
    [store, live, unfollow, reread],
  );

  useEffect(() => {
    const running = subscriptions.current;
    const pending = batcher.current;
    return () => {
      for (const unsubscribe of running.values()) unsubscribe();
      running.clear();
      pending.cancel();
    };
  }, []);

  const markStarted = useCallback(
    (task: Task) => {
      setTasks(() => [task]);
    },
    [setTasks],
  );

  return { tasks, follow, markStarted };
}
