import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { figure, type Figure } from './stats';

/** Three representative one-file changes: what a developer waits on most days. */
const CHANGES = [
  { name: "a widget's component", file: 'src/widgets/ProgressIndicator.tsx' },
  { name: 'a streaming hook', file: 'src/streaming/use-task-progress.ts' },
  { name: 'a mock handler', file: 'fixtures/handlers/approvals.ts' },
];

/**
 * `npm test -- --changed HEAD` after a one-line change to each file, `rounds` times, each round a
 * different line (so the app and Storybook builds are made again, as after a real edit; every other
 * cache is warm). The file is restored afterwards; a working tree with uncommitted changes is refused.
 */
export function changedGateBench(rounds: number, add: (item: Figure) => void): void {
  // Against HEAD, any other uncommitted file would be part of every change measured.
  const dirty = spawnSync('git', ['status', '--porcelain'], { encoding: 'utf8' }).stdout.trim();
  if (dirty) throw new Error(`The changed-only gate bench measures one-line changes against HEAD; commit or stash these first:\n${dirty}`);
  for (const change of CHANGES) {
    const original = readFileSync(change.file, 'utf8');
    const walls: number[] = [];
    let picked = '';
    const stages = new Map<string, number[]>();
    try {
      for (let round = 0; round < rounds; round += 1) {
        writeFileSync(change.file, `${original}// A change the bench made (round ${round + 1}).\n`);
        const started = performance.now();
        const result = spawnSync(process.execPath, ['scripts/gate.mjs', '--changed', 'HEAD'], {
          stdio: ['ignore', 'pipe', 'pipe'],
          env: { ...process.env, GITHUB_STEP_SUMMARY: '' },
          maxBuffer: 256 * 1024 * 1024,
        });
        walls.push((performance.now() - started) / 1000);
        if (result.status !== 0) {
          const log = `.cache/bench/changed-${change.file.replaceAll('/', '_')}-${round + 1}.log`;
          mkdirSync('.cache/bench', { recursive: true });
          writeFileSync(log, `${result.stdout.toString()}\n${result.stderr.toString()}`);
          console.warn(`the changed-only gate failed for ${change.file} in round ${round + 1}; its time still counts; output in ${log}`);
        }
        const plan = JSON.parse(readFileSync('.cache/changed-plan.json', 'utf8')) as {
          full?: string;
          playwright: unknown[];
          visual: { stories: number; of: number };
        };
        picked = plan.full ? `whole gate: ${plan.full}` : `${plan.playwright.length} E2E test(s), ${plan.visual.stories} of ${plan.visual.of} story file(s)`;
        const timings = JSON.parse(readFileSync('.cache/gate.json', 'utf8')) as { label: string; seconds: string }[];
        for (const { label, seconds } of timings) stages.set(label, [...(stages.get(label) ?? []), Number(seconds)]);
      }
    } finally {
      writeFileSync(change.file, original);
    }
    const stageMedians = [...stages]
      .map(([label, seconds]) => `${label} ${[...seconds].sort((a, b) => a - b)[Math.floor(seconds.length / 2)]?.toFixed(1)} s`)
      .join(', ');
    add(
      figure('changed', `npm test -- --changed, one-line change to ${change.name} (${change.file})`, 's', walls, {
        goal: '20 s',
        note: `${picked}; stage medians: ${stageMedians}`,
      }),
    );
  }
}
