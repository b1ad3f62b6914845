import { existsSync, readFileSync, readdirSync, rmSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { compareA11y, describeViolation, formatA11y, parseA11yFile, type A11yViolation } from './a11y';
import { baselineFile, parseBaselineFile } from './baseline-names';
import type { Shot } from './capture';
import { comparePngs, DEFAULT_THRESHOLD } from './compare';
import type { StoryResult } from './results';
import { explainCauses } from './causes';
import type { LocateRule } from './rule-sources';
import type { Structure } from './structure';

/** How many consequences (inherited styles, moved boxes) follow the causes in a capture's why. */
const CONSEQUENCES_SHOWN = 12;

export interface Folders {
  baselines: string;
  report: string;
  /** Where the Storybook's stylesheets are written, when they are this checkout's. */
  locateRule?: LocateRule;
}

/** One element per line, so a baseline's structure reads and diffs in review like code. */
export function formatStructure(structure: Structure): string {
  const lines = (items: unknown[]) => items.map((item) => `  ${JSON.stringify(item)}`).join(',\n');
  const rules = structure.rules ? `,"rules":[\n${lines(structure.rules)}\n]` : '';
  return `{${structure.truncated ? '"truncated":true,' : ''}"nodes":[\n${lines(structure.nodes)}\n]${rules}}\n`;
}

function readStructureFile(path: string): Structure | undefined {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Structure;
  } catch {
    return undefined;
  }
}

/** A story that failed before its modes were known (`*`) has a baseline if any of its modes has one. */
function hasBaseline(shot: Shot, baselines: string): boolean {
  if (shot.mode !== '*') return existsSync(join(baselines, baselineFile(shot.storyId, shot.mode)));
  return existsSync(baselines) && readdirSync(baselines).some((file) => parseBaselineFile(file)?.storyId === shot.storyId);
}

/** Writes a report or baseline file, making its folder first (a page snapshot's is `pages/`). */
function write(path: string, data: Buffer | string): void {
  mkdirSync(dirname(path), { recursive: true });
  writeFileSync(path, data);
}

/** Compares one capture with its baseline, its pixels and its accessibility (visual/a11y.ts). */
export function judge(shot: Shot, folders: Folders): StoryResult {
  return withAccessibility(judgePixels(shot, folders), shot, folders);
}

function judgePixels(shot: Shot, folders: Folders): StoryResult {
  const base = { id: shot.storyId, title: shot.title, name: shot.name, mode: shot.mode, ...(shot.notes.length ? { notes: shot.notes } : {}) };
  if (shot.error || !shot.png) {
    // Said outright, so a story that fails before it ever had a baseline is not taken for a new one later.
    const noBaseline = hasBaseline(shot, folders.baselines) ? '' : ' (error, no baseline yet)';
    return { ...base, status: 'error', diffRatio: 1, reason: `${shot.error ?? 'no screenshot'}${noBaseline}` };
  }
  const name = baselineFile(shot.storyId, shot.mode);
  const currentFile = join('current', name);
  write(join(folders.report, currentFile), shot.png);
  if (shot.structure) write(join(folders.report, 'current', baselineFile(shot.storyId, shot.mode, 'json')), formatStructure(shot.structure));
  const baselinePath = join(folders.baselines, name);
  if (!existsSync(baselinePath)) return { ...base, status: 'new', diffRatio: 1, reason: 'no baseline yet', files: { current: currentFile } };
  const baseline = readFileSync(baselinePath);
  const result = comparePngs(baseline, shot.png, shot.threshold ?? DEFAULT_THRESHOLD, shot.colorThreshold);
  const before = readStructureFile(join(folders.baselines, baselineFile(shot.storyId, shot.mode, 'json')));
  const why = () => (before && shot.structure ? explainCauses(before, shot.structure, folders.locateRule) : undefined);
  if (result.status === 'unchanged' && !result.tolerated) return { ...base, status: 'unchanged', diffRatio: 0 };
  const baselineCopy = join('baseline', name);
  write(join(folders.report, baselineCopy), baseline);
  // The structure too, so an accepted change can be undone from the report.
  const structureName = baselineFile(shot.storyId, shot.mode, 'json');
  if (existsSync(join(folders.baselines, structureName)))
    write(join(folders.report, 'baseline', structureName), readFileSync(join(folders.baselines, structureName)));
  if (result.status === 'error')
    return { ...base, status: 'error', diffRatio: 1, reason: result.reason, files: { baseline: baselineCopy, current: currentFile } };
  const diffFile = join('diff', name);
  if (result.diffPng) write(join(folders.report, diffFile), result.diffPng);
  const files = { baseline: baselineCopy, current: currentFile, ...(result.diffPng ? { diff: diffFile } : {}) };
  const explanation = why();
  const whyLines =
    explanation === undefined
      ? {}
      : explanation.causes.length === 0
        ? { why: ["only pixels changed: the structure and painted styles are the same (an image, a canvas, a font's rendering)"] }
        : { why: [...explanation.causes.map((c) => c.text), ...explanation.consequences.slice(0, CONSEQUENCES_SHOWN)], causes: explanation.causes };
  if (result.status === 'unchanged') {
    return {
      ...base,
      status: 'unchanged',
      diffRatio: result.diffRatio,
      reason: `${result.differingPixels} pixel(s) differ, within this story's tolerance`,
      files,
      ...whyLines,
    };
  }
  return { ...base, status: 'changed', diffRatio: result.diffRatio, reason: result.reason ?? `${result.differingPixels} pixel(s) differ`, files, ...whyLines };
}

