import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:http';
import { join, relative } from 'node:path';
import sirv from 'sirv';
import { CAPTURE_STEPS, captureStories, type CaptureStep } from '../visual/capture';
import { ensureStorybookBuild, readStoryIndex } from '../visual/storybook';
import { figure, type Figure } from './stats';

/** Where the generated Storybook lives: generated on each bench run, never committed. */
const DIR = '.cache/storybook-2000';
const FILES = 20;
const PER_FILE = 100;
/** Stories captured per round: 2,000 stories in two themes are 4,000 snapshots, over 20 minutes here. */
const SAMPLE = 300;

/** One story file of 100 stories over our widgets, each with its own args. */
function storyFile(file: number): string {
  const up = relative(join(DIR, 'stories'), '.');
  const stories = Array.from({ length: PER_FILE }, (_, index) => {
    const n = file * PER_FILE + index;
    switch (n % 3) {
      case 0:
        return `export const Progress${n} = { render: () => <ProgressIndicator label="Import ${n}" value={${n % 101}} ${n % 7 === 0 ? `error="Disk ${n} full"` : ''} /> };`;
      case 1:
        return `export const Task${n} = { render: () => <TaskCard task={createTask({ id: 'task-${n}', title: 'Task number ${n} of the generated set', agent: 'atlas', status: '${['pending', 'active', 'completed', 'error'][n % 4]}', progress: ${n % 100} })} onStart={() => {}} onRetry={() => {}} /> };`;
      default:
        return `export const Alert${n} = { render: () => <AlertWidget alerts={[createAlert({ id: 'alert-${n}', severity: '${['info', 'warning', 'critical'][n % 3]}', title: 'Alert ${n}' })]} onDismiss={() => {}} /> };`;
    }
  });
  return [
    `import { createAlert, createTask } from '${up}/fixtures/factories';`,
    `import { AlertWidget } from '${up}/src/widgets/AlertWidget';`,
    `import { ProgressIndicator } from '${up}/src/widgets/ProgressIndicator';`,
    `import { TaskCard } from '${up}/src/widgets/TaskCard';`,
    `export default { title: 'Generated/Set ${String(file).padStart(2, '0')}' };`,
    ...stories,
    '',
  ].join('\n');
}

/** Writes the 2,000-story Storybook: our preview (theme toolbar, mocks), 20 files of generated stories. */
function generate(): void {
  rmSync(join(DIR, 'stories'), { recursive: true, force: true });
  mkdirSync(join(DIR, '.storybook'), { recursive: true });
  mkdirSync(join(DIR, 'stories'), { recursive: true });
  const main = readFileSync('.storybook/main.ts', 'utf8')
    .replace("'../stories/**/*.stories.@(ts|tsx)'", "'../stories/*.stories.tsx'")
    .replace("staticDirs: ['../public']", "staticDirs: ['../../../public']");
  writeFileSync(join(DIR, '.storybook', 'main.ts'), main);
  writeFileSync(join(DIR, '.storybook', 'preview.tsx'), "export { default } from '../../../.storybook/preview';\n");
  for (let file = 0; file < FILES; file += 1) writeFileSync(join(DIR, 'stories', `Generated${String(file).padStart(2, '0')}.stories.tsx`), storyFile(file));
}

/** Resident memory (MB) of this process, and of the Chromium processes it started (its descendants), summed. */
function residentMb(): { runner: number; browser: number } {
  const parents = new Map<number, number>();
  for (const pid of readdirSync('/proc').filter((name) => /^\d+$/.test(name))) {
    try {
      // The parent's pid is the fourth field of /proc/PID/stat, after the command in parentheses.
      const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]?.split(' ');
      parents.set(Number(pid), Number(fields?.[1]));
    } catch {
      // A process that ended while being read.
    }
  }
  const isOurs = (pid: number): boolean => {
    for (let parent = parents.get(pid); parent !== undefined && parent > 1; parent = parents.get(parent)) if (parent === process.pid) return true;
    return false;
  };
  let browser = 0;
  for (const pid of [...parents.keys()].filter(isOurs)) {
    try {
      if (!readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('chrom')) continue;
      const rss = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'))?.[1];
      browser += Number(rss ?? 0) / 1024;
    } catch {
      // A process that ended while being read.
    }
  }
  return { runner: process.memoryUsage().rss / 1024 / 1024, browser };
}

/**
 * A generated Storybook of 2,000 stories (bench only): its build time, then `rounds` captures of a
 * sample of its stories in every theme, in snapshots per second, with the peak memory of the
 * runner and of its browser sampled every 250 ms.
 */
export async function storybook2000Bench(rounds: number, add: (item: Figure) => void): Promise<void> {
  generate();
  const out = join(DIR, 'static');
  const built = performance.now();
  rmSync(join(out, '.build-stamp'), { force: true });
  ensureStorybookBuild(process.cwd(), out, { configDir: join(DIR, '.storybook'), inputs: [join(DIR, 'stories')], quiet: true });
  const buildSeconds = (performance.now() - built) / 1000;
  const server = createServer(sirv(out, { dev: true }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  try {
    const stories = await readStoryIndex(baseUrl);
    add(figure('storybook-2000', `storybook build of the generated Storybook (${stories.length} stories)`, 's', [buildSeconds]));
    const rates: number[] = [];
    const runnerPeaks: number[] = [];
    const browserPeaks: number[] = [];
    let errors = 0;
    const stepCosts = new Map<CaptureStep, number[]>(CAPTURE_STEPS.map((step) => [step, []]));
    for (let round = 0; round < rounds; round += 1) {
      const sample = stories.filter((_, index) => index % Math.ceil(stories.length / SAMPLE) === round % Math.ceil(stories.length / SAMPLE)).slice(0, SAMPLE);
      const peak = { runner: 0, browser: 0 };
      const sampler = setInterval(() => {
        const now = residentMb();
        peak.runner = Math.max(peak.runner, now.runner);
        peak.browser = Math.max(peak.browser, now.browser);
      }, 250);
      const started = performance.now();
      const { shots, steps } = await captureStories(baseUrl, sample).finally(() => clearInterval(sampler));
      const seconds = (performance.now() - started) / 1000;
      errors += shots.filter((shot) => shot.error).length;
      const snapshots = shots.filter((shot) => shot.png).length;
      rates.push(snapshots / seconds);
      for (const step of CAPTURE_STEPS) stepCosts.get(step)?.push(steps[step] / snapshots);
      runnerPeaks.push(peak.runner);
      browserPeaks.push(peak.browser);
    }
    const note = `${SAMPLE} of its ${stories.length} stories per round (a different sample each round), every theme; ${errors} capture error(s)`;
    add(figure('storybook-2000', 'capture throughput', 'snapshots/s', rates, { goal: '10/s', note }));
    // Where a worker's time goes: each step's time per snapshot (the two workers run side by side).
    for (const [step, costs] of stepCosts) add(figure('storybook-2000', `worker time per snapshot: ${step}`, 'ms', costs, { note }));
    add(figure('storybook-2000', 'peak resident memory of the runner', 'MB', runnerPeaks, { note }));
    add(
      figure('storybook-2000', 'peak resident memory of the Chromium processes it started', 'MB', browserPeaks, { goal: 'runner + browser < 1,536 MB', note }),
    );
  } finally {
    server.close();
  }
}
