import { chromium, type Browser, type BrowserContext, type CDPSession, type Page } from '@playwright/test';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { readA11y, type A11yViolation } from './a11y';
import { DEFAULT_VIEWPORT, storybookDefaultModes, storyViewport, type VisualMode, type Viewport } from './modes';
import {
  measureCaptureArea,
  nextFrames,
  openPreview,
  readStructure,
  renderInPage,
  settleInPage,
  trackRequests,
  type CaptureArea,
  type StoryInfo,
} from './preview-page';
import { readStorySettings, type StorySettings } from './story-parameters';
import { applyStorySettings, ignoredRegions, paintRegions, undoStorySettings } from './story-settings-page';
import { failUnreachableRemotes } from './remote-requests';
import { describeRenderer } from './renderer';
import type { IndexEntry } from './storybook';
import type { Structure } from './structure';

export type { VisualMode, Viewport } from './modes';

export interface Shot {
  storyId: string;
  title: string;
  name: string;
  mode: string;
  png?: Buffer;
  structure?: Structure;
  error?: string;
  threshold?: number;
  colorThreshold?: number;
  /** What could not be settled or honoured (a font that did not load, a frozen script animation). */
  notes: string[];
  /** The axe violations of the captured render (visual/a11y.ts); absent when not checked. */
  a11y?: A11yViolation[];
}

/** `renderer`: which browser drew the shots (visual/renderer.ts); '' when there was nothing to draw. */
export interface CaptureRun {
  shots: Shot[];
  /** Stories their own parameters leave out (`chromatic.disableSnapshot`), with the parameter that did. */
  skipped: { storyId: string; reason: string }[];
  modesSource: string;
  renderer: string;
  /** Each story's capture time (ms), all its modes together: what the next run's shards are split by. */
  timings: Map<string, number>;
  /** Where the workers' time went, step by step (ms summed over every capture): what the bench reports. */
  steps: Record<CaptureStep, number>;
}

/** The steps of one capture, in the order they run. */
export const CAPTURE_STEPS = ['render', 'requests', 'settle', 'measure', 'structure', 'screenshot', 'accessibility', 'restore'] as const;
export type CaptureStep = (typeof CAPTURE_STEPS)[number];
const noSteps = (): Record<CaptureStep, number> => Object.fromEntries(CAPTURE_STEPS.map((step) => [step, 0])) as Record<CaptureStep, number>;

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

const sameGlobals = (a: Record<string, string>, b: Record<string, string>) =>
  JSON.stringify(Object.entries(a).sort()) === JSON.stringify(Object.entries(b).sort());
const sameViewport = (a: Viewport, b: Viewport) => a.width === b.width && a.height === b.height;
/** The most one story may take (render, settle, capture, every mode) before it counts as hung. */
const STORY_BUDGET_MS = 30_000;

/** Runs `work`, or rejects once `ms` have passed: a hung story must not hang the run. */
function within<T>(ms: number, work: Promise<T>): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`it took longer than ${ms / 1000} s`)), ms);
  });
  return Promise.race([work, timeout]).finally(() => clearTimeout(timer));
}

const message = (error: unknown) => (error instanceof Error ? (error.message.split('\n')[0] ?? error.message) : String(error));

interface Planned {
  story: IndexEntry;
  mode: VisualMode;
  viewport: Viewport;
  settings: StorySettings;
  notes: string[];
}

/** Chromium draws no capture taller than this. */
const MAX_PAGE_HEIGHT = 16_384;

type Media = StorySettings['media'];
const DEFAULT_MEDIA = { reducedMotion: 'reduce', forcedColors: 'none', media: 'screen' } as const;
const sameMedia = (a: Media, b: Media) => JSON.stringify({ ...DEFAULT_MEDIA, ...a }) === JSON.stringify({ ...DEFAULT_MEDIA, ...b });

/** One worker's page: a preview iframe that is reopened whenever a story breaks it. */
class PreviewWorker {
  private context!: BrowserContext;
  private page!: Page;
  private cdp!: CDPSession;
  private requests!: ReturnType<typeof trackRequests>;
  private remotes!: Awaited<ReturnType<typeof failUnreachableRemotes>>;
  private globals: Record<string, string> | undefined;
  private viewport: Viewport = DEFAULT_VIEWPORT;
  private media: Media = {};

