import { afterEach, describe, expect, it, vi } from 'vitest';
import { createFrameBatcher } from './frame-batcher';

afterEach(() => vi.unstubAllGlobals());

/** Animation frames the test runs by hand. */
function manualFrames() {
  const frames = new Map<number, () => void>();
  let next = 1;
  vi.stubGlobal('requestAnimationFrame', (callback: () => void) => {
    frames.set(next, callback);
    return next++;
  });
  vi.stubGlobal('cancelAnimationFrame', (id: number) => frames.delete(id));
  return {
    frames,
    runFrame: () => {
      const due = [...frames.values()];
      frames.clear();
      for (const callback of due) callback();
    },
  };
}

describe('batching stream events into animation frames', () => {
  it('hands a burst over once, in order, at the next frame, and starts a new batch after it', () => {
    const { frames, runFrame } = manualFrames();
    const flush = vi.fn();
    const batcher = createFrameBatcher<number>(flush);
    batcher.push(1);
    batcher.push(2);
    batcher.push(3);
    expect(frames.size).toBe(1);
    expect(flush).not.toHaveBeenCalled();
    runFrame();
    expect(flush.mock.calls).toEqual([[[1, 2, 3]]]);
    batcher.push(4);
    expect(frames.size).toBe(1);
    runFrame();
    expect(flush.mock.calls).toEqual([[[1, 2, 3]], [[4]]]);
  });

  it('cancel drops what is pending and its frame; later items start afresh', () => {
    const { frames, runFrame } = manualFrames();
    const flush = vi.fn();
    const batcher = createFrameBatcher<string>(flush);
    batcher.push('dropped');
    batcher.cancel();
    expect(frames.size).toBe(0);
    runFrame();
    expect(flush).not.toHaveBeenCalled();
    batcher.push('kept');
    expect(frames.size).toBe(1);
    runFrame();
    expect(flush.mock.calls).toEqual([[['kept']]]);
    batcher.cancel();
    expect(frames.size).toBe(0);
  });

  it('without animation frames (a worker, a test runner), batches on a 16 ms timer', () => {
    vi.useFakeTimers();
    try {
      vi.stubGlobal('requestAnimationFrame', undefined);
      vi.stubGlobal('cancelAnimationFrame', undefined);
      const flush = vi.fn();
      const batcher = createFrameBatcher<number>(flush);
      batcher.push(1);
      batcher.push(2);
      vi.advanceTimersByTime(15);
      expect(flush).not.toHaveBeenCalled();
      vi.advanceTimersByTime(1);
      expect(flush.mock.calls).toEqual([[[1, 2]]]);
      batcher.push(3);
      batcher.cancel();
      vi.advanceTimersByTime(100);
      expect(flush).toHaveBeenCalledTimes(1);
    } finally {
      vi.useRealTimers();
    }
  });
});
