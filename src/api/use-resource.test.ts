import { act, renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ApiError } from './errors';
import { useResource } from './use-resource';

/** A fetcher whose answers the test hands out one by one. */
function scriptedFetcher() {
  const calls: { resolve: (value: string) => void; reject: (error: Error) => void }[] = [];
  const fetcher = vi.fn(
    () =>
      new Promise<string>((resolve, reject) => {
        calls.push({ resolve, reject });
      }),
  );
  const answer = async (index: number, outcome: string | Error) => {
    await act(async () => {
      const call = calls[index];
      if (!call) throw new Error(`the fetcher was called ${calls.length} times, not ${index + 1}`);
      if (outcome instanceof Error) call.reject(outcome);
      else call.resolve(outcome);
    });
  };
  return { fetcher, answer };
}

function setVisibility(state: DocumentVisibilityState) {
  Object.defineProperty(document, 'visibilityState', { configurable: true, get: () => state });
}

describe('useResource live refresh', () => {
  afterEach(() => {
    vi.useRealTimers();
    setVisibility('visible');
  });

  it('refetches every refreshEveryMs and shows the newer data', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher, { refreshEveryMs: 30_000 }));
    await answer(0, 'first');
    expect(result.current).toMatchObject({ status: 'loaded', data: 'first' });

    act(() => {
      vi.advanceTimersByTime(29_999);
    });
    expect(fetcher).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);
    expect(result.current).toMatchObject({ status: 'refreshing', data: 'first' });
    await answer(1, 'second');
    expect(result.current).toMatchObject({ status: 'loaded', data: 'second' });
  });

  it('marks the last good data stale when a refresh fails and clears the mark on the next success', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher, { refreshEveryMs: 1_000 }));
    await answer(0, 'good');
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    await answer(1, new Error('The server failed (HTTP 503).'));
    expect(result.current).toMatchObject({ status: 'stale', data: 'good', error: 'The server failed (HTTP 503).' });
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    await answer(2, 'better');
    expect(result.current).toMatchObject({ status: 'loaded', data: 'better', error: undefined });
  });

  it('does not poll while the tab is hidden, and stops polling on unmount', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    const { unmount } = renderHook(() => useResource(fetcher, { refreshEveryMs: 1_000 }));
    await answer(0, 'data');
    setVisibility('hidden');
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(1);
    setVisibility('visible');
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);
    unmount();
    act(() => {
      vi.advanceTimersByTime(5_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);
  });

  it('without refreshEveryMs it loads once', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    renderHook(() => useResource(fetcher));
    await answer(0, 'data');
    act(() => {
      vi.advanceTimersByTime(600_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(1);
  });
});

describe('useResource and a busy server', () => {
  afterEach(() => vi.useRealTimers());

  it('says the server is busy, asks once more after the wait it named, and then waits for the user', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher));
    await answer(0, new ApiError('busy', 'The server is busy (HTTP 429).', 429, 3_000));
    expect(result.current).toMatchObject({ status: 'error', error: 'The server is busy (HTTP 429). Retrying in 3 s.' });
    act(() => {
      vi.advanceTimersByTime(2_999);
    });
    expect(fetcher).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);
    await answer(1, new ApiError('busy', 'The server is busy (HTTP 429).', 429, 3_000));
    expect(result.current).toMatchObject({ status: 'error', error: 'The server is busy (HTTP 429).' });
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);
    act(() => {
      result.current.reload();
    });
    await answer(2, 'at last');
    expect(result.current).toMatchObject({ status: 'loaded', data: 'at last' });
  });

  it('a busy server asking for more than a minute is not waited out automatically', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher));
    await answer(0, new ApiError('busy', 'The server is busy (HTTP 503).', 503, 3_600_000));
    expect(result.current.error).toBe('The server is busy (HTTP 503).');
    act(() => {
      vi.advanceTimersByTime(3_600_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(1);
  });
});

