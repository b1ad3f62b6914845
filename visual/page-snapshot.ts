// Page snapshots: a whole page of the running console, captured inside an E2E test with the same
// settle rules, structure, judge and causes as a story, into visual/baselines/pages/. Each result
// is written to the page run's folder (PAGE_RUN_DIR) as it is judged; writePageReport turns them
// into a report, and the gate merges that report with the stories' (visual/merge.ts).
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { readA11y } from './a11y';
import { baselineFile, invalidModeName, pageCaptureId, PAGES_FOLDER, parseBaselineFile } from './baseline-names';
import type { Shot } from './capture';
import { applyUpdate, judge, type Folders } from './judge';
import { collapseScrollAreas, expandScrollAreas } from './full-scroll';
import { nextFrames, readStructure, settleInPage, trackRequests } from './preview-page';
import { writeReport } from './report';
import { markRejections, readDecisions } from './review';
import type { StoryResult } from './results';
import { ignoredRegions, paintRegions } from './story-settings-page';

/** Where a Playwright run writes its page captures and their report (gitignored, like visual-report/). */
export const PAGE_RUN_DIR = 'visual-pages';
const RESULTS = 'results';

export interface PageMode {
  name: string;
  colorScheme: 'light' | 'dark';
  viewport: { width: number; height: number };
}

/** Every page snapshot is taken at a desktop and a phone size, in each colour scheme. */
export const PAGE_MODES: readonly PageMode[] = [
  { name: 'light-1400', colorScheme: 'light', viewport: { width: 1400, height: 900 } },
  { name: 'dark-1400', colorScheme: 'dark', viewport: { width: 1400, height: 900 } },
  { name: 'light-390', colorScheme: 'light', viewport: { width: 390, height: 844 } },
  { name: 'dark-390', colorScheme: 'dark', viewport: { width: 390, height: 844 } },
];

export interface PageSnapshotOptions {
  /** Elements whose contents are not compared (their box is painted over and kept). */
  ignore?: string[];
  /** Elements with their own scrollbar, captured at their whole content size (full-scroll.ts). */
  fullScroll?: string[];
}

/** What becomes of a capture with no baseline, or a changed one (Playwright's `updateSnapshots`). */
export type UpdateBaselines = 'none' | 'missing' | 'changed' | 'all';

/** A request tracker per page, made when the test's page is: requests sent before it would be missed. */
export type RequestTracker = ReturnType<typeof trackRequests>;

/** `name` becomes a file name: the same rule as a story id's last part. */
export function invalidPageName(name: string): string | undefined {
  return /^[a-z0-9][a-z0-9-]{0,79}$/.test(name) ? undefined : `page snapshot name ${JSON.stringify(name)} must be lowercase letters, digits and "-" (up to 80)`;
}

/** One mode's capture: the page at the mode's size and colour scheme, settled, whole. */
async function captureMode(page: Page, requests: RequestTracker, name: string, mode: PageMode, options: PageSnapshotOptions): Promise<Shot> {
  const base = { storyId: pageCaptureId(name), title: 'Pages', name, mode: mode.name };
  const notes: string[] = [];
  await page.emulateMedia({ colorScheme: mode.colorScheme, reducedMotion: 'reduce' });
  await page.setViewportSize(mode.viewport);
  await nextFrames(page);
  await requests.idle();
  notes.push(...(await settleInPage(page)));
  notes.push(...(await expandScrollAreas(page, options.fullScroll ?? [])));
  await nextFrames(page);
  const pending = await requests.idle();
  if (pending.length > 0) notes.push(`${pending.length} request(s) still unanswered at capture: ${pending.slice(0, 3).join(', ')}`);
  const size = await page.evaluate(() => ({ width: document.documentElement.scrollWidth, height: document.documentElement.scrollHeight }));
  const rect = { x: 0, y: 0, width: Math.max(mode.viewport.width, size.width), height: Math.max(mode.viewport.height, size.height) };
  const ignore = options.ignore ?? [];
  const structure = await readStructure(page, rect, ignore);
  const ignored = await ignoredRegions(page, rect, ignore);
  const png = await page.screenshot({ fullPage: true, animations: 'disabled', caret: 'hide', scale: 'css' });
  // On the render just captured, with every axe rule: a page is a whole document.
  const a11y = await readA11y(page, rect, { disabled: false, rules: {} });
  if (typeof a11y === 'string') notes.push(a11y);
  return { ...base, png: paintRegions(png, ignored), structure, notes, ...(typeof a11y === 'string' ? {} : { a11y }) };
}

/**
 * Captures the page in every mode, judges each capture against its baseline and records the result
 * in the page run. The page is left at the size and colour scheme it had; a script animation the
 * settle rules stopped runs again. Returns the results, one per mode.
 */
