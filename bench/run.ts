// `npm run bench -- [--rounds N] [--skip gate,visual,…] [--only …]`: speed, measured on this machine.
// Every figure is the median, min and max over its rounds; ratios are taken within the same run.
// Writes bench/results.json and the tables of docs/performance.md. Sections: gate, changed, reports, storybook-2000, app-load,
// dashboard, visual, causes, diff, stream, observability, metrics, storage.
import { execFile, spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { cpus, totalmem, release } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { parseArgs, promisify } from 'node:util';
import { chromium, type Page } from '@playwright/test';
import sirv from 'sirv';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { captureStories } from '../visual/capture';
import { ensureStorybookBuild, readStoryIndex, type IndexEntry } from '../visual/storybook';
import { appLoadRound } from './app-load';
import { changedGateBench } from './changed-gate';
import { reportScaleBench } from './report-scale';
import { storybook2000Bench } from './storybook-2000';
import { runCauseCorpus } from './cause-corpus';
import { dashboardRound } from './dashboard';
import { diffRound, pairsFromBaselines } from './diff-engines';
import { performanceMarkdown } from './markdown';
import { observabilityRefreshes } from './observability';
import { figure, median, mergeResults, type BenchResults, type Figure } from './stats';
import { streamRound, type StreamRound } from './stream';

type Section =
  | 'gate'
  | 'changed'
  | 'reports'
  | 'storybook-2000'
  | 'app-load'
  | 'dashboard'
  | 'visual'
  | 'causes'
  | 'diff'
  | 'stream'
  | 'observability'
  | 'metrics'
  | 'storage';
const { values } = parseArgs({
  options: { rounds: { type: 'string', default: '3' }, skip: { type: 'string', default: '' }, only: { type: 'string', default: '' } },
});
const ROUNDS = Math.max(1, Number(values.rounds));
const only = values.only.split(',').filter(Boolean);
const skip = values.skip.split(',').filter(Boolean);
const runs = (section: Section) => (only.length ? only.includes(section) : !skip.includes(section));
const execFileAsync = promisify(execFile);
const figures: Figure[] = [];
const add = (item: Figure) => {
  figures.push(item);
  console.log(
    `${item.section.padEnd(8)} ${item.name}: median ${item.median.toFixed(item.unit === 'ms' ? 1 : 2)} ${item.unit} (min ${item.min.toFixed(1)}, max ${item.max.toFixed(1)}, ${item.runs} runs)${item.note ? ` · ${item.note}` : ''}`,
  );
};

async function withBenchPage<T>(path: string, ready: string, body: (page: Page) => Promise<T>): Promise<T> {
  const vite = await createServer({ configFile: 'vite.config.ts', server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  await vite.listen();
  const address = vite.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench/${path}`);
    await page.waitForFunction((name) => typeof (window as unknown as Record<string, unknown>)[name] === 'function', ready);
    return await body(page);
  } finally {
    await browser.close();
    await vite.close();
  }
}

/** The whole gate, warm (dependencies, builds and Chromium in place), and each stage's share. */
function gateBench(): void {
  const walls: number[] = [];
  const stages = new Map<string, number[]>();
  const processor: number[] = [];
  const floor: number[] = [];
  spawnSync(process.execPath, ['scripts/gate.mjs', 'lint'], { stdio: 'ignore' }); // warms the caches a first run fills
  for (let round = 0; round < ROUNDS; round += 1) {
    const started = performance.now();
    const result = spawnSync(process.execPath, ['scripts/gate.mjs'], {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: { ...process.env, GITHUB_STEP_SUMMARY: '' },
      maxBuffer: 256 * 1024 * 1024,
    });
    walls.push((performance.now() - started) / 1000);
    if (result.status !== 0) {
      // Kept whole, so a failure in a timed round (a flake, most likely) can be read afterwards.
      const log = `.cache/bench/gate-round-${round + 1}.log`;
      mkdirSync('.cache/bench', { recursive: true });
      const output = `${result.stdout.toString()}\n${result.stderr.toString()}`;
      writeFileSync(log, output);
      const failing = output.split('\n').filter((line) => /^\S+\s+\d+ passed, [1-9]\d* failed/.test(line));
      console.warn(
        `the gate failed in round ${round + 1} (${failing.map((line) => line.replace(/\s+/g, ' ')).join('; ') || 'no stage line'}); its time still counts; output in ${log}`,
      );
    }
    const timings = JSON.parse(readFileSync('.cache/gate.json', 'utf8')) as { label: string; seconds: string }[];
    for (const { label, seconds } of timings) stages.set(label, [...(stages.get(label) ?? []), Number(seconds)]);
    const cpu = JSON.parse(readFileSync('.cache/gate-cpu.json', 'utf8')) as { busySeconds: number | null; cores: number };
    if (cpu.busySeconds !== null) {
      processor.push(cpu.busySeconds);
      floor.push(cpu.busySeconds / cpu.cores);
    }
  }
  add(figure('gate', 'npm test, whole gate (warm)', 's', walls, { goal: '120 s' }));
  // The work itself: no schedule on this machine's cores ends sooner than processor time / cores.
  if (processor.length > 0) {
    add(figure('gate', 'processor time busy while the gate ran (every core)', 's', processor));
    add(figure('gate', 'shortest possible wall time for that work on these cores', 's', floor));
  }
  for (const [label, seconds] of stages) add(figure('gate', `stage ${label}`, 's', seconds));
}

/**
 * Playwright's own toHaveScreenshot, one test per story and theme (bench/to-have-screenshot), on the
 * same build, Chromium and worker count. Its snapshots are written once first (not timed); the
 * timed run compares, as a PR check would. Returns ms per snapshot, CLI start included.
 */
async function toHaveScreenshotPerSnapshot(baseUrl: string, stories: IndexEntry[], update: boolean): Promise<{ ms: number; failed: number }> {
  const list = join('.cache', 'to-have-screenshot', 'stories.json');
  mkdirSync(dirname(list), { recursive: true });
  writeFileSync(list, JSON.stringify({ baseUrl, stories: stories.map((story) => story.id) }));
  const started = performance.now();
  // Asynchronously: this process serves the Storybook the tests load. A failing snapshot (one it
  // could not take twice alike, say) is counted, not fatal: it is part of what this tool does.
  const output = await execFileAsync(
    process.execPath,
    ['node_modules/@playwright/test/cli.js', 'test', '-c', 'bench/to-have-screenshot/playwright.config.ts', ...(update ? ['--update-snapshots'] : [])],
    { env: { ...process.env, BENCH_STORIES: resolve(list) }, maxBuffer: 64 * 1024 * 1024 },
  ).then(
    ({ stdout }) => stdout,
    (error: { stdout?: string }) => error.stdout ?? '',
  );
  const failed = Number(/(\d+) failed/.exec(output)?.[1] ?? 0);
  if (!/\d+ passed/.test(output)) throw new Error(`toHaveScreenshot run did not run:\n${output.slice(-2000)}`);
  return { ms: (performance.now() - started) / (stories.length * 2), failed };
}

async function visualBench(): Promise<void> {
  ensureStorybookBuild(process.cwd(), 'storybook-static');
  const server = createHttpServer(sirv('storybook-static', { dev: true }));
  await new Promise<void>((done) => server.listen(0, '127.0.0.1', done));
  const address = server.address();
  const baseUrl = `http://127.0.0.1:${typeof address === 'object' && address ? address.port : 0}/`;
  try {
    const stories = await readStoryIndex(baseUrl);
    const ours: number[] = [];
    const theirs: number[] = [];
    const theirFailures: number[] = [];
    await toHaveScreenshotPerSnapshot(baseUrl, stories, true);
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      const { shots } = await captureStories(baseUrl, stories);
      // Wall time including the browser launch and the preview's first load.
      ours.push((performance.now() - started) / shots.length);
      const run = await toHaveScreenshotPerSnapshot(baseUrl, stories, false);
      theirs.push(run.ms);
      theirFailures.push(run.failed);
    }
    const runner = figure('visual', `visual runner, per snapshot (${stories.length} stories × 2 themes, 2 workers, structure + settle included)`, 'ms', ours);
    const playwright = figure('visual', 'Playwright toHaveScreenshot, per snapshot (one test per story and theme, 2 workers)', 'ms', theirs);
    add(runner);
    add({
      ...playwright,
      note: `ratio ${(playwright.median / runner.median).toFixed(2)}× the runner's time, same run; snapshots it failed per round (unchanged stories): ${theirFailures.join(', ')}`,
    });
  } finally {
    server.close();
  }
}

/**
 * How often the first why line names the change that was made: single changes applied alone to
 * our built Storybook (bench/cause-corpus.ts). Deterministic, so one round; every miss is listed.
 */
async function causesBench(): Promise<void> {
  ensureStorybookBuild(process.cwd(), 'storybook-static');
  const started = performance.now();
  const outcomes = await runCauseCorpus('storybook-static', 'visual/baselines');
  const seconds = (performance.now() - started) / 1000;
  const changed = outcomes.reduce((sum, outcome) => sum + outcome.changed, 0);
  const named = outcomes.reduce((sum, outcome) => sum + outcome.named, 0);
  const unseen = outcomes
    .filter((outcome) => outcome.changed === 0)
    .map((outcome) => `${outcome.change}${outcome.problem ? ` (${outcome.problem})` : ' (no capture changed)'}`);
  const misses = outcomes.flatMap((outcome) => outcome.misses.map((miss) => `${outcome.change}: ${miss}`));
  add(
    figure(
      'causes',
      `changed captures whose first why line names the change (${outcomes.length} single changes, ${changed} changed captures)`,
      '%',
      [(100 * named) / Math.max(1, changed)],
      {
        goal: '≥ 95%',
        note: `${misses.length} missed${misses.length ? `: ${misses.slice(0, 20).join('; ')}` : ''}${unseen.length ? `; not seen: ${unseen.join(', ')}` : ''}; ${seconds.toFixed(0)} s`,
      },
    ),
  );
}

function diffBench(): void {
  const pairs = pairsFromBaselines();
  const ours: number[] = [];
  const theirs: number[] = [];
  let agree = true;
  for (let round = 0; round < ROUNDS; round += 1) {
    const result = diffRound(pairs);
    ours.push(result.pixelmatch);
    theirs.push(result.blazediff);
    agree &&= result.agree;
  }
  const pixelmatch = figure('diff', `pixelmatch 7 (in use), per comparison of a changed pair (${pairs.length} baseline pairs)`, 'ms', ours);
  const blazediff = figure('diff', '@blazediff/core, per comparison of the same pairs', 'ms', theirs);
  add(pixelmatch);
  add({
    ...blazediff,
    note: `ratio ${(blazediff.median / pixelmatch.median).toFixed(2)}× pixelmatch's time, same run; differing pixel counts ${agree ? 'identical' : 'DIFFER'} on every pair`,
  });
}

async function streamBench(): Promise<void> {
  const rounds: StreamRound[] = [];
  for (let round = 0; round < ROUNDS; round += 1) rounds.push(await streamRound(1000, 10));
  const wrong = rounds.flatMap((round) => round.wrongFinals);
  const note = `${rounds[0]?.events ?? 0} events over 10 s across 21 running tasks, real socket; final states ${wrong.length ? `WRONG: ${wrong.slice(0, 3).join('; ')}` : 'correct in every round'}`;
  add(
    figure(
      'stream',
      'DOM update batches in the busiest frame (tasks widget)',
      'count',
      rounds.map((round) => round.maxUpdatesPerFrame),
      { goal: '≤ 1', note },
    ),
  );
  add(
    figure(
      'stream',
      'longest main-thread task (Long Tasks API; 0 = none of 50 ms or more)',
      'ms',
      rounds.map((round) => round.longestTaskMs),
      { goal: '< 50 ms' },
    ),
  );
  add(
    figure(
      'stream',
      'main-thread tasks of 50 ms or more',
      'count',
      rounds.map((round) => round.longTasks),
    ),
  );
  add(
    figure(
      'stream',
      'time in animation-frame callbacks, median frame',
      'ms',
      rounds.map((round) => round.frameCallbackMedianMs),
    ),
  );
  add(
    figure(
      'stream',
      'time in animation-frame callbacks, worst frame',
      'ms',
      rounds.map((round) => round.frameCallbackMaxMs),
    ),
  );
  add(
    figure(
      'stream',
      'localStorage write time inside frames (cursor saves), whole flood',
      'ms',
      rounds.map((round) => round.storageWriteMsInFrames),
      { goal: '0 ms', note: `${rounds.map((round) => round.storageWrites).join(', ')} localStorage writes per round, all outside frames when 0` },
    ),
  );
  add(
    figure(
      'stream',
      'frames during the flood',
      'count',
      rounds.map((round) => round.frames),
    ),
  );
  add(
    figure(
      'stream',
      'JS heap before the flood (after GC)',
      'MB',
      rounds.map((round) => round.heapBeforeMb),
    ),
  );
  add(
    figure(
      'stream',
      'JS heap after the flood (after GC)',
      'MB',
      rounds.map((round) => round.heapAfterMb),
    ),
  );
}

async function observabilityBench(): Promise<void> {
  const times: number[] = [];
  for (let round = 0; round < ROUNDS; round += 1) times.push(...(await observabilityRefreshes(3)));
  add(
    figure('observability', 'one observability refresh (4 services × health and metrics, 16 charts), from the clock reaching it to drawn', 'ms', times, {
      note: 'in-page mocks; before the panels were memoised a profiling script of the same steps measured 1,158–1,319 ms per refresh (231–600 ms after), see above',
    }),
  );
}

/** The fixed cost of every E2E test: a new context and the console loaded, against an empty page. */
async function appLoadBench(): Promise<void> {
  const loads = Math.max(ROUNDS * 4, 8);
  const results = await appLoadRound(loads);
  const empty = results.find((result) => result.kind === 'empty page');
  for (const result of results) {
    const cpu = figure('app-load', `${result.kind}: machine CPU time per load (context created, loaded, closed; both cores)`, 'ms', result.cpuMs);
    const ratio =
      empty && result !== empty && empty.cpuMs.length ? ` · ratio ${(cpu.median / median(empty.cpuMs)).toFixed(2)}× the empty page's CPU time, same run` : '';
    add(figure('app-load', `${result.kind}: wall time per load (context created, loaded, closed)`, 'ms', result.wallMs));
    if (result.cpuMs.length) add({ ...cpu, note: `${loads} loads, interleaved with the other cases${ratio}` });
  }
}

/** The dashboard with 100 widgets from the mocks (over the socket), against the default 4. */
async function dashboardBench(): Promise<void> {
  for (const widgets of [4, 100]) {
    const loads = await dashboardRound(widgets, Math.max(ROUNDS, 3));
    const requests = loads.map((load) => load.apiRequests);
    add(
      figure(
        'dashboard',
        `${widgets} widgets: time to interactive (every widget loaded, then 1 s without a 50 ms task)`,
        'ms',
        loads.map((load) => load.timeToInteractiveMs),
        {
          ...(widgets === 100 ? { goal: '< 1,000 ms' } : {}),
          note: `every widget loaded at ${loads.map((load) => load.allLoadedMs.toFixed(0)).join(', ')} ms; ${Math.min(...requests)}–${Math.max(...requests)} API requests`,
        },
      ),
    );
    add(
      figure(
        'dashboard',
        `${widgets} widgets: longest main-thread task while loading`,
        'ms',
        loads.map((load) => load.longestTaskMs),
        { goal: '< 50 ms', note: `${loads.map((load) => load.longTasks).join(', ')} tasks of 50 ms or more per load` },
      ),
    );
  }
}

async function metricsBench(): Promise<void> {
  const result = await withBenchPage('metrics.html', 'runMetricsBench', (page) =>
    page.evaluate((reps) => window.runMetricsBench(1024 * 1024, reps), Math.max(ROUNDS, 10)),
  );
  add(
    figure(
      'metrics',
      `parse a ${(result.bytes / 1024 / 1024).toFixed(2)} MB Prometheus exposition in Chromium (${result.samples} samples)`,
      'ms',
      result.parse,
      { note: `${result.skipped} lines skipped` },
    ),
  );
}

async function storageBench(): Promise<void> {
  await withBenchPage('storage.html', 'runStorageBench', async (page) => {
    const state = await page.evaluate(() => window.runStorageBench(1024 * 1024, 25));
    add(figure('storage', `save a 1 MB state (${state.backend})`, 'ms', state.save));
    add(figure('storage', 'load a 1 MB state', 'ms', state.load));
    const evict = await page.evaluate((reps) => window.runEvictBench(reps), Math.max(ROUNDS, 5));
    add(
      figure(
        'storage',
        `save a 1 MB state into a full localStorage (evicts ${Math.min(...evict.evicted)}–${Math.max(...evict.evicted)} older records to IndexedDB; lands in ${evict.backend})`,
        'ms',
        evict.save,
      ),
    );
    const cursors = await page.evaluate(() => window.runCursorBench(21, 50));
    add(
      figure(
        'storage',
        'saving 21 stream cursors at once, synchronous part (what one frame of the stream paid before cursor saves moved out of frames)',
        'ms',
        cursors.perFrame,
      ),
    );
  });
}

const sections: [Section, () => unknown][] = [
  ['gate', gateBench],
  ['changed', () => changedGateBench(ROUNDS, add)],
  ['reports', () => reportScaleBench(ROUNDS, add)],
  ['storybook-2000', () => storybook2000Bench(ROUNDS, add)],
  ['app-load', appLoadBench],
  ['dashboard', dashboardBench],
  ['visual', visualBench],
  ['causes', causesBench],
  ['diff', diffBench],
  ['stream', streamBench],
  ['observability', observabilityBench],
  ['metrics', metricsBench],
  ['storage', storageBench],
];
for (const [name, bench] of sections) if (runs(name)) await bench();

const chromiumVersion = await chromium.launch(chromiumLaunchOptions()).then(async (browser) => {
  const version = browser.version();
  await browser.close();
  return version;
});
const results: BenchResults = {
  measuredAt: new Date().toISOString(),
  commit: spawnSync('git', ['rev-parse', '--short', 'HEAD'], { encoding: 'utf8' }).stdout.trim() || 'unknown',
  rounds: ROUNDS,
  machine: {
    cpus: cpus().length,
    cpu: cpus()[0]?.model ?? 'unknown',
    memoryGb: Math.round(totalmem() / 1024 ** 3),
    os: `${process.platform} ${release()}`,
    node: process.version,
    chromium: chromiumVersion,
  },
  figures,
};
// A partial run (--only, --skip) keeps the figures of the sections it did not measure.
const previous = (() => {
  try {
    return JSON.parse(readFileSync('bench/results.json', 'utf8')) as BenchResults;
  } catch {
    return undefined;
  }
})();
const merged = mergeResults(
  previous,
  results,
  sections.map(([name]) => name),
);
writeFileSync('bench/results.json', `${JSON.stringify(merged, null, 2)}\n`);
const doc = readFileSync('docs/performance.md', 'utf8');
writeFileSync('docs/performance.md', performanceMarkdown(doc, merged));
console.log('Wrote bench/results.json and the tables in docs/performance.md.');
