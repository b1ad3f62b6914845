// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import config from '../playwright.config';
import { expectedDurations } from './durations';
import { listSuite } from './list-suite';
import type { ListedTest } from './report-attempts';
import { testsFromReport } from './report-attempts';
import { parseShard } from '../scripts/shard-split';
import { balanceShards, testListLine } from './shards';

const test = (file: string, title: string, project = 'chromium'): ListedTest => ({
  testId: `${project} › ${file} › ${title}`,
  project,
  file,
  line: 1,
  title,
  titlePath: [title],
});

describe('shards of equal length', () => {
  it('gives each test to one shard, longest first to the lightest, timing unknown tests by their file’s mean', () => {
    const tests = [test('a.spec.ts', 'slow'), test('a.spec.ts', 'new'), test('b.spec.ts', 'x'), test('b.spec.ts', 'y'), test('c.spec.ts', 'never run')];
    const medians = new Map([
      ['chromium › a.spec.ts › slow', 9_000],
      ['chromium › b.spec.ts › x', 4_000],
      ['chromium › b.spec.ts › y', 2_000],
    ]);
    const durations = expectedDurations(tests, medians);
    // "new" is timed by a.spec.ts's mean (9 s); "never run" by the suite's (5 s).
    expect(tests.map((one) => durations.get(one))).toEqual([
      { ms: 9_000, from: 'ledger' },
      { ms: 9_000, from: 'file mean' },
      { ms: 4_000, from: 'ledger' },
      { ms: 2_000, from: 'ledger' },
      { ms: 5_000, from: 'suite mean' },
    ]);
    const shards = balanceShards(tests, durations, 2);
    expect(shards.map((shard) => [shard.tests.map((one) => one.title), shard.expectedMs])).toEqual([
      [['new', 'never run'], 14_000],
      [['slow', 'x', 'y'], 15_000],
    ]);
    expect(balanceShards(tests, durations, 4).flatMap((shard) => shard.tests)).toHaveLength(tests.length);
  });

  it('names a test as Playwright’s --test-list reads it, describe blocks included', () => {
    expect(testListLine({ ...test('tests/o.spec.ts', 'charts'), titlePath: ['traces', 'charts'] })).toBe('[chromium] › tests/o.spec.ts › traces › charts');
    expect(testListLine({ ...test('t.spec.ts', 'x', ''), titlePath: ['x'] })).toBe('t.spec.ts › x');
    expect(() => parseShard('3/2')).toThrow('--shard 3/2: write I/N with 1 ≤ I ≤ N, e.g. 2/4.');
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
  });

  it('on the real suite, Playwright runs every test in exactly one of the shards, for 2 and for 4', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'shards-'));
    const { tests } = listSuite('playwright.config.ts');
    const all = new Set(tests.map(testListLine));
    // Tests of a project another one depends on (sign-in) run in every shard that needs them.
    const dependencies = new Set(config.projects?.flatMap((project) => project.dependencies ?? []));
    const listed = (list: string) => {
      const out = join(dir, 'listed.json');
      const run = spawnSync(process.execPath, ['node_modules/@playwright/test/cli.js', 'test', '--test-list', list, '--list', '--reporter=json'], {
        encoding: 'utf8',
        env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
      });
      expect(run.status, run.stderr).toBe(0);
      return testsFromReport(JSON.parse(readFileSync(out, 'utf8')))
        .tests.filter((one) => !dependencies.has(one.project))
        .map(testListLine);
    };
    for (const count of [2, 4]) {
      const shards = balanceShards(tests, expectedDurations(tests, new Map()), count);
      const ran = shards.map((shard, index) => {
        const list = join(dir, `shard-${index + 1}-of-${count}.txt`);
        writeFileSync(list, `${shard.tests.map(testListLine).join('\n')}\n`);
        return listed(list);
      });
      const everyRun = ran.flat();
      expect(new Set(everyRun).size, `no test twice in ${count} shards`).toBe(everyRun.length);
      expect(new Set(everyRun), `none left out of ${count} shards`).toEqual(
        new Set([...all].filter((line) => !dependencies.has(/^\[([^\]]+)\]/.exec(line)?.[1] ?? ''))),
      );
    }
  });
});
