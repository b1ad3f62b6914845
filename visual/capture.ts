import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import type { IndexEntry } from './storybook';

/** One way to capture a story: Storybook globals (e.g. the theme) and, optionally, a viewport size. */
export interface VisualMode { name: string; globals: Record<string, string>; viewport?: Viewport }
export interface Viewport { width: number; height: number }
export interface VisualParameters { disable?: boolean; threshold?: number; modes?: VisualMode[] }
export interface Shot { storyId: string; title: string; name: string; mode: string; png?: Buffer; error?: string; threshold?: number }

/** Freezes everything a screenshot could catch mid-way. */
const FREEZE_CSS = '*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }';
const DEFAULT_MODE: VisualMode = { name: 'default', globals: {} };
const DEFAULT_VIEWPORT: Viewport = { width: 900, height: 700 };
const hasDefaultViewport = (mode: VisualMode) => !mode.viewport || (mode.viewport.width === DEFAULT_VIEWPORT.width && mode.viewport.height === DEFAULT_VIEWPORT.height);
const RENDER_TIMEOUT_MS = 10_000;

type RenderOutcome = { ok: true; visual: VisualParameters } | { ok: false; error: string };

/**
 * Renders one story in the already-open preview iframe through Storybook's own channel
 * (no page reload), waits for its play function and fonts, and reads its `visual` parameters.
 */
function renderInPage(page: Page, storyId: string, globals: Record<string, string> | null): Promise<RenderOutcome> {
  return page.evaluate(async ([id, nextGlobals, timeoutMs]) => {
    interface Channel { on(event: string, fn: (payload: unknown) => void): void; off(event: string, fn: (payload: unknown) => void): void; emit(event: string, payload: unknown): void }
    interface Preview { currentRender?: { id?: string; phase?: string; story?: { parameters?: { visual?: unknown } } } }
    const w = window as unknown as { __STORYBOOK_ADDONS_CHANNEL__: Channel; __STORYBOOK_PREVIEW__: Preview };
    const channel = w.__STORYBOOK_ADDONS_CHANNEL__;
    const outcome = await new Promise<{ ok: boolean; error?: string }>((resolve) => {
      const listeners: [string, (payload: unknown) => void][] = [];
      const finish = (result: { ok: boolean; error?: string }) => {
        clearTimeout(timer);
        for (const [event, fn] of listeners) channel.off(event, fn);
        resolve(result);
      };
      const listen = (event: string, fn: (payload: unknown) => void) => { listeners.push([event, fn]); channel.on(event, fn); };
      const timer = setTimeout(() => finish({ ok: false, error: `the story did not finish rendering within ${timeoutMs} ms` }), timeoutMs);
      listen('storyFinished', (payload) => { if ((payload as { storyId?: string }).storyId === id) finish({ ok: true }); });
      listen('storyErrored', (payload) => finish({ ok: false, error: `the story threw while rendering: ${(payload as { title?: string }).title ?? ''} ${(payload as { description?: string }).description ?? ''}`.trim() }));
      listen('storyThrewException', (payload) => finish({ ok: false, error: `the story threw: ${(payload as { message?: string }).message ?? 'an exception'}` }));
      listen('playFunctionThrewException', (payload) => finish({ ok: false, error: `the play function threw: ${(payload as { message?: string }).message ?? 'an exception'}` }));
      listen('storyMissing', () => finish({ ok: false, error: 'the story is not in this Storybook' }));
      if (nextGlobals) channel.emit('updateGlobals', { globals: nextGlobals });
      if (w.__STORYBOOK_PREVIEW__.currentRender?.id === id) channel.emit('forceRemount', { storyId: id });
      else channel.emit('setCurrentStory', { storyId: id, viewMode: 'story' });
    });
    await document.fonts.ready;
    await new Promise((done) => requestAnimationFrame(() => requestAnimationFrame(done)));
    if (!outcome.ok) return { ok: false as const, error: outcome.error ?? 'render failed' };
    return { ok: true as const, visual: (w.__STORYBOOK_PREVIEW__.currentRender?.story?.parameters?.visual ?? {}) as never };
  }, [storyId, globals, RENDER_TIMEOUT_MS] as const);
}

async function openPreview(page: Page, baseUrl: string, firstStoryId: string): Promise<void> {
  // Accessibility is checked by test:stories; here axe would only slow every render down.
  await page.goto(`${baseUrl}iframe.html?id=${encodeURIComponent(firstStoryId)}&viewMode=story&globals=a11y.manual:!true`);
  await page.addStyleTag({ content: FREEZE_CSS });
  await page.waitForFunction(() => (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__?.currentRender?.phase === 'finished', undefined, { timeout: RENDER_TIMEOUT_MS });
}

/**
 * Storybook waits 100 ms after every render for animations to settle unless its test runner is
 * driving (recognised by this user-agent token); then it pauses animations instead, which is
 * what we want anyway: FREEZE_CSS and reducedMotion already stop them.
 */
async function testRunnerUserAgent(browser: Browser): Promise<string> {
  const page = await browser.newPage();
  try {
    return `${await page.evaluate(() => navigator.userAgent)} StorybookTestRunner`;
  } finally {
    await page.close();
  }
}

const sameGlobals = (a: Record<string, string>, b: Record<string, string>) => JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());

