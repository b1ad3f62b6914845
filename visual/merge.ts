// `npm run visual:merge -- <target> <source…>`: one report (index.html, summary.json, summary.md)
// from several visual runs: the stories' run and the E2E run's page snapshots. Each source's
// images are copied into the target under the same names; captures are listed once.
import { copyFileSync, existsSync, mkdirSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { baselineFile } from './baseline-names';
import { captureId } from './groups';
import { writeReport, type LeftOut } from './report';
import type { StoryResult } from './results';

const IMAGE_KINDS = ['current', 'baseline', 'diff'] as const;

interface RunSummary {
  modes?: string;
  notice?: string;
  leftOut?: LeftOut[];
  stories: StoryResult[];
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
export function mergeRuns(target: string, sources: string[]): { results: StoryResult[]; problems: string[] } {
  const problems: string[] = [];
  const seen = new Set<string>();
  const results: StoryResult[] = [];
  const modes: string[] = [];
  const notices: string[] = [];
  const leftOut: LeftOut[] = [];
  for (const source of sources) {
    const run = readRun(source);
    if (typeof run === 'string') {
      problems.push(`${run}: its captures are not in the merged report`);
      continue;
    }
    if (run.modes) modes.push(run.modes);
    if (run.notice) notices.push(run.notice);
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
  results.sort((a, b) => captureId(a).localeCompare(captureId(b)));
  writeReport(target, results, modes.join('; '), notices.join(' ') || undefined, leftOut);
  return { results, problems };
}

// Run as a command: the first folder is the target, every folder (the target too) a source.
if (process.argv[1] && resolve(process.argv[1]) === resolve(import.meta.filename)) {
  const [target, ...rest] = process.argv.slice(2);
  if (!target || rest.length === 0) {
    console.error('Usage: npm run visual:merge -- <target> <source…> (e.g. visual-report visual-pages)');
    process.exit(2);
  }
  const sources = [...new Set([target, ...rest].map((dir) => resolve(dir)))].filter((dir) => existsSync(dir));
  const { results, problems } = mergeRuns(resolve(target), sources);
  for (const problem of problems) console.log(`  ${problem}`);
  console.log(`Merged ${results.length} capture(s) from ${sources.length} run(s): ${join(target, 'index.html')}`);
}
