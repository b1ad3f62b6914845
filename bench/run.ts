// `npm run bench`: speed, measured. Medians over repeated runs, and same-run ratios.
import { execFile } from 'node:child_process';
import { promisify } from 'node:util';
import { mkdirSync, writeFileSync } from 'node:fs';
import { createServer as createHttpServer } from 'node:http';
import { dirname, join, resolve } from 'node:path';
import { chromium } from '@playwright/test';
import sirv from 'sirv';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { captureStories } from '../visual/capture';
import { ensureStorybookBuild, readStoryIndex, type IndexEntry } from '../visual/storybook';
import { median, ms } from './stats';

const ROUNDS = 3;
const execFileAsync = promisify(execFile);

async function storageBench(): Promise<void> {
  const vite = await createServer({ configFile: 'vite.config.ts', server: { port: 0, host: '127.0.0.1' }, logLevel: 'error' });
  await vite.listen();
  const address = vite.httpServer?.address();
  const port = typeof address === 'object' && address ? address.port : 0;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage();
    await page.goto(`http://127.0.0.1:${port}/bench/storage.html`);
    await page.waitForFunction(() => typeof window.runStorageBench === 'function');
    const result = await page.evaluate(() => window.runStorageBench(1024 * 1024, 25));
    console.log(`storage: 1 MB state in ${result.backend}, 25 rounds: save median ${ms(median(result.save))}, load median ${ms(median(result.load))}`);
  } finally {
    await browser.close();
    await vite.close();
  }
}

/**
 * Playwright's own toHaveScreenshot, one test per story and theme (bench/to-have-screenshot), on the
 * same build, Chromium and worker count. Its snapshots are written once first (not timed); the
 * timed run compares, as a PR check would. Returns ms per snapshot, CLI start included.
 */
async function toHaveScreenshotPerSnapshot(baseUrl: string, stories: IndexEntry[], update: boolean): Promise<number> {
  const list = join('.cache', 'to-have-screenshot', 'stories.json');
  mkdirSync(dirname(list), { recursive: true });
  writeFileSync(list, JSON.stringify({ baseUrl, stories: stories.map((story) => story.id) }));
  const started = performance.now();
  // Asynchronously: this process serves the Storybook the tests load.
  await execFileAsync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '-c', 'bench/to-have-screenshot/playwright.config.ts', ...(update ? ['--update-snapshots'] : [])], { env: { ...process.env, BENCH_STORIES: resolve(list) }, maxBuffer: 64 * 1024 * 1024 })
    .catch((error: { stdout?: string }) => { throw new Error(`toHaveScreenshot run failed:\n${(error.stdout ?? '').slice(-2000)}`); });
  return (performance.now() - started) / (stories.length * 2);
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
    const oursPerStory: number[] = [];
    const theirs: number[] = [];
    await toHaveScreenshotPerSnapshot(baseUrl, stories, true);
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      const { shots } = await captureStories(baseUrl, stories);
      // Wall time including the browser launch and the preview's first load.
      const elapsed = performance.now() - started;
      ours.push(elapsed / shots.length);
      oursPerStory.push(elapsed / stories.length);
      theirs.push(await toHaveScreenshotPerSnapshot(baseUrl, stories, false));
    }
    console.log(`visual: ${stories.length} stories, ${ROUNDS} rounds, 2 workers each. Per snapshot: runner median ${ms(median(ours))} (min ${ms(Math.min(...ours))}, max ${ms(Math.max(...ours))}); Playwright toHaveScreenshot median ${ms(median(theirs))} (min ${ms(Math.min(...theirs))}, max ${ms(Math.max(...theirs))}); ratio ${(median(theirs) / median(ours)).toFixed(1)}×. Per story with all its modes: runner median ${ms(median(oursPerStory))}.`);
  } finally {
    server.close();
  }
}

await storageBench();
await visualBench();