/**
 * The capture's violations against its accessibility baseline. New ones fail it (an unchanged
 * capture becomes changed, so accepting records them); known ones and resolved ones are listed; with
 * no accessibility baseline yet, this run's violations are recorded as the debt to start from.
 */
function withAccessibility(result: StoryResult, shot: Shot, folders: Folders): StoryResult {
  if (result.status === 'error' || !shot.a11y) return result;
  const name = baselineFile(shot.storyId, shot.mode, 'a11y.json');
  write(join(folders.report, 'current', name), formatA11y(shot.a11y));
  const baselinePath = join(folders.baselines, name);
  if (result.status === 'new' || !existsSync(baselinePath))
    return { ...result, a11y: { added: [], known: shot.a11y.map(describeViolation), resolved: [], unrecorded: true } };
  let baseline: A11yViolation[] = [];
  const notes = [...(result.notes ?? [])];
  try {
    baseline = parseA11yFile(readFileSync(baselinePath, 'utf8'));
  } catch {
    notes.push(`${name} in the baselines could not be read; every violation counts as new`);
  }
  write(join(folders.report, 'baseline', name), readFileSync(baselinePath));
  const { added, known, resolved } = compareA11y(baseline, shot.a11y);
  const a11y = { added: added.map(describeViolation), known: known.map(describeViolation), resolved: resolved.map(describeViolation) };
  const withNotes = { ...result, ...(notes.length ? { notes } : {}), a11y };
  if (added.length === 0) return withNotes;
  // A change's causes come first (what the reviewer decides on, and what groups the capture); a new
  // violation follows them, before their consequences. Where no cause is named, the violation leads.
  const named = result.causes?.length ?? 0;
  const why = [...(result.why ?? []).slice(0, named), ...a11y.added.map((line) => `new accessibility violation: ${line}`), ...(result.why ?? []).slice(named)];
  if (result.status !== 'unchanged') return { ...withNotes, why };
  // Pixels alike, accessibility not: the capture fails, with both images for review.
  const baselineCopy = join('baseline', baselineFile(shot.storyId, shot.mode));
  write(join(folders.report, baselineCopy), readFileSync(join(folders.baselines, baselineFile(shot.storyId, shot.mode))));
  return {
    ...withNotes,
    status: 'changed',
    reason: `${added.length} new accessibility violation(s)`,
    why,
    files: { ...result.files, baseline: baselineCopy, current: join('current', baselineFile(shot.storyId, shot.mode)) },
  };
}

/**
 * Baselines whose story (or mode) is gone; a story that errored this run, or that its own parameters
 * leave out, keeps its baselines.
 */
export function removedBaselines(results: StoryResult[], baselines: string, leftOut: Set<string> = new Set()): StoryResult[] {
  if (!existsSync(baselines)) return [];
  const seen = new Set(results.map((result) => `${result.id}@${result.mode}`));
  const errored = new Set(results.filter((result) => result.status === 'error').map((result) => result.id));
  const removed: StoryResult[] = [];
  for (const file of readdirSync(baselines).sort()) {
    const parsed = parseBaselineFile(file);
    if (!parsed || parsed.ext !== 'png' || seen.has(`${parsed.storyId}@${parsed.mode}`) || errored.has(parsed.storyId) || leftOut.has(parsed.storyId)) continue;
    removed.push({
      id: parsed.storyId,
      title: parsed.storyId,
      name: '',
      mode: parsed.mode,
      status: 'removed',
      diffRatio: 1,
      reason: 'the baseline has no story (or mode) any more',
    });
  }
  return removed;
}

/** `--update`: writes what changed or is new (with its structure), deletes what was removed. */
export function applyUpdate(results: StoryResult[], folders: Folders): void {
  mkdirSync(folders.baselines, { recursive: true });
  for (const result of results) {
    if (result.status === 'error') continue;
    const png = baselineFile(result.id, result.mode);
    const json = baselineFile(result.id, result.mode, 'json');
    const a11y = baselineFile(result.id, result.mode, 'a11y.json');
    if (result.status === 'removed') {
      for (const file of [png, json, a11y]) rmSync(join(folders.baselines, file), { force: true });
      continue;
    }
    const current = join(folders.report, 'current');
    if (result.status === 'changed' || result.status === 'new') write(join(folders.baselines, png), readFileSync(join(current, png)));
    // Every baseline gets its structure and accessibility beside it, so the next change can be explained.
    for (const file of [json, a11y]) if (existsSync(join(current, file))) write(join(folders.baselines, file), readFileSync(join(current, file)));
  }
}
