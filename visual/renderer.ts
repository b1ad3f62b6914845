// Which browser drew the baselines. Text anti-aliasing differs between Chromium builds, and between
// the full browser and its headless shell, so a run in another browser than the baselines' shows
// "only pixels changed" on nearly every story. Recording the renderer beside the baselines lets the
// run say that plainly instead of leaving a reviewer to guess whether the code or the browser moved.
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';

export const RENDERER_FILE = 'renderer.txt';

/** "Chromium 156.0.8078.79 (chromium-headless-shell)": the version and which binary drew it. */
export function describeRenderer(version: string, executablePath: string | undefined): string {
  return `Chromium ${version} (${executablePath ? basename(executablePath) : "Playwright's own build"})`;
}

export function readBaselineRenderer(baselines: string): string | undefined {
  const file = join(baselines, RENDERER_FILE);
  if (!existsSync(file)) return undefined;
  const text = readFileSync(file, 'utf8').trim();
  return text === '' ? undefined : text;
}

export function writeBaselineRenderer(baselines: string, renderer: string): void {
  mkdirSync(baselines, { recursive: true });
  writeFileSync(join(baselines, RENDERER_FILE), `${renderer}\n`);
}

/** What a reviewer must know when this run's browser is not the one that drew the baselines. */
export function rendererNotice(baselineRenderer: string | undefined, current: string): string | undefined {
  if (baselineRenderer === undefined || current === '' || baselineRenderer === current) return undefined;
  return `The baselines were drawn by ${baselineRenderer}; this run by ${current}. Text and anti-aliasing differ between browsers, so a change of pixels only may be the browser's, not the code's (run with the baselines' browser, or --update to record new baselines with this one).`;
}
