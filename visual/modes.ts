import type { Page } from '@playwright/test';
import { invalidModeName } from './baseline-names';

/** One way to capture a story: Storybook globals (e.g. the theme) and, optionally, a viewport size. */
export interface VisualMode {
  name: string;
  globals: Record<string, string>;
  viewport?: Viewport;
}
export interface Viewport {
  width: number;
  height: number;
}

export const DEFAULT_VIEWPORT: Viewport = { width: 900, height: 700 };
export const DEFAULT_MODE: VisualMode = { name: 'default', globals: {} };

/** Toolbar values that show every theme at once: the story renders twice, and its own play functions break. */
const RENDERS_SEVERAL_TIMES = /side[\s-]?by[\s-]?side|stacked|split|\ball\b|\bboth\b/i;

/**
 * The modes a Storybook offers when a story declares none: one per item of a theme-like toolbar
 * global (theme, colour scheme), or the single default mode. `source` says which, for the report.
 */
export async function storybookDefaultModes(page: Page): Promise<{ modes: VisualMode[]; source: string }> {
  const found = await page.evaluate(() => {
    type GlobalType = { toolbar?: { items?: (string | { value?: string })[] } };
    const preview = (
      window as unknown as { __STORYBOOK_PREVIEW__?: { storyStoreValue?: { projectAnnotations?: { globalTypes?: Record<string, GlobalType> } } } }
    ).__STORYBOOK_PREVIEW__;
    const globalTypes = preview?.storyStoreValue?.projectAnnotations?.globalTypes ?? {};
    for (const [key, type] of Object.entries(globalTypes)) {
      if (!/theme|scheme|appearance/i.test(key)) continue;
      const values = (type.toolbar?.items ?? [])
        .map((item) => (typeof item === 'string' ? item : item.value))
        .filter((value): value is string => typeof value === 'string');
      if (values.length >= 2) return { key, values };
    }
    return undefined;
  });
  if (!found) return { modes: [DEFAULT_MODE], source: 'this Storybook declares no theme global, so each story is captured once (mode "default")' };
  const several = found.values.filter((value) => RENDERS_SEVERAL_TIMES.test(value));
  const modes = found.values
    .filter((value) => !RENDERS_SEVERAL_TIMES.test(value))
    .map((value) => ({ name: slug(value), globals: { [found.key]: value } }))
    .filter((mode) => !invalidModeName(mode.name));
  const left = several.length
    ? `; not ${several.map((value) => `"${value}"`).join(', ')}, which render${several.length === 1 ? 's' : ''} each story more than once (its themes side by side)`
    : '';
  return { modes, source: `one mode per value of this Storybook's "${found.key}" global: ${modes.map((mode) => mode.name).join(', ')}${left}` };
}

/** The viewport a story asks for through Storybook's viewport parameters and globals (8, 9 and 10). */
export function storyViewport(parameter: unknown, global: unknown): Viewport | undefined | string {
  const options = readOptions(parameter);
  const chosen =
    typeof global === 'string'
      ? global
      : isRecord(global) && typeof global.value === 'string'
        ? global.value
        : isRecord(parameter) && typeof parameter.defaultViewport === 'string'
          ? parameter.defaultViewport
          : undefined;
  if (!chosen || chosen === 'reset' || chosen === 'responsive') return undefined;
  const option = options[chosen];
  if (!option) return `viewport "${chosen}" is not among this story's viewport options; captured at the default size`;
  const width = px(option.width);
  const height = px(option.height);
  if (!width || !height) return `viewport "${chosen}" has no pixel size (${String(option.width)} × ${String(option.height)}); captured at the default size`;
  const rotated = isRecord(global) && global.isRotated === true;
  return rotated ? { width: height, height: width } : { width, height };
}

/** Modes a story declares in `parameters.visual.modes`, each checked; bad ones are named, not used. */
export function declaredModes(value: unknown): { modes?: VisualMode[]; problems: string[] } {
  if (value === undefined) return { problems: [] };
  if (!Array.isArray(value)) return { problems: ['parameters.visual.modes is not a list'] };
  const modes: VisualMode[] = [];
  const problems: string[] = [];
  for (const candidate of value) {
    if (!isRecord(candidate) || typeof candidate.name !== 'string') {
      problems.push('a mode without a name was skipped');
      continue;
    }
    const invalid = invalidModeName(candidate.name);
    if (invalid) {
      problems.push(invalid);
      continue;
    }
    const globals = isRecord(candidate.globals)
      ? Object.fromEntries(Object.entries(candidate.globals).filter((entry): entry is [string, string] => typeof entry[1] === 'string'))
      : {};
    const viewport =
      isRecord(candidate.viewport) && Number(candidate.viewport.width) > 0 && Number(candidate.viewport.height) > 0
        ? { width: Math.round(Number(candidate.viewport.width)), height: Math.round(Number(candidate.viewport.height)) }
        : undefined;
    modes.push({ name: candidate.name, globals, ...(viewport ? { viewport } : {}) });
  }
  return { modes, problems };
}

function readOptions(parameter: unknown): Record<string, { width: unknown; height: unknown }> {
  if (!isRecord(parameter)) return {};
  const table = isRecord(parameter.options) ? parameter.options : isRecord(parameter.viewports) ? parameter.viewports : {};
  const options: Record<string, { width: unknown; height: unknown }> = {};
  for (const [key, option] of Object.entries(table))
    if (isRecord(option) && isRecord(option.styles)) options[key] = { width: option.styles.width, height: option.styles.height };
  return options;
}

function px(value: unknown): number | undefined {
  const match = typeof value === 'number' ? [String(value), String(value)] : typeof value === 'string' ? /^(\d+(?:\.\d+)?)(px)?$/.exec(value.trim()) : null;
  return match?.[1] ? Math.round(Number(match[1])) : undefined;
}

export function slug(value: string): string {
  return value
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '')
    .slice(0, 48);
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
