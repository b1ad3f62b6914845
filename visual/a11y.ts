// Accessibility baselines: every capture keeps the axe violations of the render it captured beside
// its PNG (`<id>@<mode>.a11y.json`). A violation the baseline does not hold is new and fails the
// capture; one it holds is known debt, listed on every run; one it holds that is gone is resolved,
// and leaves the baseline when the capture is accepted or updated.
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import type { Page } from '@playwright/test';

export interface A11yViolation {
  rule: string;
  impact: string;
  /** axe's selector for the element. */
  target: string;
  /** The element's box in the capture: x, y, width, height in CSS pixels. */
  box: [number, number, number, number];
}

/** What a story's `parameters.a11y` (Storybook's a11y addon) asks of axe: rules on or off, or no check. */
export interface A11ySettings {
  disabled: boolean;
  rules: Record<string, { enabled: boolean }>;
}

let axeSource: string | undefined;
const axe = () => (axeSource ??= readFileSync(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));

/**
 * Rules about a whole page (one main landmark, one h1, all content in landmarks): a story shows one
 * component, so they are off for stories unless a story turns one on; page snapshots keep them.
 */
const PAGE_RULES = ['landmark-one-main', 'page-has-heading-one', 'region'];

/** The Storybook a11y addon's parameters, read value by value: anything else leaves axe's defaults. */
export function readA11ySettings(parameters: unknown): A11ySettings {
  const a11y = typeof parameters === 'object' && parameters !== null ? (parameters as Record<string, unknown>) : {};
  const disabled = a11y.disable === true || a11y.test === 'off';
  const config = typeof a11y.config === 'object' && a11y.config !== null ? (a11y.config as Record<string, unknown>) : {};
  const rules: A11ySettings['rules'] = Object.fromEntries(PAGE_RULES.map((rule) => [rule, { enabled: false }]));
  if (Array.isArray(config.rules))
    for (const rule of config.rules as unknown[]) {
      const { id, enabled } = (typeof rule === 'object' && rule !== null ? rule : {}) as { id?: unknown; enabled?: unknown };
      if (typeof id === 'string' && typeof enabled === 'boolean') rules[id] = { enabled };
    }
  return { disabled, rules };
}

/**
 * Runs axe on the page as it is (the render that is captured, not a second one) and returns its
 * violations, one per element, sorted; `origin` is the capture's top left corner in the page.
 */
export async function readA11y(page: Page, origin: { x: number; y: number }, settings: A11ySettings): Promise<A11yViolation[] | string> {
  if (settings.disabled) return 'accessibility not checked: the story turns the a11y check off';
  try {
    const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe === 'object');
    if (!loaded) await page.evaluate(axe());
    return await page.evaluate(
      async ([rules, offset]) => {
        type Result = { id: string; impact?: string | null; nodes: { target: unknown[] }[] };
        const w = window as unknown as {
          axe: { run: (context: unknown, options: unknown) => Promise<{ violations: Result[] }> };
          __pwClock?: { builtins?: Pick<typeof window, 'setTimeout' | 'clearTimeout'> };
        };
        const root = document.querySelector('#storybook-root')
          ? { exclude: ['#storybook-docs', '.sb-wrapper', '.sb-preparing-story', '.sb-errordisplay'] }
          : document;
        // axe schedules its checks with setTimeout: under a test's paused fake clock they would never
        // run, so it gets the real timers for the moment it runs.
        const faked = { setTimeout: window.setTimeout, clearTimeout: window.clearTimeout };
        const real = w.__pwClock?.builtins;
        if (real?.setTimeout && real.clearTimeout) Object.assign(window, { setTimeout: real.setTimeout, clearTimeout: real.clearTimeout });
        let violations: Result[];
        try {
          ({ violations } = await w.axe.run(root, { resultTypes: ['violations'], rules }));
        } finally {
          Object.assign(window, faked);
        }
        const found = violations.flatMap((violation) =>
          violation.nodes.map((node) => {
            const target = node.target.map(String).join(' ');
            let box: [number, number, number, number] = [0, 0, 0, 0];
            try {
              const rect = document.querySelector(String(node.target.at(-1) ?? ''))?.getBoundingClientRect();
              if (rect)
                box = [
                  Math.round(rect.x + window.scrollX - offset.x),
                  Math.round(rect.y + window.scrollY - offset.y),
                  Math.round(rect.width),
                  Math.round(rect.height),
                ];
            } catch {
              // A selector inside a shadow root or frame: the box stays unknown.
            }
            return { rule: violation.id, impact: violation.impact ?? 'unknown', target, box };
          }),
        );
        return found.sort((a, b) => `${a.rule} ${a.target}`.localeCompare(`${b.rule} ${b.target}`));
      },
      [settings.rules, origin] as const,
    );
  } catch (error) {
    return `accessibility not checked: axe failed (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`;
  }
}

const keyOf = (violation: A11yViolation) => `${violation.rule} ${violation.target}`;
export const describeViolation = (violation: A11yViolation) => `${violation.rule} (${violation.impact}) on ${violation.target}`;

export interface A11yComparison {
  added: A11yViolation[];
  known: A11yViolation[];
  resolved: A11yViolation[];
}

/** New, known and resolved violations against the baseline's, matched by rule and element. */
export function compareA11y(baseline: A11yViolation[], current: A11yViolation[]): A11yComparison {
  const before = new Set(baseline.map(keyOf));
  const now = new Set(current.map(keyOf));
  return {
    added: current.filter((violation) => !before.has(keyOf(violation))),
    known: current.filter((violation) => before.has(keyOf(violation))),
    resolved: baseline.filter((violation) => !now.has(keyOf(violation))),
  };
}

/** A baseline file's violations, record by record: one that is not a violation is left out. */
export function parseA11yFile(text: string): A11yViolation[] {
  const parsed = JSON.parse(text) as unknown;
  const list = Array.isArray(parsed) ? parsed : typeof parsed === 'object' && parsed !== null ? (parsed as { violations?: unknown }).violations : undefined;
  if (!Array.isArray(list)) return [];
  return list.filter(
    (item): item is A11yViolation =>
      typeof item === 'object' && item !== null && typeof item.rule === 'string' && typeof item.target === 'string' && typeof item.impact === 'string',
  );
}

/** One violation per line, so a baseline's debt reads and diffs in review. */
export function formatA11y(violations: A11yViolation[]): string {
  return `{"violations":[\n${violations.map((violation) => `  ${JSON.stringify(violation)}`).join(',\n')}\n]}\n`;
}
