import { afterEach, describe, expect, it, vi } from 'vitest';
import { browserIdle, createIdleSaver, type IdleScheduler } from './idle-saver';

function manualIdle() {
  const queued: (() => void)[] = [];
  const schedule: IdleScheduler = (work) => {
    queued.push(work);
    return () => queued.splice(queued.indexOf(work), 1);
  };
  return {
    schedule,
    runIdle: () => {
      for (const work of queued.splice(0)) work();
    },
    queued,
  };
}

describe('saving stream cursors when the browser is idle', () => {
  it('saves nothing at once, then the latest value of each key, once, when idle', () => {
    const save = vi.fn();
    const idle = manualIdle();
    const saver = createIdleSaver<number>(save, { schedule: idle.schedule });
    saver.set('task-1', 1);
    saver.set('task-2', 7);
    saver.set('task-1', 2);
    expect(save).not.toHaveBeenCalled();
    expect(idle.queued).toHaveLength(1);
    idle.runIdle();
    expect(save.mock.calls).toEqual([
      ['task-1', 2],
      ['task-2', 7],
    ]);
    saver.set('task-1', 3);
    idle.runIdle();
    expect(save).toHaveBeenLastCalledWith('task-1', 3);
    expect(save).toHaveBeenCalledTimes(3);
    saver.dispose();
  });

  it('saves what is pending when the page is hidden or left, and on dispose', () => {
    const save = vi.fn();
    const idle = manualIdle();
    const saver = createIdleSaver<number>(save, { schedule: idle.schedule });
    saver.set('task-1', 5);
    window.dispatchEvent(new Event('pagehide'));
    expect(save.mock.calls).toEqual([['task-1', 5]]);
    expect(idle.queued).toHaveLength(0);
    saver.set('task-1', 6);
    saver.dispose();
    expect(save).toHaveBeenLastCalledWith('task-1', 6);
    window.dispatchEvent(new Event('pagehide'));
    expect(save).toHaveBeenCalledTimes(2);
  });

  it('saves what is pending when the page becomes hidden, not when it becomes visible', () => {
    const save = vi.fn();
    const idle = manualIdle();
    const saver = createIdleSaver<number>(save, { schedule: idle.schedule });
    const visibility = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('visible');
    try {
      saver.set('task-1', 1);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(save).not.toHaveBeenCalled();
      visibility.mockReturnValue('hidden');
      document.dispatchEvent(new Event('visibilitychange'));
      expect(save.mock.calls).toEqual([['task-1', 1]]);
      // Nothing pending: hiding again saves nothing.
      document.dispatchEvent(new Event('visibilitychange'));
      expect(save).toHaveBeenCalledTimes(1);
      saver.dispose();
      saver.set('task-1', 2);
      document.dispatchEvent(new Event('visibilitychange'));
      expect(save).toHaveBeenCalledTimes(1);
    } finally {
      visibility.mockRestore();
    }
  });
});

describe("the browser's idle time", () => {
  afterEach(() => vi.unstubAllGlobals());

  it('asks requestIdleCallback with the timeout, and cancels through it', () => {
    const request = vi.fn(() => 7);
    const cancel = vi.fn();
    vi.stubGlobal('requestIdleCallback', request);
    vi.stubGlobal('cancelIdleCallback', cancel);
    const work = vi.fn();
    const stop = browserIdle(work, 1_000);
    expect(request).toHaveBeenCalledWith(work, { timeout: 1_000 });
    stop();
    expect(cancel).toHaveBeenCalledWith(7);
  });

  it('where there is none, runs the work after the timeout or 200 ms, whichever is sooner, unless cancelled', () => {
    vi.useFakeTimers();
    try {
      vi.stubGlobal('requestIdleCallback', undefined);
      const soon = vi.fn();
      browserIdle(soon, 1_000);
      vi.advanceTimersByTime(199);
      expect(soon).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(soon).toHaveBeenCalledOnce();
      const short = vi.fn();
      browserIdle(short, 50);
      vi.advanceTimersByTime(50);
      expect(short).toHaveBeenCalledOnce();
      const cancelled = vi.fn();
      browserIdle(cancelled, 50)();
      vi.advanceTimersByTime(500);
      expect(cancelled).not.toHaveBeenCalled();
    } finally {
      vi.useRealTimers();
    }
  });
});
