// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { storiesOfShard } from './shards';
import { ensureStorybookBuild } from './storybook';
import type { IndexEntry } from './storybook';

const entry = (id: string): IndexEntry => ({ id, title: id, name: id, type: 'story', importPath: `./${id}.stories.tsx` });

describe('a share of the stories', () => {
  const stories = ['a', 'b', 'c', 'd', 'e'].map(entry);

  it('splits by last capture time, longest first to the lightest shard, each shard in index order', () => {
    const timings = new Map([
      ['a', 100],
      ['b', 900],
      ['c', 500],
      ['d', 400],
      ['e', 100],
    ]);
    const one = storiesOfShard(stories, timings, '1/2');
    const two = storiesOfShard(stories, timings, '2/2');
    // b (900) → 1; c (500) → 2; d (400) → 2 (900 > 500); a (100) → 1 … e → 2: 1000 and 1000.
    expect(one.stories.map((story) => story.id)).toEqual(['a', 'b']);
    expect(two.stories.map((story) => story.id)).toEqual(['c', 'd', 'e']);
    expect(one.expectedMs).toEqual([1000, 1000]);
    expect(one.stamp).toEqual({ index: 1, count: 2, stories: ['a', 'b', 'c', 'd', 'e'], share: ['a', 'b'] });
  });

  it('times a story never captured by the mean of those that were, and every story alike when none was', () => {
    const mean = storiesOfShard(stories, new Map([['a', 300]]), '1/2');
    expect(mean.timed).toBe(1);
    expect(mean.expectedMs).toEqual([900, 600]);
    const alike = [1, 2, 3].map((index) => storiesOfShard(stories, new Map(), `${index}/3`).stories.map((story) => story.id));
    expect(alike.flat().sort()).toEqual(['a', 'b', 'c', 'd', 'e']);
    expect(alike.map((share) => share.length)).toEqual([2, 2, 1]);
  });

  it('names a shard written wrong', () => {
    expect(() => storiesOfShard(stories, new Map(), '3/2')).toThrow('--shard 3/2: write I/N with 1 ≤ I ≤ N, e.g. 2/4.');
  });
});

// The runner as a user runs it, on a Storybook that is not ours: two shards merged are the single run.
const STORYBOOK = '.cache/foreign-storybook';
const run = (...args: string[]) =>
  spawnSync(process.execPath, ['node_modules/tsx/dist/cli.mjs', ...args], { encoding: 'utf8', env: { ...process.env, FORCE_COLOR: '0' } });
type Summary = { counts: Record<string, number>; stories: { id: string; mode: string; status: string; reason?: string }[]; shard?: { index: number } };
const summary = (dir: string) => JSON.parse(readFileSync(join(dir, 'summary.json'), 'utf8')) as Summary;
// Except the fixture's Spinner: it counts its own animation frames, which no runner can pin (its note
// says it may differ between runs), so it differs between any two runs, sharded or not.
const captures = (dir: string) =>
  summary(dir)
    .stories.filter((story) => story.id !== 'foreign-widgets--spinner')
    .map((story) => `${story.id}@${story.mode} ${story.status}${story.status === 'removed' ? ` (${story.reason})` : ''}`)
    .sort();

describe('visual shards, merged', () => {
  let root: string;
  let baselines: string;
  const out = (name: string) => join(root, name);

  beforeAll(() => {
    ensureStorybookBuild(process.cwd(), STORYBOOK, {
      configDir: 'visual/test-data/foreign-storybook/.storybook',
      inputs: ['visual/test-data/foreign-storybook', 'package-lock.json'],
      quiet: true,
    });
    root = mkdtempSync(join(tmpdir(), 'visual-shards-'));
    baselines = out('baselines');
    // Baselines for every capture, then one whose story is gone: the single run calls it removed.
    // (It exits 1 all the same: the Storybook's story that throws is an error, --update or not.)
    run('visual/run.ts', '--storybook-dir', STORYBOOK, '--baselines', baselines, '--report', out('update'), '--update');
    const first = readdirSync(baselines).find((name) => name.endsWith('.png')) as string;
    copyFileSync(join(baselines, first), join(baselines, `foreign-widgets--gone@${first.split('@')[1]}`));
    for (const [name, extra] of [
      ['single', []],
      ['shard-1', ['--shard', '1/2']],
      ['shard-2', ['--shard', '2/2']],
    ] as const)
      run('visual/run.ts', '--storybook-dir', STORYBOOK, '--baselines', baselines, '--report', out(name), ...extra);
  }, 300_000);

  it('each story is in exactly one shard', () => {
    const one = new Set(summary(out('shard-1')).stories.map((story) => story.id));
    const two = new Set(summary(out('shard-2')).stories.map((story) => story.id));
    expect([...one].filter((id) => two.has(id))).toEqual([]);
    expect(one.size).toBeGreaterThan(0);
    expect(two.size).toBeGreaterThan(0);
  });

  it('the merge of both shards lists what the single run lists, the removed baseline included, and exits as it did', () => {
    const single = run('visual/merge.ts', out('single-again'), out('single'), '--baselines', baselines);
    const merged = run('visual/merge.ts', out('merged'), out('shard-1'), out('shard-2'), '--baselines', baselines);
    expect(captures(out('merged'))).toEqual(captures(out('single')));
    expect(captures(out('merged'))).toContain(
      `foreign-widgets--gone@${
        captures(out('single'))
          .find((line) => line.includes('--gone@'))
          ?.split('@')[1]
      }`,
    );
    // The foreign Storybook has a story that throws: a single run fails for it, and so does the merge.
    expect(single.status).toBe(1);
    expect(merged.status).toBe(1);
    expect(summary(out('merged')).counts.error).toBe(summary(out('single')).counts.error);
  });

  it('a shard missing is named, no baseline is called removed, and the merge fails', () => {
    mkdirSync(out('partial'), { recursive: true });
    const partial = run('visual/merge.ts', out('partial'), out('shard-1'), '--baselines', baselines);
    expect(partial.status).toBe(1);
    expect(partial.stdout).toContain('shard(s) 2/2 missing: their stories are not in the report, and removed baselines were not judged');
    expect(summary(out('partial')).stories.filter((story) => story.status === 'removed')).toEqual([]);
  });
});
