// The visual runner on a Storybook built elsewhere, as its authors build it: baselines once, then
// unchanged runs (every changed capture is a false diff, every error is listed), then a colour and
// a text seeded into a copy of the build, counted on the captures that show them.
//
//   npm run bench:storybook -- --storybook-dir ../other/storybook-static --runs 10 \
//     --color '#1EA7FD:#ff00ff' --text 'Sign up:Join now'
//   (--color FROM:TO:PAINTED when the Storybook's theme paints the seed as another colour)
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { PNG } from 'pngjs';

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
    keep: { type: 'boolean', default: false },
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

/** The ways a capture's structure may write `needle`: a hex colour is also read back as rgb(r, g, b). */
function spellings(needle: string): string[] {
  const rgb = hexToRgb(needle);
  return rgb ? [needle.toLowerCase(), `rgb(${rgb.join(', ')})`] : [needle.toLowerCase()];
}

function hexToRgb(colour: string): [number, number, number] | undefined {
  const hex = /^#([0-9a-f]{2})([0-9a-f]{2})([0-9a-f]{2})$/i.exec(colour);
  return hex ? [parseInt(hex[1] ?? '', 16), parseInt(hex[2] ?? '', 16), parseInt(hex[3] ?? '', 16)] : undefined;
}

/**
 * Whether a capture shows the seed, judged apart from the runner's own reading: a colour by its pixels
 * (more of them painted exactly in it than in the baseline, which the runner's own paint may share),
 * a text by the visible text the structure recorded.
 */
function shows(report: string, baselines: string, key: string, needle: string): boolean {
  const rgb = hexToRgb(needle);
  try {
    if (rgb) {
      const painted = (file: string) => {
        if (!existsSync(file)) return 0;
        const { data } = PNG.sync.read(readFileSync(file));
        let count = 0;
        for (let offset = 0; offset < data.length; offset += 4)
          if (data[offset] === rgb[0] && data[offset + 1] === rgb[1] && data[offset + 2] === rgb[2] && data[offset + 3] === 255) count += 1;
        return count;
      };
      return painted(join(report, 'current', `${key}.png`)) > painted(join(baselines, `${key}.png`));
    }
    const structure = JSON.parse(readFileSync(join(report, 'current', `${key}.json`), 'utf8')) as { nodes?: { text?: string }[] };
    return (structure.nodes ?? []).some((node) => node.text?.toLowerCase().includes(needle.toLowerCase()) === true);
  } catch {
    return false;
  }
}

/** Captures that show `needle`, and of those the changed ones whose first why line names it. */
function seedFigures(summary: Summary, report: string, needle: string) {
  const forms = spellings(needle);
  const mentions = (text: string | undefined) => forms.some((form) => text?.toLowerCase().includes(form) === true);
  const showing = summary.stories.filter((story) => shows(report, baselines, `${story.id}@${story.mode}`, needle));
  const caught = showing.filter((story) => story.status === 'changed');
  const named = caught.filter((story) => mentions(story.why?.[0]));
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
  for (let index = 1; index <= Number(values.runs); index += 1) {
    const { summary, msEach } = run(storybook, join(work, `report-${index}`));
    const changed = summary.stories.filter((story) => story.status !== 'unchanged' && story.status !== 'error');
    const errors = summary.stories.filter((story) => story.status === 'error');
    console.log(`run ${index}: ${summary.stories.length} captures · ${changed.length} false diffs · ${errors.length} errors · ${msEach} ms each`);
    for (const story of [...changed, ...errors])
      console.log(`  ${story.status} ${story.id}@${story.mode}: ${(story.why?.[0] ?? story.reason ?? '').slice(0, 200)}`);
  }
  for (const [flag, value] of [
    ['color', values.color],
    ['text', values.text],
  ] as const) {
    if (!value) continue;
    // A third part names the colour the Storybook paints for the seed when its theme derives its
    // colours from the seeded one (sanity-io/ui paints a palette's #ff00ff as #ff0eff): the captures
    // are judged by what they paint.
    const [from = '', to = '', painted = to] = value.split(':');
    const report = join(work, `report-${flag}`);
    const { summary } = run(seeded(`seeded-${flag}`, from, to), report);
    const figures = seedFigures(summary, report, painted);
    console.log(
      `seeded ${flag} ${from} → ${to}${painted === to ? '' : ` (painted ${painted})`}: ${figures.changed} changed; ${figures.showing} captures show it, ${figures.caught} caught, ${figures.named} named by the first why line`,
    );
    for (const line of figures.missed.slice(0, 20)) console.log(`  missed ${line.slice(0, 240)}`);
  }
} finally {
  if (values.keep) console.log(`reports and copies kept in ${work}`);
  else rmSync(work, { recursive: true, force: true });
}
