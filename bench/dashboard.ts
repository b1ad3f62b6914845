// The dashboard at scale, in Chromium over the real socket: the built console against the local
// HTTP mock server, with a saved layout of `widgets` widgets (the four kinds in turn, each copy its
// own instance fetching its own data). Time to interactive in the Lighthouse sense, with a shorter
// quiet window: from navigation start to the later of "every widget shows data" and the end of the
// last main-thread task of 50 ms or more before one quiet second.
import type { Page } from '@playwright/test';
import { encodeRecord, ownKey, SCHEMA_VERSION } from '../src/storage/record';
import { openConsole } from './console';

const KINDS = ['tasks', 'project-status', 'metrics', 'alerts'] as const;
const QUIET_MS = 1_000;

export interface DashboardRound {
  widgets: number;
  /** Navigation start → every widget frame out of its loading state. */
  allLoadedMs: number;
  timeToInteractiveMs: number;
  longTasks: number;
  longestTaskMs: number;
  /** API requests the page made to show it. */
  apiRequests: number;
}

declare global {
  interface Window {
    __dashboardBench?: { loadedAt?: number; longTasks: { start: number; end: number }[] };
  }
}

/** Installed before the app loads: when every widget has left its loading state, and every long task. */
function instrument(expected: number): void {
  const bench: NonNullable<Window['__dashboardBench']> = { longTasks: [] };
  window.__dashboardBench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, end: entry.startTime + entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  const observer = new MutationObserver(() => {
    const frames = document.querySelectorAll('section[data-status]');
    if (frames.length < expected || [...frames].some((frame) => frame.getAttribute('data-status') === 'loading')) return;
    bench.loadedAt = performance.now();
    observer.disconnect();
  });
  observer.observe(document, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-status'] });
}

async function measure(page: Page, origin: string, widgets: number): Promise<DashboardRound> {
  const layout = Array.from({ length: widgets }, (_, index) => KINDS[index % KINDS.length]);
  const saved = encodeRecord({ v: SCHEMA_VERSION, kind: 'layout', rev: Date.now(), usedAt: Date.now(), data: { widgets: layout } });
  await page.evaluate(
    ([key, value]) => {
      localStorage.setItem(key, value);
    },
    [ownKey('layout', 'dashboard'), saved] as const,
  );
  let apiRequests = 0;
  const count = (request: { url(): string }) => {
    if (new URL(request.url()).pathname.startsWith('/api/')) apiRequests += 1;
  };
  page.on('request', count);
  await page.goto(`${origin}/dashboard`);
  // Every widget loaded, then one quiet second without a long task.
  await page.waitForFunction(
    ({ quietMs }) => {
      const bench = window.__dashboardBench;
      if (bench?.loadedAt === undefined) return false;
      const lastEnd = Math.max(bench.loadedAt, ...bench.longTasks.map((task) => task.end));
      return performance.now() - lastEnd >= quietMs;
    },
    { quietMs: QUIET_MS },
    { timeout: 120_000, polling: 100 },
  );
  page.off('request', count);
  const bench = await page.evaluate(() => window.__dashboardBench);
  if (bench?.loadedAt === undefined) throw new Error('the dashboard never finished loading');
  const longest = Math.max(0, ...bench.longTasks.map((task) => task.end - task.start));
  return {
    widgets,
    allLoadedMs: bench.loadedAt,
    timeToInteractiveMs: Math.max(bench.loadedAt, ...bench.longTasks.map((task) => task.end)),
    longTasks: bench.longTasks.length,
    longestTaskMs: longest,
    apiRequests,
  };
}

/** One round: a dashboard of `widgets` widgets, loaded `loads` times in the same signed-in tab. */
export async function dashboardRound(widgets: number, loads: number): Promise<DashboardRound[]> {
  const app = await openConsole({ appMocks: false, initScripts: [`(${instrument.toString()})(${widgets});`] });
  try {
    const rounds: DashboardRound[] = [];
    for (let load = 0; load < loads; load += 1) rounds.push(await measure(app.page, app.origin, widgets));
    return rounds;
  } finally {
    await app.close();
  }
}
