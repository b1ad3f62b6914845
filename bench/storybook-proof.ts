// The visual runner on a Storybook built elsewhere, as its authors build it: baselines once, then
// unchanged runs (every changed capture is a false diff, every error is listed), then a colour and
// a text seeded into a copy of the build, counted on the captures that show them.
//
//   npm run bench:storybook -- --storybook-dir ../other/storybook-static --runs 10 \
//     --color '#1EA7FD:#ff00ff' --text 'Sign up:Join now'
import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';

interface Summary {
  counts: Record<string, number>;
  stories: { id: string; mode: string; status: string; reason?: string; why?: string[]; notes?: string[] }[];
}

const { values } = parseArgs({
  options: {
    'storybook-dir': { type: 'string' },
    runs: { type: 'string', default: '10' },
    color: { type: 'string' },
    text: { type: 'string' },
  },
});
if (!values['storybook-dir']) throw new Error('--storybook-dir DIR is required');
const storybook = resolve(values['storybook-dir']);
const work = mkdtempSync(join(tmpdir(), 'storybook-proof-'));
const baselines = join(work, 'baselines');

/** One run of the runner's command line; the summary it wrote and its time per snapshot. */
function run(dir: string, report: string, update = false): { summary: Summary; msEach: number } {
  const args = ['node_modules/tsx/dist/cli.mjs', 'visual/run.ts', '--storybook-dir', dir, '--baselines', baselines, '--report', report];
  const result = spawnSync(process.execPath, update ? [...args, '--update'] : args, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const each = /\((\d+) ms each\)/.exec(result.stdout)?.[1];
  if (result.status !== 0 && result.status !== 1) throw new Error(`the runner failed (${result.status}): ${result.stderr.slice(-2_000)}`);
  return { summary: JSON.parse(readFileSync(join(report, 'summary.json'), 'utf8')) as Summary, msEach: Number(each) };
}

/** A copy of the build with `from` replaced by `to` in every script, stylesheet and page. */
function seeded(name: string, from: string, to: string): string {
  const copy = join(work, name);
  cpSync(storybook, copy, { recursive: true });
  const pattern = new RegExp(from.replace(/[.*+?^${}()|[\]\\]/g, '\\$&'), 'gi');
  let replaced = 0;
  const visit = (dir: string) => {
    for (const entry of readdirSync(dir)) {
      const path = join(dir, entry);
      if (statSync(path).isDirectory()) visit(path);
      else if (/\.(js|mjs|css|html)$/.test(entry)) {
        const text = readFileSync(path, 'utf8');
        const next = text.replace(pattern, () => {
          replaced += 1;
          return to;
        });
        if (next !== text) writeFileSync(path, next);
      }
    }
  };
  visit(copy);
  console.log(`${name}: ${replaced} occurrence(s) of ${from} replaced by ${to}`);
  return copy;
}

/** Captures whose current structure shows `needle`, and of those the changed ones whose first why line names it. */
function seedFigures(summary: Summary, report: string, needle: string) {
  const lower = needle.toLowerCase();
  const showing = summary.stories.filter((story) => {
    try {
      return readFileSync(join(report, 'current', `${story.id}@${story.mode}.json`), 'utf8')
        .toLowerCase()
        .includes(lower);
    } catch {
      return false;
    }
  });
  const caught = showing.filter((story) => story.status === 'changed');
  const named = caught.filter((story) => story.why?.[0]?.toLowerCase().includes(lower));
  const missed = showing
    .filter((story) => !named.includes(story))
    .map((story) => `${story.id}@${story.mode}: ${story.status} · ${story.why?.[0] ?? story.reason ?? ''}`);
  return { showing: showing.length, caught: caught.length, named: named.length, changed: summary.counts.changed ?? 0, missed };
}

try {
  const first = run(storybook, join(work, 'report-update'), true);
  const errorsAtUpdate = first.summary.stories.filter((story) => story.status === 'error');
  console.log(`baselines: ${first.summary.stories.length} captures, ${errorsAtUpdate.length} errors, ${first.msEach} ms each`);
  for (const story of errorsAtUpdate) console.log(`  error ${story.id}@${story.mode}: ${story.reason?.slice(0, 200)}`);
  const rows: string[] = [];
  for (let index = 1; index <= Number(values.runs); index += 1) {
    const { summary, msEach } = run(storybook, join(work, `report-${index}`));
    const changed = summary.stories.filter((story) => story.status !== 'unchanged' && story.status !== 'error');
    const errors = summary.stories.filter((story) => story.status === 'error');
    rows.push(`run ${index}: ${summary.stories.length} captures · ${changed.length} false diffs · ${errors.length} errors · ${msEach} ms each`);
    console.log(rows.at(-1));
    for (const story of [...changed, ...errors])
      console.log(`  ${story.status} ${story.id}@${story.mode}: ${(story.why?.[0] ?? story.reason ?? '').slice(0, 200)}`);
  }
  for (const [flag, value] of [
    ['color', values.color],
    ['text', values.text],
  ] as const) {
    if (!value) continue;
    const [from = '', to = ''] = value.split(':');
    const report = join(work, `report-${flag}`);
    const { summary } = run(seeded(`seeded-${flag}`, from, to), report);
    const figures = seedFigures(summary, report, to);
    console.log(
      `seeded ${flag} ${from} → ${to}: ${figures.changed} changed; ${figures.showing} captures show it, ${figures.caught} caught, ${figures.named} named by the first why line`,
    );
    for (const line of figures.missed.slice(0, 20)) console.log(`  missed ${line.slice(0, 240)}`);
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
