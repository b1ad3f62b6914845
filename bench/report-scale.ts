import { mkdirSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { chromium } from '@playwright/test';
import { PNG } from 'pngjs';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { writeFlakeReport } from '../flake/report';
import type { Attempt } from '../flake/ledger';
import { runTrend, scoreLedger } from '../flake/score';
import { writeReport } from '../visual/report';
import type { StoryResult } from '../visual/results';
import { figure, type Figure } from './stats';

const ENTRIES = 10_000;

/** A report of `ENTRIES` captures as a Storybook of that size gives: most unchanged, some changed by a few causes, new and errored ones. */
function visualReport(dir: string): void {
  const image = new PNG({ width: 400, height: 300 });
  image.data.fill(200);
  writeFileSync(join(dir, 'capture.png'), PNG.sync.write(image));
  const results: StoryResult[] = Array.from({ length: ENTRIES }, (_, index) => {
    const id = `generated-widget-${Math.floor(index / 5)}--state-${index % 5}`;
    const status: StoryResult['status'] = index % 50 === 0 ? 'changed' : index % 97 === 0 ? 'new' : index % 211 === 0 ? 'error' : 'unchanged';
    const cause = { id: `cause-${index % 7}`, text: `rule .card-${index % 7} in src/app/theme.css:${10 + (index % 7)}: padding 8px → 12px` };
    return {
      id,
      title: `Generated/Widget ${Math.floor(index / 5)}`,
      name: `State ${index % 5}`,
      mode: index % 2 ? 'dark' : 'light',
      status,
      diffRatio: status === 'changed' ? 0.02 : 0,
      ...(status === 'changed'
        ? { why: [`changed: ${cause.text}`], causes: [cause], files: { baseline: 'capture.png', current: 'capture.png', diff: 'capture.png' } }
        : {}),
      ...(status === 'unchanged' || status === 'new' ? { files: { current: 'capture.png' } } : {}),
      ...(status === 'error' ? { reason: 'the story threw: Error: generated failure' } : {}),
    };
  });
  writeReport(dir, results, 'theme: light, dark');
}

/** A flake report over `ENTRIES` tests, five nightly runs each, a few of them flaky. */
function flakeReport(dir: string): void {
  const attempts: Attempt[] = [];
  for (let run = 0; run < 5; run += 1)
    for (let test = 0; test < ENTRIES; test += 1) {
      const failed = test % 40 === 0 && (test + run) % 3 === 0;
      attempts.push({
        run: `nightly-${run}`,
        commit: `c${run}`,
        at: new Date(Date.UTC(2026, 10, 1 + run, 2, 0, test % 60)).toISOString(),
        testId: `chromium › tests/generated-${Math.floor(test / 20)}.spec.ts › case ${test}`,
        title: `case ${test}`,
        file: `tests/generated-${Math.floor(test / 20)}.spec.ts`,
        project: 'chromium',
        outcome: failed ? 'failed' : 'passed',
        duration: 1000 + (test % 900),
        retry: 0,
        signature: failed ? `Error: expected ${test % 4} to be 0` : '',
      });
    }
  const scores = scoreLedger(attempts);
  writeFlakeReport(dir, {
    scores,
    skippedLines: 0,
    runs: [...new Set(attempts.map((attempt) => attempt.run))],
    newlyUnstable: [],
    trend: runTrend(attempts, scores.infraRuns),
    failures: attempts.filter((attempt) => attempt.outcome !== 'passed'),
  });
}

/**
 * The visual report with 10,000 captures and the flake report with 10,000 tests, each opened in
 * Chromium `rounds` times in a fresh page: the time to first contentful paint and to the load event.
 */
export async function reportScaleBench(rounds: number, add: (item: Figure) => void): Promise<void> {
  const root = mkdtempSync(join(tmpdir(), 'report-scale-'));
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    for (const [name, make] of [
      ['visual report, 10,000 captures', visualReport],
      ['flake report, 10,000 tests', flakeReport],
    ] as const) {
      const dir = join(root, name.split(',')[0]?.replace(' ', '-') ?? 'report');
      mkdirSync(dir, { recursive: true });
      make(dir);
      const file = join(dir, 'index.html');
      const paints: number[] = [];
      const loads: number[] = [];
      for (let round = 0; round < rounds; round += 1) {
        const page = await browser.newPage({ viewport: { width: 1400, height: 900 } });
        await page.goto(pathToFileURL(file).href, { waitUntil: 'load', timeout: 120_000 });
        const timing = await page.evaluate(() => ({
          paint: performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? Number.NaN,
          load:
            performance.getEntriesByType('navigation')[0] instanceof PerformanceNavigationTiming
              ? (performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming).loadEventEnd
              : Number.NaN,
        }));
        paints.push(timing.paint);
        loads.push(timing.load);
        await page.close();
      }
      const size = `${(statSync(file).size / 1024 / 1024).toFixed(1)} MB of HTML`;
      add(figure('reports', `${name}: first contentful paint in Chromium`, 'ms', paints, { goal: '2000 ms', note: size }));
      add(figure('reports', `${name}: load event in Chromium`, 'ms', loads, { note: size }));
    }
  } finally {
    await browser.close();
    rmSync(root, { recursive: true, force: true });
  }
}