  constructor(
    private readonly newContext: () => Promise<BrowserContext>,
    private readonly baseUrl: string,
    private readonly shots: Shot[],
    private readonly steps: Record<CaptureStep, number>,
  ) {}

  /** Runs one step of a capture, adding its time to the run's steps. */
  private async step<T>(name: CaptureStep, work: () => Promise<T>): Promise<T> {
    const started = performance.now();
    try {
      return await work();
    } finally {
      this.steps[name] += performance.now() - started;
    }
  }

  /** A fresh context and page on the preview; after a broken story, nothing of it survives. */
  async open(firstStoryId: string): Promise<Page> {
    this.context = await this.newContext();
    this.page = await this.context.newPage();
    this.cdp = await this.context.newCDPSession(this.page);
    this.requests = trackRequests(this.page);
    this.remotes = await failUnreachableRemotes(this.context, new URL(this.baseUrl).origin);
    this.globals = undefined;
    this.viewport = DEFAULT_VIEWPORT;
    this.media = {};
    await openPreview(this.page, this.baseUrl, firstStoryId);
    return this.page;
  }

  /** A story that navigated, crashed or hung the preview costs only its own capture. */
  async recover(story: IndexEntry, mode: string, error: unknown, nextStoryId: string): Promise<void> {
    this.shots.push({
      storyId: story.id,
      title: story.title,
      name: story.name,
      mode,
      error: `the story broke the preview (${message(error)}); the run went on without it`,
      notes: [],
    });
    await this.context.close().catch(() => undefined);
    await this.open(nextStoryId);
  }

  async close(): Promise<void> {
    await this.context.close();
  }

  /** Renders `story` with `globals` (when they differ from the current ones) at `viewport`, in `media`. */
  async render(
    story: IndexEntry,
    globals: Record<string, string> | null,
    viewport: Viewport = this.viewport,
    media: Media = this.media,
  ): Promise<{ ok: true; story: StoryInfo } | { ok: false; error: string }> {
    if (!sameMedia(media, this.media)) {
      await this.page.emulateMedia({ ...DEFAULT_MEDIA, ...media });
      this.media = media;
    }
    if (!sameViewport(viewport, this.viewport)) {
      await this.page.setViewportSize(viewport);
      this.viewport = viewport;
    }
    const change = globals && (!this.globals || !sameGlobals(globals, this.globals)) ? globals : null;
    this.remotes.takeFailed();
    const outcome = await this.step('render', () => renderInPage(this.page, story.id, change));
    if (change) this.globals = change;
    return outcome;
  }

  /** True when the page is already in the planned capture's globals, viewport and media. */
  isReadyFor(planned: Planned): boolean {
    return (
      sameGlobals(planned.mode.globals, this.globals ?? {}) && sameViewport(planned.viewport, this.viewport) && sameMedia(planned.settings.media, this.media)
    );
  }

  /** Applies the story's settings, waits for it to settle, then captures what it shows with its structure. */
  async shoot(planned: Planned): Promise<void> {
    const notes = [...planned.notes];
    try {
      await this.step('requests', () => this.requests.idle());
      notes.push(...(await this.step('settle', () => applyStorySettings(this.page, planned.settings))));
      await this.capture(planned, notes);
    } finally {
      await this.step('restore', async () => {
        await undoStorySettings(this.page);
        // A story captured at its whole height leaves the page at the viewport it was planned for.
        if (!sameViewport(this.viewport, planned.viewport)) {
          this.viewport = planned.viewport;
          await this.page.setViewportSize(this.viewport);
        }
      });
    }
  }

