import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname } from 'node:path';
import { parseShard, splitLongestFirst } from '../scripts/shard-split';
import type { IndexEntry } from './storybook';

/**
 * Where a whole run keeps each story's capture time (all its modes), for the next run's shards. A
 * shard writes its times only beside its report: shards run one after another here must split alike.
 */
export const TIMINGS_FILE = '.cache/visual-timings.json';

/** What a shard's summary says of it, so a merge knows whether every shard is there. */
export interface ShardStamp {
  index: number;
  count: number;
  /** Every story of the run before it was split, so the merge can tell a removed story from another shard's. */
  stories: string[];
  /** This shard's stories: the merge checks that the shards' shares cover every story exactly once. */
  share: string[];
}

/** Capture times (ms) by story id, read entry by entry: one that is not a number is left out. */
export function readTimings(file = TIMINGS_FILE): Map<string, number> {
  if (!existsSync(file)) return new Map();
  try {
    const parsed: unknown = JSON.parse(readFileSync(file, 'utf8'));
    if (!parsed || typeof parsed !== 'object') return new Map();
    return new Map(
      Object.entries(parsed).filter((entry): entry is [string, number] => typeof entry[1] === 'number' && Number.isFinite(entry[1]) && entry[1] >= 0),
    );
  } catch {
    return new Map();
  }
}

/** Adds this run's capture times to the file, keeping the other stories'. */
export function writeTimings(timings: Map<string, number>, file = TIMINGS_FILE): void {
  const all = new Map([...readTimings(file), ...timings]);
  mkdirSync(dirname(file), { recursive: true });
  writeFileSync(file, `${JSON.stringify(Object.fromEntries([...all].sort(([a], [b]) => a.localeCompare(b))), null, 2)}\n`);
}

/**
 * The stories of shard `I/N`: split longest first by their last capture time (a story never timed
 * counts as the mean of those that were, or all alike when none was), all of a story's modes in one
 * shard, each shard's stories in the index's order (the order a single run captures them in).
 */
export function storiesOfShard(
  stories: readonly IndexEntry[],
  timings: Map<string, number>,
  shard: string,
): { stories: IndexEntry[]; stamp: ShardStamp; expectedMs: number[]; timed: number } {
  const { index, count } = parseShard(shard);
  const known = stories.map((story) => timings.get(story.id)).filter((ms): ms is number => ms !== undefined);
  const fallback = known.length ? known.reduce((sum, ms) => sum + ms, 0) / known.length : 1;
  const shards = splitLongestFirst(
    stories,
    (story) => timings.get(story.id) ?? fallback,
    (story) => story.id,
    count,
  );
  const mine = new Set((shards[index - 1]?.items ?? []).map((story) => story.id));
  return {
    stories: stories.filter((story) => mine.has(story.id)),
    stamp: { index, count, stories: stories.map((story) => story.id), share: [...mine].sort() },
    expectedMs: shards.map((one) => one.expectedMs),
    timed: known.length,
  };
}