/**
 * Captures every story in every mode its parameters declare. One browser; each worker keeps one
 * page and switches stories and globals through the Storybook channel instead of reloading.
 * Pass 1 renders each story in the first mode (reading its parameters); later passes set the
 * globals of each further mode once and capture the stories that declare it.
 */
export async function captureStories(baseUrl: string, stories: IndexEntry[], workers = 2): Promise<Shot[]> {
  const first = stories[0];
  if (!first) return [];
  const browser = await chromium.launch(chromiumLaunchOptions());
  const userAgent = await testRunnerUserAgent(browser);
  const shots: Shot[] = [];
  const chunks: IndexEntry[][] = Array.from({ length: Math.min(workers, stories.length) }, (_, worker) => stories.filter((_, index) => index % workers === worker));
  try {
    await Promise.all(chunks.map(async (chunk) => {
      const context = await browser.newContext({ viewport: DEFAULT_VIEWPORT, deviceScaleFactor: 1, reducedMotion: 'reduce', timezoneId: 'UTC', locale: 'en-US', userAgent });
      // tsx (esbuild keepNames) wraps functions in __name(); the page needs it to run them.
      await context.addInitScript('globalThis.__name = (fn) => fn;');
      const page = await context.newPage();
      const cdp = await context.newCDPSession(page);
      await openPreview(page, baseUrl, chunk[0]?.id ?? first.id);
      const shoot = async (story: IndexEntry, mode: VisualMode, threshold?: number) => {
        // Chromium's own capture of the story root, as an element screenshot would take it but
        // without its per-shot actionability checks and style injection: the page is already
        // still (FREEZE_CSS, caret hidden, render finished) and those checks cost more than the capture.
        const clip = await page.evaluate(() => {
          const box = document.querySelector('#storybook-root')?.getBoundingClientRect();
          if (!box) return undefined;
          // Whole pixels enclosing the box, the way Playwright rounds an element's box.
          const x = Math.floor(box.left + window.scrollX + 1e-3);
          const y = Math.floor(box.top + window.scrollY + 1e-3);
          const width = Math.ceil(box.right + window.scrollX - 1e-3) - x;
          const height = Math.ceil(box.bottom + window.scrollY - 1e-3) - y;
          return { x, y, width, height, fitsViewport: width <= window.innerWidth && height <= window.innerHeight };
        });
        const base = { storyId: story.id, title: story.title, name: story.name, mode: mode.name };
        if (!clip || clip.width === 0 || clip.height === 0) {
          shots.push({ ...base, error: 'the story rendered nothing to capture (#storybook-root is empty)' });
          return;
        }
        const { fitsViewport, ...rect } = clip;
        const { data } = await cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...rect, scale: 1 }, captureBeyondViewport: !fitsViewport });
        const png = Buffer.from(data, 'base64');
        shots.push({ ...base, png, ...(threshold === undefined ? {} : { threshold }) });
      };
      const pending: { story: IndexEntry; mode: VisualMode; threshold?: number }[] = [];
      let currentGlobals: Record<string, string> | undefined;
      for (const story of chunk) {
        let outcome = await renderInPage(page, story.id, null);
        if (outcome.ok && !currentGlobals) {
          currentGlobals = (outcome.visual.modes ?? [DEFAULT_MODE])[0]?.globals ?? {};
          outcome = await renderInPage(page, story.id, currentGlobals);
        }
        if (!outcome.ok) {
          shots.push({ storyId: story.id, title: story.title, name: story.name, mode: '*', error: outcome.error });
          continue;
        }
        if (outcome.visual.disable) continue;
        for (const mode of outcome.visual.modes ?? [DEFAULT_MODE]) {
          if (sameGlobals(mode.globals, currentGlobals ?? {}) && hasDefaultViewport(mode)) await shoot(story, mode, outcome.visual.threshold);
          else pending.push({ story, mode, ...(outcome.visual.threshold === undefined ? {} : { threshold: outcome.visual.threshold }) });
        }
      }
      const modes = [...new Map(pending.map((item) => [JSON.stringify(item.mode), item.mode])).values()];
      for (const mode of modes) {
        await page.setViewportSize(mode.viewport ?? DEFAULT_VIEWPORT);
        let globalsToSet: Record<string, string> | null = mode.globals;
        for (const item of pending.filter((candidate) => JSON.stringify(candidate.mode) === JSON.stringify(mode))) {
          const outcome = await renderInPage(page, item.story.id, globalsToSet);
          globalsToSet = null;
          if (outcome.ok) await shoot(item.story, mode, item.threshold);
          else shots.push({ storyId: item.story.id, title: item.story.title, name: item.story.name, mode: mode.name, error: outcome.error });
        }
      }
      await context.close();
    }));
  } finally {
    await browser.close();
  }
  return shots;
}