describe('useResource across queries, reloads and unmounts', () => {
  afterEach(() => vi.useRealTimers());

  it('starts loading with nothing to show', () => {
    const { fetcher } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher));
    expect(result.current).toMatchObject({ status: 'loading', data: undefined, error: undefined });
  });

  it('a new query loads from scratch, and the old query answering late changes nothing', async () => {
    const first = scriptedFetcher();
    const second = scriptedFetcher();
    const { result, rerender } = renderHook(({ fetcher }) => useResource(fetcher), { initialProps: { fetcher: first.fetcher } });
    await first.answer(0, 'first answer');
    act(() => result.current.reload());
    rerender({ fetcher: second.fetcher });
    expect(result.current).toMatchObject({ status: 'loading', data: undefined, error: undefined });
    await second.answer(0, 'second answer');
    await first.answer(1, 'late first answer');
    expect(result.current).toMatchObject({ status: 'loaded', data: 'second answer' });
    act(() => result.current.reload());
    rerender({ fetcher: first.fetcher });
    await first.answer(2, 'third answer');
    await second.answer(1, new Error('late failure'));
    expect(result.current).toMatchObject({ status: 'loaded', data: 'third answer', error: undefined });
  });

  it('a reload after an error loads afresh instead of showing the old error as refreshing', async () => {
    const { fetcher, answer } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher));
    await answer(0, new Error('The server failed (HTTP 500).'));
    expect(result.current).toMatchObject({ status: 'error', error: 'The server failed (HTTP 500).' });
    act(() => result.current.reload());
    expect(result.current).toMatchObject({ status: 'loading', data: undefined, error: undefined });
  });

  it('every reload asks again', async () => {
    const { fetcher, answer } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher));
    await answer(0, 'one');
    act(() => result.current.reload());
    await answer(1, 'two');
    act(() => result.current.reload());
    await answer(2, 'three');
    expect(fetcher).toHaveBeenCalledTimes(3);
    expect(result.current.data).toBe('three');
  });

  it('unmounting aborts the read under way and the busy retry it was waiting for', async () => {
    vi.useFakeTimers();
    const signals: AbortSignal[] = [];
    const { fetcher, answer } = scriptedFetcher();
    const watched = (signal: AbortSignal) => {
      signals.push(signal);
      return fetcher();
    };
    const { unmount } = renderHook(() => useResource(watched));
    await answer(0, new ApiError('busy', 'The server is busy (HTTP 429).', 429, 3_000));
    unmount();
    expect(signals[0]?.aborted).toBe(true);
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it('a new query drops the busy retry the old one was waiting for', async () => {
    vi.useFakeTimers();
    const first = scriptedFetcher();
    const second = scriptedFetcher();
    const { rerender } = renderHook(({ fetcher }) => useResource(fetcher), { initialProps: { fetcher: first.fetcher } });
    await first.answer(0, new ApiError('busy', 'The server is busy (HTTP 429).', 429, 3_000));
    rerender({ fetcher: second.fetcher });
    await second.answer(0, 'second answer');
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(first.fetcher).toHaveBeenCalledTimes(1);
    expect(second.fetcher).toHaveBeenCalledTimes(1);
  });

  it('a new refresh interval replaces the old one', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    const { rerender } = renderHook(({ every }) => useResource(fetcher, { refreshEveryMs: every }), { initialProps: { every: 1_000 } });
    await answer(0, 'data');
    rerender({ every: 10_000 });
    act(() => {
      vi.advanceTimersByTime(9_999);
    });
    expect(fetcher).toHaveBeenCalledTimes(1);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(fetcher).toHaveBeenCalledTimes(2);
  });
});

describe('useResource and errors that are not "busy"', () => {
  afterEach(() => vi.useRealTimers());

  it('a server failure without "busy" is shown and not retried by itself', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher));
    await answer(0, new ApiError('server', 'The server failed (HTTP 503).', 503, 3_000));
    expect(result.current.error).toBe('The server failed (HTTP 503).');
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(1);
  });

  it('a busy server naming exactly the longest wait is waited out, and a later busy answer is retried again', async () => {
    vi.useFakeTimers();
    const { fetcher, answer } = scriptedFetcher();
    const { result } = renderHook(() => useResource(fetcher));
    await answer(0, new ApiError('busy', 'The server is busy (HTTP 429).', 429, 60_000));
    expect(result.current.error).toBe('The server is busy (HTTP 429). Retrying in 60 s.');
    act(() => {
      vi.advanceTimersByTime(60_000);
    });
    await answer(1, 'answered');
    act(() => result.current.reload());
    await answer(2, new ApiError('busy', 'The server is busy (HTTP 429).', 429, 1_000));
    expect(result.current.error).toBe('The server is busy (HTTP 429). Retrying in 1 s.');
    act(() => {
      vi.advanceTimersByTime(1_000);
    });
    expect(fetcher).toHaveBeenCalledTimes(4);
  });
});
