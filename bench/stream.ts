// The live stream under load, in Chromium, over the real socket: the built console against the
// local HTTP mock server, scenario `busy` (21 running tasks), a flood of progress events. What a
// user would feel: are the final states right, does the page render at most once a frame, how long
// is the longest main-thread task, what does it cost in frame time and heap.
import type { Page } from '@playwright/test';
import { floodFinals } from '../fixtures/streams/flood';
import { openConsole } from './console';

export interface StreamRound {
  events: number;
  seconds: number;
  finalStatesCorrect: boolean;
  wrongFinals: string[];
  frames: number;
  /** DOM update batches (MutationObserver callbacks on the tasks widget) in the busiest frame. */
  maxUpdatesPerFrame: number;
  /** Main-thread tasks of 50 ms or more (Long Tasks API); 0 when none. */
  longTasks: number;
  longestTaskMs: number;
  /** Time spent inside requestAnimationFrame callbacks per frame (the batcher's flush and what it does). */
  frameCallbackMedianMs: number;
  frameCallbackMaxMs: number;
  /** localStorage writes during the flood and the time they took inside frames. */
  storageWrites: number;
  storageWriteMsInFrames: number;
  heapBeforeMb: number;
  heapAfterMb: number;
}

declare global {
  interface Window {
    __bench?: { frames: number; updates: Map<number, number>; longTasks: number[]; callbacks: number[]; writes: number; writeMsInFrames: number };
  }
}

/** Counters installed before the app loads: frames, DOM update batches per frame, long tasks, frame callbacks, storage writes. */
function instrument(): void {
  const bench = { frames: 0, updates: new Map<number, number>(), longTasks: [] as number[], callbacks: [] as number[], writes: 0, writeMsInFrames: 0 };
  window.__bench = bench;
  let inFrame = false;
  const raf = window.requestAnimationFrame.bind(window);
  window.requestAnimationFrame = (callback) =>
    raf((time) => {
      const started = performance.now();
      inFrame = true;
      try {
        callback(time);
      } finally {
        inFrame = false;
        bench.callbacks.push(performance.now() - started);
      }
    });
  const tick = () => {
    bench.frames += 1;
    raf(tick);
  };
  raf(tick);
  const setItem = Storage.prototype.setItem;
  Storage.prototype.setItem = function timedSetItem(this: Storage, key: string, value: string) {
    const started = performance.now();
    try {
      setItem.call(this, key, value);
    } finally {
      bench.writes += 1;
      if (inFrame) bench.writeMsInFrames += performance.now() - started;
    }
  };
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push(entry.duration);
  }).observe({ type: 'longtask', buffered: true });
  const observe = () => {
    const tasks = [...document.querySelectorAll('section')].find((section) => section.querySelector('h2')?.textContent === 'Tasks') ?? document.body;
    new MutationObserver(() => bench.updates.set(bench.frames, (bench.updates.get(bench.frames) ?? 0) + 1)).observe(tasks, {
      subtree: true,
      childList: true,
      attributes: true,
      characterData: true,
    });
  };
  document.addEventListener('bench:observe', observe);
}

async function heapMb(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  await cdp.send('HeapProfiler.collectGarbage');
  const { usedSize } = await cdp.send('Runtime.getHeapUsage');
  await cdp.detach();
  return usedSize / (1024 * 1024);
}

export async function streamRound(perSecond: number, seconds: number): Promise<StreamRound> {
  const { origin, page, session, control, close } = await openConsole({ appMocks: false, scenario: 'busy', initScripts: [instrument] });
  try {
    const bars = page.getByRole('progressbar', { name: /^Agent run \d+ progress$/ });
    await bars.nth(19).waitFor();
    // Wait for the live connection to carry every running task before flooding it.
    for (;;) {
      const stats = (await control('driver/liveStats', { method: 'POST', body: '[]' })) as { open: number; topicsPerConnection: number[] };
      if (stats.open === 1 && (stats.topicsPerConnection[0] ?? 0) >= 21) break;
      await page.waitForTimeout(50);
    }
    await page.evaluate(() => document.dispatchEvent(new Event('bench:observe')));
    const heapBefore = await heapMb(page);
    await page.evaluate(() => {
      const bench = window.__bench;
      if (bench) {
        bench.updates.clear();
        bench.longTasks = [];
        bench.callbacks = [];
        bench.writes = 0;
        bench.writeMsInFrames = 0;
        bench.frames = 0;
      }
    });
    await control('driver/stream', { method: 'POST', body: JSON.stringify([{ action: 'flood', perSecond, seconds }]) });
    // The expected finals come from the server's own tasks: every active one, in its order.
    const tasks = await fetch(`${origin}/api/tasks`, { headers: { cookie: `mock-session=${session}`, authorization: 'Bearer mock.riley' } }).then(
      (response) => response.json() as Promise<{ tasks: { id: string; title: string; status: string }[] }>,
    );
    const active = tasks.tasks.filter((task) => task.status === 'active');
    const finals = floodFinals({ taskIds: active.map((task) => task.id), perSecond, seconds });
    const expected = Object.fromEntries(active.map((task) => [task.title, finals[task.id]]));
    // Every bar at its final value, or 10 s past the flood's end: what is wrong then is reported.
    await page
      .waitForFunction(
        (want) =>
          Object.entries(want).every(
            ([title, value]) => document.querySelector(`[aria-label="${title} progress"]`)?.getAttribute('aria-valuenow') === String(value),
          ),
        expected,
        { timeout: (seconds + 10) * 1000 },
      )
      .catch(() => undefined);
    const shown = await page.evaluate(
      (titles) =>
        Object.fromEntries(
          titles.map((title) => [title, document.querySelector(`[aria-label="${title} progress"]`)?.getAttribute('aria-valuenow') ?? 'missing']),
        ),
      Object.keys(expected),
    );
    const wrongFinals = Object.entries(expected)
      .filter(([title, value]) => shown[title] !== String(value))
      .map(([title, value]) => `${title}: ${shown[title]} (want ${value})`);
    const bench = await page.evaluate(() => {
      const b = window.__bench;
      if (!b) throw new Error('the bench counters are not installed');
      const sorted = [...b.callbacks].sort((x, y) => x - y);
      return {
        frames: b.frames,
        maxUpdates: Math.max(0, ...b.updates.values()),
        longTasks: b.longTasks,
        callbackMedian: sorted[Math.floor(sorted.length / 2)] ?? 0,
        callbackMax: sorted.at(-1) ?? 0,
        writes: b.writes,
        writeMs: b.writeMsInFrames,
      };
    });
    const heapAfter = await heapMb(page);
    return {
      events: Math.round(perSecond * seconds),
      seconds,
      finalStatesCorrect: wrongFinals.length === 0,
      wrongFinals,
      frames: bench.frames,
      maxUpdatesPerFrame: bench.maxUpdates,
      longTasks: bench.longTasks.length,
      longestTaskMs: Math.max(0, ...bench.longTasks),
      frameCallbackMedianMs: bench.callbackMedian,
      frameCallbackMaxMs: bench.callbackMax,
      storageWrites: bench.writes,
      storageWriteMsInFrames: bench.writeMs,
      heapBeforeMb: heapBefore,
      heapAfterMb: heapAfter,
    };
  } finally {
    await close();
  }
}
