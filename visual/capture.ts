import { chromium, type Browser, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import type { IndexEntry } from './storybook';

export interface VisualParameters {
  disable?: boolean;
  threshold?: number;
  modes?: { name: string; globals: Record<string, string> }[];
}

export interface Shot { storyId: string; title: string; name: string; mode: string; png?: Buffer; error?: string; threshold?: number }

/** Freezes everything a screenshot could catch mid-way. */
const FREEZE_CSS = '*, *::before, *::after { animation: none !important; transition: none !important; caret-color: transparent !important; scroll-behavior: auto !important; }';
/** Storybook's render phases after which nothing more will change (play functions included). */
const SETTLED_PHASES = ['finished', 'completed', 'played', 'errored', 'aborted'];
const DEFAULT_MODES = [{ name: 'default', globals: {} }];

interface PreviewWindow { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string; story?: { parameters?: { visual?: VisualParameters } } } } }

async function render(page: Page, baseUrl: string, storyId: string, globals: Record<string, string>): Promise<VisualParameters> {
  const globalsParam = Object.entries(globals).map(([key, value]) => `${key}:${value}`).join(';');
  await page.goto(`${baseUrl}iframe.html?id=${encodeURIComponent(storyId)}&viewMode=story${globalsParam ? `&globals=${globalsParam}` : ''}`);
  await page.addStyleTag({ content: FREEZE_CSS });
  await page.waitForFunction((settled) => {
    const phase = (window as PreviewWindow).__STORYBOOK_PREVIEW__?.currentRender?.phase;
    return phase !== undefined && settled.includes(phase);
  }, SETTLED_PHASES, { timeout: 10_000 });
  const outcome = await page.evaluate(async () => {
    await document.fonts.ready;
    const current = (window as PreviewWindow).__STORYBOOK_PREVIEW__?.currentRender;
    const busy = document.querySelector('[aria-busy="true"]:not([data-status="loading"]):not([data-status="refreshing"])');
    return { phase: current?.phase, visual: current?.story?.parameters?.visual ?? {}, busy: Boolean(busy) };
  });
  if (outcome.phase === 'errored' || outcome.phase === 'aborted') {
    const message = await page.locator('#error-message').textContent().catch(() => null);
    throw new Error(`the story threw while rendering${message ? `: ${message.trim()}` : ''}`);
  }
  await page.evaluate(() => document.fonts.ready);
  return outcome.visual;
}

/** Captures every story in every mode its parameters declare, with one browser and a page per worker. */
export async function captureStories(baseUrl: string, stories: IndexEntry[], workers = 2): Promise<Shot[]> {
  const browser: Browser = await chromium.launch(chromiumLaunchOptions());
  const shots: Shot[] = [];
  const queue = [...stories];
  try {
    await Promise.all(Array.from({ length: workers }, async () => {
      const context = await browser.newContext({ viewport: { width: 900, height: 700 }, deviceScaleFactor: 1, reducedMotion: 'reduce', colorScheme: 'light', timezoneId: 'UTC', locale: 'en-US' });
      const page = await context.newPage();
      for (let story = queue.shift(); story; story = queue.shift()) {
        const base = { storyId: story.id, title: story.title, name: story.name };
        try {
          const params = await render(page, baseUrl, story.id, {});
          if (params.disable) continue;
          for (const mode of params.modes ?? DEFAULT_MODES) {
            if (Object.keys(mode.globals).length > 0) await render(page, baseUrl, story.id, mode.globals);
            const png = await page.locator('#storybook-root').screenshot({ animations: 'disabled', caret: 'hide' });
            shots.push({ ...base, mode: mode.name, png, ...(params.threshold === undefined ? {} : { threshold: params.threshold }) });
          }
        } catch (error) {
          shots.push({ ...base, mode: '*', error: (error as Error).message.split('\n')[0] ?? 'capture failed' });
        }
      }
      await context.close();
    }));
  } finally {
    await browser.close();
  }
  return shots;
}
