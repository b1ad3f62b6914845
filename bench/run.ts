// `npm run bench`: speed, measured. Medians over repeated runs, and same-run ratios.
import { createServer as createHttpServer } from 'node:http';
import { chromium } from '@playwright/test';
import sirv from 'sirv';
import { createServer } from 'vite';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { captureStories } from '../visual/capture';
import { ensureStorybookBuild, readStoryIndex, type IndexEntry } from '../visual/storybook';
import { median, ms } from './stats';

const ROUNDS = 3;

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

/** What a plain per-story screenshot test does: a fresh page, a navigation, and screenshots until two agree. */
async function plainPerStory(baseUrl: string, stories: IndexEntry[]): Promise<number> {
  const browser = await chromium.launch(chromiumLaunchOptions());
  const started = performance.now();
  for (const story of stories) {
    const page = await browser.newPage({ viewport: { width: 900, height: 700 } });
    await page.goto(`${baseUrl}iframe.html?id=${story.id}&viewMode=story&globals=theme:light`);
    await page.waitForFunction(() => (window as unknown as { __STORYBOOK_PREVIEW__?: { currentRender?: { phase?: string } } }).__STORYBOOK_PREVIEW__?.currentRender?.phase === 'finished');
    let previous = await page.screenshot({ animations: 'disabled' });
    for (;;) {
      const next = await page.screenshot({ animations: 'disabled' });
      if (next.equals(previous)) break;
      previous = next;
    }
    await page.close();
  }
  const elapsed = performance.now() - started;
  await browser.close();
  return elapsed / stories.length;
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
    const plain: number[] = [];
    for (let round = 0; round < ROUNDS; round += 1) {
      const started = performance.now();
      const { shots } = await captureStories(baseUrl, stories);
      // Wall time including the browser launch and the preview's first load.
      const elapsed = performance.now() - started;
      ours.push(elapsed / shots.length);
      oursPerStory.push(elapsed / stories.length);
      // The plain way, one mode per story, so it is compared per snapshot like ours.
      plain.push(await plainPerStory(baseUrl, stories));
    }
    console.log(`visual: ${stories.length} stories, ${ROUNDS} rounds. Per snapshot: runner median ${ms(median(ours))}, plain per-story screenshot median ${ms(median(plain))}, ratio ${(median(plain) / median(ours)).toFixed(1)}×. Per story with all its modes: runner median ${ms(median(oursPerStory))}.`);
  } finally {
    server.close();
  }
}

await storageBench();
await visualBench();