export async function snapshotPage(
  page: Page,
  requests: RequestTracker,
  name: string,
  folders: Folders,
  update: UpdateBaselines,
  options: PageSnapshotOptions = {},
): Promise<RecordedResult[]> {
  const problem = invalidPageName(name);
  if (problem) throw new Error(problem);
  const viewport = page.viewportSize();
  const results: RecordedResult[] = [];
  try {
    for (const mode of PAGE_MODES) {
      const shot = await captureMode(page, requests, name, mode, options).catch((error: unknown): Shot => ({
        storyId: pageCaptureId(name),
        title: 'Pages',
        name,
        mode: mode.name,
        error: `the page could not be captured (${error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error)})`,
        notes: [],
      }));
      await collapseScrollAreas(page);
      await page.evaluate(() => (window as unknown as { __visualThaw?: () => void }).__visualThaw?.());
      const [result] = markRejections([judge(shot, folders)], readDecisions(folders.baselines), folders);
      if (!result) continue;
      const write = update === 'all' || (update === 'changed' && result.status === 'changed') || (update !== 'none' && result.status === 'new');
      if (write) applyUpdate([result], folders);
      results.push({ ...result, baselineWritten: write });
      recordResult(folders.report, result, write);
    }
  } finally {
    await page.emulateMedia({ colorScheme: null, reducedMotion: null });
    if (viewport) await page.setViewportSize(viewport);
  }
  return results;
}

/** The page run keeps one file per capture: parallel workers never write the same file. */
function recordResult(dir: string, result: StoryResult, baselineWritten: boolean): void {
  mkdirSync(join(dir, RESULTS), { recursive: true });
  const file = baselineFile(result.id, result.mode, 'json').replace('/', '--');
  writeFileSync(join(dir, RESULTS, file), `${JSON.stringify({ ...result, baselineWritten })}\n`);
}

export interface RecordedResult extends StoryResult {
  /** The run wrote this capture as its baseline (`--update-snapshots`, or a missing one). */
  baselineWritten?: boolean;
}

/** The page run's results, record by record: a file that does not read as one is named, not fatal. */
export function readPageResults(dir: string): { results: RecordedResult[]; unreadable: string[] } {
  const results: RecordedResult[] = [];
  const unreadable: string[] = [];
  let files: string[];
  try {
    files = readdirSync(join(dir, RESULTS)).filter((file) => file.endsWith('.json'));
  } catch {
    return { results, unreadable };
  }
  for (const file of files.sort()) {
    try {
      const parsed = JSON.parse(readFileSync(join(dir, RESULTS, file), 'utf8')) as RecordedResult;
      if (typeof parsed.id !== 'string' || typeof parsed.mode !== 'string' || typeof parsed.status !== 'string' || invalidModeName(parsed.mode))
        throw new Error('not a capture result');
      results.push(parsed);
    } catch {
      unreadable.push(file);
    }
  }
  return { results, unreadable };
}

/**
 * Whether a capture fails its test, as Playwright's own screenshots do: one that could not be
 * captured, differs or is new, unless the run wrote it as its baseline on purpose
 * (`--update-snapshots`); a missing baseline written by default (`missing`) still fails once.
 */
export function failsSnapshot(result: RecordedResult, update: UpdateBaselines): boolean {
  if (result.status === 'error') return true;
  if (result.status !== 'changed' && result.status !== 'new') return false;
  return !result.baselineWritten || update === 'missing';
}

/** The modes in words, for the report's header. */
const PAGE_MODES_TEXT = `pages in ${PAGE_MODES.map((mode) => `${mode.colorScheme} at ${mode.viewport.width} × ${mode.viewport.height}`).join(', ')}`;

/**
 * The page run's report (index.html, summary.json, summary.md) from its recorded results. Page
 * baselines this run did not capture are named in its notice, not judged removed: a filtered run, or
 * a test that failed before its snapshot, captures fewer pages without any having gone.
 */
export function writePageReport(dir: string, baselines: string): { results: RecordedResult[] } {
  const { results, unreadable } = readPageResults(dir);
  const captured = new Set(results.map((result) => `${result.id}@${result.mode}`));
  let notCaptured: string[] = [];
  try {
    notCaptured = readdirSync(join(baselines, PAGES_FOLDER))
      .map((file) => parseBaselineFile(`${PAGES_FOLDER}/${file}`))
      .filter((parsed) => parsed?.ext === 'png' && !captured.has(`${parsed.storyId}@${parsed.mode}`))
      .map((parsed) => `${parsed?.storyId}@${parsed?.mode}`);
  } catch {
    // No page baselines yet.
  }
  const notice = [
    unreadable.length ? `${unreadable.length} recorded result(s) could not be read and are not shown: ${unreadable.slice(0, 5).join(', ')}.` : '',
    notCaptured.length
      ? `${notCaptured.length} page baseline(s) were not captured by this run (filtered out, their test failed first, or their snapshot is gone: delete its files then): ${notCaptured.slice(0, 5).join(', ')}${notCaptured.length > 5 ? ', …' : ''}.`
      : '',
  ]
    .filter(Boolean)
    .join(' ');
  results.sort((a, b) => `${a.id}@${a.mode}`.localeCompare(`${b.id}@${b.mode}`));
  writeReport(dir, results, PAGE_MODES_TEXT, notice || undefined);
  return { results };
}
