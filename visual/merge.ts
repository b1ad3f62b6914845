// `npm run visual:merge -- <target> <source…> [--baselines DIR]`: one report (index.html, summary.json,
// summary.md) from several visual runs: the shards of a run (`test:visual --shard I/N`), the stories' run
// and the E2E run's page snapshots. Each source's images are copied into the target under the same
// names; captures are listed once. With every shard of a split there, a baseline no shard captured is
// removed, as in a single run; a shard missing is named, and fails the merge. Exit code as a single
// run's: 1 when a capture changed, is new, removed or errored, or a run could not be read.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { baselineFile } from './baseline-names';
import { captureId } from './groups';
import { removedBaselines } from './judge';
import { writeReport, type LeftOut } from './report';
import { countByStatus, type StoryResult } from './results';
import type { ShardStamp } from './shards';

const IMAGE_KINDS = ['current', 'baseline', 'diff'] as const;

interface RunSummary {
  modes?: string;
  notice?: string;
  leftOut?: LeftOut[];
  shard?: ShardStamp;
  stories: StoryResult[];
}

/** With every shard of a split there, the removed baselines (none is judged while a shard is missing). */
function removedAcrossShards(
  stamps: ShardStamp[],
  results: StoryResult[],
  leftOut: LeftOut[],
  baselines: string | undefined,
): { removed: StoryResult[]; problems: string[] } {
  if (stamps.length === 0) return { removed: [], problems: [] };
  const count = stamps[0]?.count ?? 0;
  const split = JSON.stringify(stamps[0]?.stories ?? []);
  if (stamps.some((stamp) => stamp.count !== count || JSON.stringify(stamp.stories) !== split))
    return { removed: [], problems: ['the shards come from different splits (other counts or other stories); removed baselines were not judged'] };
  const shares = stamps.flatMap((stamp) => stamp.share ?? []);
  if (new Set(shares).size !== shares.length || stamps.some((stamp) => !Array.isArray(stamp.share)))
    return { removed: [], problems: ['the shards were split differently (a story is in two of them); removed baselines were not judged'] };
  const present = new Set(stamps.map((stamp) => stamp.index));
  const missing = Array.from({ length: count }, (_, index) => index + 1).filter((index) => !present.has(index));
  if (missing.length)
    return {
      removed: [],
      problems: [
        `shard(s) ${missing.map((index) => `${index}/${count}`).join(', ')} missing: their stories are not in the report, and removed baselines were not judged`,
      ],
    };
  if (!baselines) return { removed: [], problems: [] };
  return { removed: removedBaselines(results, baselines, new Set(leftOut.map((item) => item.storyId))), problems: [] };
}

/** A run's summary; undefined (with why) when the folder holds none, so one missing run loses no other. */
function readRun(dir: string): RunSummary | string {
  const file = join(dir, 'summary.json');
  if (!existsSync(file)) return `${file} is missing`;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunSummary>;
    if (!Array.isArray(parsed.stories)) return `${file} lists no captures`;
    return { ...parsed, stories: parsed.stories.filter((story) => typeof story?.id === 'string' && typeof story.mode === 'string') };
  } catch (error) {
    return `${file} could not be read (${error instanceof Error ? error.message : String(error)})`;
  }
}

/** The images a run wrote for a capture, found by name (summary.json leaves the paths out). */
function imagesOf(dir: string, result: StoryResult): StoryResult['files'] {
  const files: NonNullable<StoryResult['files']> = {};
  for (const kind of IMAGE_KINDS) {
    let name: string;
    try {
      name = join(kind, baselineFile(result.id, result.mode));
    } catch {
      continue;
    }
    if (existsSync(join(dir, name))) files[kind] = name;
  }
  return files;
}

/** Merges `sources` (the target may be one of them) into one report in `target`. Returns what was left out and why. */
export function mergeRuns(target: string, sources: string[], baselines?: string): { results: StoryResult[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<string>();
  const results: StoryResult[] = [];
  const modes: string[] = [];
  const notices: string[] = [];
  const leftOut: LeftOut[] = [];
  const stamps: ShardStamp[] = [];
  for (const source of sources) {
    const run = readRun(source);
    if (typeof run === 'string') {
      problems.push(`${run}: its captures are not in the merged report`);
      continue;
    }
    if (run.modes && !modes.includes(run.modes)) modes.push(run.modes);
    if (run.notice && !notices.includes(run.notice)) notices.push(run.notice);
    if (run.shard) stamps.push(run.shard);
    leftOut.push(...(run.leftOut ?? []));
    for (const result of run.stories) {
      const id = captureId(result);
      if (seen.has(id)) {
        problems.push(`${id} is in more than one run; the first is kept (${source} left out)`);
        continue;
      }
      seen.add(id);
      const files = imagesOf(source, result);
      if (resolve(source) !== resolve(target))
        for (const file of Object.values(files ?? {})) {
          mkdirSync(dirname(join(target, file)), { recursive: true });
          copyFileSync(join(source, file), join(target, file));
        }
      results.push({ ...result, ...(files && Object.keys(files).length ? { files } : {}) });
    }
  }
  const shards = removedAcrossShards(stamps, results, leftOut, baselines);
  results.push(...shards.removed);
  problems.push(...shards.problems);
  results.sort((a, b) => captureId(a).localeCompare(captureId(b)));
  writeReport(target, results, modes.join('; '), notices.join(' ') || undefined, leftOut);
  return { results, problems };
}

// Run as a command: the first folder is the target, every folder (the target too) a source.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const { values, positionals } = parseArgs({ allowPositionals: true, options: { baselines: { type: 'string', default: 'visual/baselines' } } });
  const [target, ...rest] = positionals;
  if (!target || rest.length === 0) {
    console.error('Usage: npm run visual:merge -- <target> <source…> [--baselines DIR] (e.g. visual-report visual-pages, or the folders of each shard)');
    process.exit(2);
  }
  const named = [...new Set([target, ...rest].map((dir) => resolve(dir)))];
  const sources = named.filter((dir) => existsSync(dir));
  const { results, problems } = mergeRuns(resolve(target), sources, resolve(values.baselines));
  for (const dir of named.filter((one) => !existsSync(one))) problems.push(`${dir} does not exist: its captures are not in the merged report`);
  for (const problem of problems) console.log(`  ${problem}`);
  console.log(`Merged ${results.length} capture(s) from ${sources.length} run(s): ${join(target, 'index.html')}`);
  const counts = countByStatus(results);
  const failed = counts.changed + counts.new + counts.removed + counts.error;
  console.log(`${counts.unchanged} passed, ${failed} failed`);
  process.exit(failed === 0 && problems.length === 0 ? 0 : 1);
}
