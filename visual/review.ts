import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { baselineFile } from './baseline-names';
import { sha256 } from './compare';
import { captureId, type CauseGroup } from './groups';
import type { Folders } from './judge';
import { isDecidable, type StoryResult } from './results';

/**
 * A reviewer's decision on one capture, kept in visual/review.json beside the baselines so the
 * decisions are reviewed with them in the pull request. One entry per capture: the latest decision.
 */
export interface Decision {
  capture: string;
  decision: 'accepted' | 'rejected';
  causes: string[];
  /** sha256 of the baseline PNG before and after the decision; null where there was none. */
  before: string | null;
  after: string | null;
  time: string;
  reviewer: string;
  reason?: string;
}

/** What the last run wrote (visual-report/summary.json), as far as review needs it. */
export interface RunSummary {
  groups: CauseGroup[];
  stories: StoryResult[];
}

export const REVIEW_FILE = 'review.json';

/**
 * The captures a target names: a capture id (`story--id@mode`), a story id (all its modes), a
 * group id (`c-…`), a glob over capture ids (`hitl-*@dark`), or `all`. A target that names
 * nothing is returned in `unknown`, so a typo is an error, never a silent no-op.
 */
export function selectCaptures(summary: RunSummary, targets: string[]): { captures: string[]; unknown: string[] } {
  const decidable = summary.stories.filter(isDecidable).map(captureId);
  const picked = new Set<string>();
  const unknown: string[] = [];
  for (const target of targets) {
    const group = summary.groups.find((candidate) => candidate.id === target);
    const pattern = globToRegExp(target);
    const matches =
      target === 'all' ? decidable : group ? group.captures : decidable.filter((id) => id === target || id.startsWith(`${target}@`) || pattern.test(id));
    if (matches.length === 0) unknown.push(target);
    for (const id of matches) picked.add(id);
  }
  return { captures: [...picked], unknown };
}

function globToRegExp(glob: string): RegExp {
  const escaped = glob
    .replace(/[.+^${}()|[\]\\]/g, '\\$&')
    .replace(/\*/g, '.*')
    .replace(/\?/g, '.');
  return new RegExp(`^${escaped}$`);
}

export function readSummary(report: string): RunSummary {
  const file = join(report, 'summary.json');
  if (!existsSync(file)) throw new Error(`${file} is missing: run npm run test:visual first, then review its result.`);
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunSummary>;
  if (!Array.isArray(parsed.stories)) throw new Error(`${file} lists no stories: it is not a visual run's summary.`);
  return { groups: Array.isArray(parsed.groups) ? parsed.groups : [], stories: parsed.stories };
}

export function readDecisions(baselines: string): Decision[] {
  const file = join(baselines, '..', REVIEW_FILE);
  if (!existsSync(file)) return [];
  const parsed = JSON.parse(readFileSync(file, 'utf8')) as { decisions?: Decision[] };
  return Array.isArray(parsed.decisions) ? parsed.decisions : [];
}

/** One decision per line, sorted by capture, so review.json diffs like code. */
function writeDecisions(baselines: string, decisions: Decision[]): void {
  const sorted = [...decisions].sort((a, b) => a.capture.localeCompare(b.capture));
  const lines = sorted.map((decision) => `  ${JSON.stringify(decision)}`).join(',\n');
  writeFileSync(join(baselines, '..', REVIEW_FILE), sorted.length ? `{"decisions":[\n${lines}\n]}\n` : '{"decisions":[]}\n');
}

const hashOf = (file: string) => (existsSync(file) ? sha256(readFileSync(file)) : null);

/** The capture's baseline files (PNG, structure) and its copies in the report. */
function filesOf(capture: string, folders: Folders) {
  const at = capture.lastIndexOf('@');
  const [storyId, mode] = [capture.slice(0, at), capture.slice(at + 1)];
  const names = [baselineFile(storyId, mode), baselineFile(storyId, mode, 'json'), baselineFile(storyId, mode, 'a11y.json')];
  return names.map((name) => ({
    baseline: join(folders.baselines, name),
    current: join(folders.report, 'current', name),
    previous: join(folders.report, 'baseline', name),
  }));
}

/** Copies a file, making its folder first: a page snapshot's sit one folder down (pages/). */
function copyInto(from: string, to: string): void {
  mkdirSync(dirname(to), { recursive: true });
  copyFileSync(from, to);
}

