import { z } from 'zod';
import { readA11ySettings, type A11ySettings } from './a11y';
import { declaredModes, slug, type VisualMode, type Viewport } from './modes';

/**
 * What a story asks of its visual capture, read from our `visual` parameters and from the ones
 * Storybooks written for Chromatic (`chromatic`) or Percy (`percy`) already carry, so such a
 * Storybook works unchanged. Where two set the same thing, ours win, then Chromatic's, then Percy's.
 * Each value is checked on its own: a bad one is named in `problems` and ignored, never the story.
 */
export interface StorySettings {
  /** Why the story is not captured (`chromatic.disableSnapshot`), when it is not. */
  skippedBy?: string;
  /** Wait this long after the story settled, before capturing. */
  delayMs?: number;
  /** Wait until this selector matches an element, before capturing. */
  waitForSelector?: string;
  /** Share of pixels that may differ (ours). */
  threshold?: number;
  /** How different one pixel must be to count (pixelmatch's threshold, Chromatic's diffThreshold). */
  colorThreshold?: number;
  /** Modes the story declares; `undefined` leaves the Storybook's own. */
  modes?: VisualMode[];
  /** Widths without a full mode (Chromatic's legacy `viewports`, Percy's `widths`). */
  widths?: number[];
  /** Elements painted over in every capture before comparing (Chromatic's ignore regions). */
  ignoreSelectors: string[];
  /** Elements with their own scrollbar captured at their whole content size (full-scroll.ts). */
  fullScroll: string[];
  /** The story's `parameters.a11y` (Storybook's a11y addon): rules on or off, or no check. */
  a11y: A11ySettings;
  /** Extra CSS for the capture only (Percy's `percyCSS`). */
  css?: string;
  /** Show CSS animations at their end instead of their start. */
  animationsAtEnd: boolean;
  media: { reducedMotion?: 'reduce' | 'no-preference'; forcedColors?: 'active' | 'none'; media?: 'print' | 'screen' };
  problems: string[];
}

/** The markers Chromatic users put on regions a capture must not compare, and ours. */
export const IGNORE_MARKERS = ['.chromatic-ignore', '[data-chromatic="ignore"]', '[data-visual-ignore]'];

const record = z.record(z.string(), z.unknown());
const fields = {
  disable: z.boolean(),
  delay: z.number().min(0).max(10_000),
  waitForSelector: z.string().min(1),
  threshold: z.number().min(0).max(1),
  colorThreshold: z.number().min(0).max(1),
  widths: z.array(z.number().int().min(1).max(4_000)).min(1),
  selectors: z.array(z.string().min(1)),
  css: z.string(),
  reducedMotion: z.enum(['reduce', 'no-preference']),
  forcedColors: z.enum(['active', 'none']),
  media: z.enum(['print', 'screen']),
};