  /**
   * The capture area, with the page as tall as the story when the story is taller than the viewport:
   * an overlay then covers, and a bottom bar sits at, the whole story as on screen at every scroll
   * position, and the screenshot needs no capture beyond the viewport, for which Chromium resizes the
   * page to 1 × 1 and back while it draws (a tooltip that closes when its anchor leaves the viewport,
   * react-popper-tooltip's default, then closed in some captures and not in others). Widths stay
   * (they decide the story's responsive layout). A story whose height follows the viewport's (100vh
   * content) would only stretch, so it is captured at its own viewport, beyond it, and says so.
   */
  private async measureWhole(notes: string[]): Promise<CaptureArea | undefined> {
    const area = await measureCaptureArea(this.page);
    if (!area || area.fitsViewport || area.y + area.height <= this.viewport.height) return area;
    const planned = this.viewport;
    this.viewport = { width: planned.width, height: Math.min(MAX_PAGE_HEIGHT, area.y + area.height) };
    await this.page.setViewportSize(this.viewport);
    await nextFrames(this.page);
    const tall = await measureCaptureArea(this.page);
    if (tall && tall.y + tall.height <= this.viewport.height) return tall;
    this.viewport = planned;
    await this.page.setViewportSize(this.viewport);
    await nextFrames(this.page);
    notes.push(
      `the story's height follows the viewport's (content sized by vh): captured beyond the viewport${area.showsFixed ? ', where fixed elements cover only its first screen' : ''}`,
    );
    return measureCaptureArea(this.page);
  }

  private async capture({ story, mode, settings }: Planned, notes: string[]): Promise<void> {
    notes.push(...(await this.step('settle', () => settleInPage(this.page))));
    // Settling (images, fonts) may have started requests of its own.
    const pending = await this.step('requests', () => this.requests.idle());
    if (pending.length > 0) notes.push(`${pending.length} request(s) still unanswered at capture: ${pending.slice(0, 3).join(', ')}`);
    const unreachable = this.remotes.takeFailed();
    if (unreachable.length > 0)
      notes.push(
        `${unreachable.length} remote resource(s) could not be fetched and were failed, the same way in every run: ${unreachable.slice(0, 3).join(', ')}`,
      );
    const base = { storyId: story.id, title: story.title, name: story.name, mode: mode.name, notes };
    const area = await this.step('measure', () => this.measureWhole(notes));
    if (!area || area.width === 0 || area.height === 0) {
      this.shots.push({ ...base, error: 'the story rendered nothing visible to capture' });
      return;
    }
    const { fitsViewport, ...rect } = area;
    const structure = await this.step('structure', () => readStructure(this.page, rect, settings.ignoreSelectors));
    const ignored = await this.step('structure', () => ignoredRegions(this.page, rect, settings.ignoreSelectors));
    const { data } = await this.step('screenshot', () =>
      this.cdp.send('Page.captureScreenshot', { format: 'png', clip: { ...rect, scale: 1 }, captureBeyondViewport: !fitsViewport }),
    );
    // On the render just captured: nothing has changed the page since.
    const a11y = await this.step('accessibility', () => readA11y(this.page, rect, settings.a11y));
    if (typeof a11y === 'string') notes.push(a11y);
    this.shots.push({
      ...base,
      png: paintRegions(Buffer.from(data, 'base64'), ignored),
      structure,
      ...(typeof a11y === 'string' ? {} : { a11y }),
      ...(settings.threshold === undefined ? {} : { threshold: settings.threshold }),
      ...(settings.colorThreshold === undefined ? {} : { colorThreshold: settings.colorThreshold }),
    });
  }
}

/** The modes, viewport and settings one story is captured in, with anything that could not be honoured. */
function planFor(story: IndexEntry, info: StoryInfo, settings: StorySettings, defaults: VisualMode[]): Planned[] {
  const viewport = storyViewport(info.viewportParameter, info.viewportGlobal);
  const notes = [...settings.problems, ...(typeof viewport === 'string' ? [viewport] : [])];
  const declared = settings.modes && settings.modes.length > 0 ? settings.modes : defaults;
  const storySize = typeof viewport === 'object' ? viewport : DEFAULT_VIEWPORT;
  // Widths alone (Chromatic's legacy viewports, Percy's widths) multiply the modes.
  const modes = settings.widths
    ? declared.flatMap((mode) =>
        (settings.widths ?? []).map((width) => ({
          ...mode,
          name: declared.length === 1 && mode.name === 'default' ? `${width}px` : `${mode.name}-${width}px`,
          viewport: { width, height: mode.viewport?.height ?? storySize.height },
        })),
      )
    : declared;
  return modes.map((mode) => ({ story, mode, notes, settings, viewport: mode.viewport ?? storySize }));
}

/**
 * Captures every story in every mode it declares (or the modes the Storybook's theme global
 * offers). One browser; each worker keeps one page and switches stories and globals through the
 * Storybook channel instead of reloading. Pass 1 renders each story in the first mode; later
 * passes set each further mode (globals and viewport) once and capture the stories that use it.
 * A story that throws, hangs or navigates away is that story's error, never the run's.
 */