/** Who decides: git's user.name, as the commit with the baselines will say. */
export function gitReviewer(): string {
  const name = spawnSync('git', ['config', 'user.name'], { encoding: 'utf8' }).stdout?.trim();
  return name || process.env.USER || 'unknown';
}

export interface DecideOptions {
  reviewer: string;
  reason?: string;
  now?: Date;
}

/**
 * Accepting writes the capture (PNG and structure) as its baseline at once, or deletes a removed
 * story's; the baseline it replaces stays in the report (baseline/) so undo can restore it.
 * Rejecting changes no baseline: the next run still fails on the capture and names the rejection.
 */
export function decide(summary: RunSummary, captures: string[], decision: Decision['decision'], folders: Folders, options: DecideOptions): Decision[] {
  const decisions = new Map(readDecisions(folders.baselines).map((entry) => [entry.capture, entry]));
  const byCapture = new Map(summary.stories.map((story) => [captureId(story), story]));
  const made: Decision[] = [];
  for (const capture of captures) {
    const story = byCapture.get(capture);
    if (!story || !isDecidable(story)) throw new Error(`${capture} has nothing to decide in the last run (${story?.status ?? 'not in it'}).`);
    const [png, json, a11y] = filesOf(capture, folders);
    if (!png || !json || !a11y) continue;
    const before = hashOf(png.baseline);
    if (decision === 'accepted') {
      for (const file of [png, json, a11y]) {
        if (existsSync(file.baseline) && !existsSync(file.previous)) copyInto(file.baseline, file.previous);
        if (story.status === 'removed') rmSync(file.baseline, { force: true });
        else if (existsSync(file.current)) copyInto(file.current, file.baseline);
      }
    }
    const entry: Decision = {
      capture,
      decision,
      causes: (story.causes ?? []).map((cause) => cause.text),
      before,
      after: decision === 'accepted' ? hashOf(png.baseline) : hashOf(png.current),
      time: (options.now ?? new Date()).toISOString(),
      reviewer: options.reviewer,
      ...(options.reason ? { reason: options.reason } : {}),
    };
    decisions.set(capture, entry);
    made.push(entry);
  }
  writeDecisions(folders.baselines, [...decisions.values()]);
  return made;
}

/** Takes a capture's decision back: an accepted baseline is restored from the report's copy (or removed if it was new). */
export function undo(captures: string[], folders: Folders): string[] {
  const decisions = new Map(readDecisions(folders.baselines).map((entry) => [entry.capture, entry]));
  const undone: string[] = [];
  for (const capture of captures) {
    const entry = decisions.get(capture);
    if (!entry) continue;
    if (entry.decision === 'accepted') {
      const [png, ...beside] = filesOf(capture, folders);
      if (png && !existsSync(png.previous) && entry.before !== null)
        throw new Error(`cannot undo ${capture}: the baseline it replaced is not in the report any more (${png.previous}).`);
      // Accepting kept a copy of every baseline file it replaced: one without a copy did not exist before.
      for (const file of [...(png ? [png] : []), ...beside]) {
        if (existsSync(file.previous)) copyInto(file.previous, file.baseline);
        else rmSync(file.baseline, { force: true });
      }
    }
    decisions.delete(capture);
    undone.push(capture);
  }
  writeDecisions(folders.baselines, [...decisions.values()]);
  return undone;
}

/**
 * A capture a reviewer rejected stays failed, and says so: the next run of the same pixels carries
 * the rejection (who, when, why) into the report and the PR comment.
 */
export function markRejections(results: StoryResult[], decisions: Decision[], folders: Folders): StoryResult[] {
  const rejected = new Map(decisions.filter((entry) => entry.decision === 'rejected').map((entry) => [entry.capture, entry]));
  return results.map((result) => {
    const entry = rejected.get(captureId(result));
    if (!entry || result.status === 'unchanged') return result;
    const current = result.files?.current ? hashOf(join(folders.report, result.files.current)) : null;
    if (current !== entry.after) return result;
    return { ...result, rejected: `rejected by ${entry.reviewer} on ${entry.time.slice(0, 10)}${entry.reason ? `: ${entry.reason}` : ''}` };
  });
}