export function readStorySettings(parameters: Record<string, unknown> | undefined, resolveViewport: (name: string) => Viewport | undefined): StorySettings {
  const problems: string[] = [];
  const section = (name: string) => {
    const value = parameters?.[name];
    if (value === undefined) return {};
    const parsed = record.safeParse(value);
    if (parsed.success) return parsed.data;
    problems.push(`parameters.${name} is not an object; ignored`);
    return {};
  };
  const visual = section('visual');
  const chromatic = section('chromatic');
  const percy = section('percy');
  /** The first of `candidates` that is set and valid; an invalid one is named and skipped. */
  function pick<T>(schema: z.ZodType<T>, ...candidates: [string, Record<string, unknown>, string][]): T | undefined {
    for (const [owner, values, key] of candidates) {
      if (values[key] === undefined) continue;
      const parsed = schema.safeParse(values[key]);
      if (parsed.success) return parsed.data;
      problems.push(
        `parameters.${owner}.${key} ${JSON.stringify(values[key])?.slice(0, 60)} is not valid (${parsed.error.issues[0]?.message ?? 'wrong type'}); ignored`,
      );
    }
    return undefined;
  }
  const skipped = (
    [
      ['visual', visual, 'disable'],
      ['chromatic', chromatic, 'disableSnapshot'],
      ['chromatic', chromatic, 'disable'],
      ['percy', percy, 'skip'],
    ] as const
  ).find(([, values, key]) => pick(fields.disable, ['', values, key]) === true);
  const delayMs = pick(fields.delay, ['visual', visual, 'delay'], ['chromatic', chromatic, 'delay'], ['percy', percy, 'waitForTimeout']);
  const waitForSelector = pick(fields.waitForSelector, ['visual', visual, 'waitForSelector'], ['percy', percy, 'waitForSelector']);
  const threshold = pick(fields.threshold, ['visual', visual, 'threshold']);
  const colorThreshold = pick(fields.colorThreshold, ['visual', visual, 'colorThreshold'], ['chromatic', chromatic, 'diffThreshold']);
  const widths = pick(fields.widths, ['visual', visual, 'widths'], ['chromatic', chromatic, 'viewports'], ['percy', percy, 'widths']);
  const css = [pick(fields.css, ['percy', percy, 'percyCSS']), pick(fields.css, ['visual', visual, 'css'])].filter(Boolean).join('\n');
  const ignoreSelectors = [
    ...IGNORE_MARKERS,
    ...(pick(fields.selectors, ['chromatic', chromatic, 'ignoreSelectors']) ?? []),
    ...(pick(fields.selectors, ['visual', visual, 'ignoreSelectors']) ?? []),
  ];
  const fullScroll = pick(z.union([fields.selectors, fields.waitForSelector.transform((one) => [one])]), ['visual', visual, 'fullScroll']) ?? [];
  const reducedMotion = pick(fields.reducedMotion, ['visual', visual, 'prefersReducedMotion'], ['chromatic', chromatic, 'prefersReducedMotion']);
  const forcedColors = pick(fields.forcedColors, ['visual', visual, 'forcedColors'], ['chromatic', chromatic, 'forcedColors']);
  const media = pick(fields.media, ['visual', visual, 'media'], ['chromatic', chromatic, 'media']);

  let modes: VisualMode[] | undefined;
  if (visual.modes !== undefined) {
    const declared = declaredModes(visual.modes);
    problems.push(...declared.problems);
    modes = declared.modes;
  } else if (chromatic.modes !== undefined) {
    const declared = chromaticModes(chromatic.modes, resolveViewport);
    problems.push(...declared.problems);
    modes = declared.modes;
  }
  return {
    ...(skipped ? { skippedBy: `parameters.${skipped[0]}.${skipped[2]}` } : {}),
    ...(delayMs === undefined ? {} : { delayMs }),
    ...(waitForSelector === undefined ? {} : { waitForSelector }),
    ...(threshold === undefined ? {} : { threshold }),
    ...(colorThreshold === undefined ? {} : { colorThreshold }),
    ...(modes === undefined ? {} : { modes }),
    ...(widths === undefined ? {} : { widths }),
    ...(css ? { css } : {}),
    ignoreSelectors,
    fullScroll,
    a11y: readA11ySettings(parameters?.a11y),
    animationsAtEnd: pick(fields.disable, ['chromatic', chromatic, 'pauseAnimationAtEnd']) === true,
    media: { ...(reducedMotion ? { reducedMotion } : {}), ...(forcedColors ? { forcedColors } : {}), ...(media ? { media } : {}) },
    problems,
  };
}

/**
 * Chromatic's modes: `{ 'dark mobile': { theme: 'dark', viewport: 'small' | 375 | { width, height } } }`;
 * every other string value is a global; a mode set to `{ disable: true }` is left out.
 */
export function chromaticModes(value: unknown, resolveViewport: (name: string) => Viewport | undefined): { modes?: VisualMode[]; problems: string[] } {
  const parsed = record.safeParse(value);
  if (!parsed.success) return { problems: ['parameters.chromatic.modes is not an object; ignored'] };
  const problems: string[] = [];
  const list: unknown[] = [];
  for (const [name, settings] of Object.entries(parsed.data)) {
    const mode = record.safeParse(settings);
    if (!mode.success) {
      problems.push(`chromatic mode "${name}" is not an object; skipped`);
      continue;
    }
    if (mode.data.disable === true) continue;
    const { viewport, ...rest } = mode.data;
    const globals = Object.fromEntries(Object.entries(rest).filter((entry): entry is [string, string] => typeof entry[1] === 'string'));
    const size = viewportOf(viewport, resolveViewport);
    if (typeof size === 'string') problems.push(`chromatic mode "${name}": ${size}`);
    list.push({ name: slug(name), globals, ...(typeof size === 'object' ? { viewport: size } : {}) });
  }
  const declared = declaredModes(list);
  return { ...(declared.modes ? { modes: declared.modes } : {}), problems: [...problems, ...declared.problems] };
}

const DEFAULT_WIDTH = 1200;
const DEFAULT_HEIGHT = 700;
const pixels = (value: unknown) => {
  const match = typeof value === 'number' ? [String(value), String(value)] : typeof value === 'string' ? /^(\d+)(px)?$/.exec(value.trim()) : null;
  const number = match?.[1] ? Number(match[1]) : NaN;
  return number > 0 ? number : undefined;
};

function viewportOf(value: unknown, resolveViewport: (name: string) => Viewport | undefined): Viewport | undefined | string {
  if (value === undefined) return undefined;
  if (typeof value === 'string' && pixels(value) === undefined)
    return resolveViewport(value) ?? `viewport "${value}" is not among the story's viewport options; default size`;
  const asWidth = pixels(value);
  if (asWidth) return { width: asWidth, height: DEFAULT_HEIGHT };
  const box = record.safeParse(value);
  if (!box.success) return `viewport ${JSON.stringify(value)} is not a size; default size`;
  const width = pixels(box.data.width);
  const height = pixels(box.data.height);
  if (!width && !height) return `viewport ${JSON.stringify(value)} is not a size; default size`;
  return { width: width ?? DEFAULT_WIDTH, height: height ?? DEFAULT_HEIGHT };
}