export async function captureStories(baseUrl: string, stories: IndexEntry[], workers = 2): Promise<CaptureRun> {
  const first = stories[0];
  if (!first) return { shots: [], skipped: [], modesSource: 'no stories', renderer: '', timings: new Map(), steps: noSteps() };
  const launchOptions = chromiumLaunchOptions();
  const browser = await chromium.launch(launchOptions);
  const renderer = describeRenderer(browser.version(), launchOptions.executablePath);
  const userAgent = await testRunnerUserAgent(browser);
  const shots: Shot[] = [];
  const skipped: CaptureRun['skipped'] = [];
  const timings = new Map<string, number>();
  const steps = noSteps();
  const timed = async (storyId: string, work: () => Promise<void>) => {
    const started = performance.now();
    try {
      await work();
    } finally {
      timings.set(storyId, (timings.get(storyId) ?? 0) + performance.now() - started);
    }
  };
  let modesSource = '';
  const chunks: IndexEntry[][] = Array.from({ length: Math.min(workers, stories.length) }, (_, worker) =>
    stories.filter((_, index) => index % workers === worker),
  );
  try {
    await Promise.all(
      chunks.map(async (chunk) => {
        const newContext = async () => {
          const context = await browser.newContext({
            viewport: DEFAULT_VIEWPORT,
            deviceScaleFactor: 1,
            reducedMotion: 'reduce',
            timezoneId: 'UTC',
            locale: 'en-US',
            userAgent,
          });
          // tsx (esbuild keepNames) wraps functions in __name(); the page needs it to run them.
          await context.addInitScript('globalThis.__name = (fn) => fn;');
          return context;
        };
        const worker = new PreviewWorker(newContext, baseUrl, shots, steps);
        const page = await worker.open(chunk[0]?.id ?? first.id);
        const defaults = await storybookDefaultModes(page);
        modesSource ||= defaults.source;
        const later: Planned[] = [];
        const safeStory = first.id;
        for (const story of chunk) {
          await timed(story.id, async () => {
            try {
              await within(
                STORY_BUDGET_MS,
                (async () => {
                  const outcome = await worker.render(story, defaults.modes[0]?.globals ?? null);
                  if (!outcome.ok) {
                    shots.push({ storyId: story.id, title: story.title, name: story.name, mode: '*', error: outcome.error, notes: [] });
                    return;
                  }
                  const settings = readStorySettings(outcome.story.parameters, (name) => {
                    const size = storyViewport(outcome.story.viewportParameter, name);
                    return typeof size === 'object' ? size : undefined;
                  });
                  if (settings.skippedBy) {
                    skipped.push({ storyId: story.id, reason: settings.skippedBy });
                    return;
                  }
                  for (const planned of planFor(story, outcome.story, settings, defaults.modes)) {
                    if (worker.isReadyFor(planned)) await worker.shoot(planned);
                    else later.push(planned);
                  }
                })(),
              );
            } catch (error) {
              await worker.recover(story, '*', error, safeStory);
            }
          });
        }
        const groups = new Map<string, Planned[]>();
        for (const planned of later) {
          const key = JSON.stringify([planned.mode.globals, planned.viewport, planned.settings.media]);
          groups.set(key, [...(groups.get(key) ?? []), planned]);
        }
        for (const group of groups.values()) {
          for (const planned of group) {
            await timed(planned.story.id, async () => {
              try {
                await within(
                  STORY_BUDGET_MS,
                  (async () => {
                    const outcome = await worker.render(planned.story, planned.mode.globals, planned.viewport, planned.settings.media);
                    if (outcome.ok) await worker.shoot(planned);
                    else
                      shots.push({
                        storyId: planned.story.id,
                        title: planned.story.title,
                        name: planned.story.name,
                        mode: planned.mode.name,
                        error: outcome.error,
                        notes: [],
                      });
                  })(),
                );
              } catch (error) {
                await worker.recover(planned.story, planned.mode.name, error, safeStory);
              }
            });
          }
        }
        await worker.close();
      }),
    );
  } finally {
    await browser.close();
  }
  return { shots, skipped, modesSource, renderer, timings, steps };
}
