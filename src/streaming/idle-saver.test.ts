import { describe, expect, it, vi } from 'vitest';
import { createIdleSaver, type IdleScheduler } from './idle-saver';

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
});
