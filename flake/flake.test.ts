// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, it } from 'vitest';
import { SCORING } from './score';

interface Summary {
  tests: { title: string; class: string; runs: number; failures: number; bound: number }[];
}

it('from a fresh ledger the fixture tests are classified stable, flaky and broken; a stable test turning flaky fails the run', { timeout: 180_000 }, () => {
  const dir = mkdtempSync(join(tmpdir(), 'flake-'));
  const flake = (args: string[], env: Record<string, string> = {}) =>
    spawnSync(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'flake/run.ts',
        '--config',
        'flake/test-data/playwright.config.ts',
        '--history',
        join(dir, 'history.jsonl'),
        '--report',
        join(dir, 'report'),
        ...args,
      ],
      { encoding: 'utf8', env: { ...process.env, ...env } },
    );
  const read = () => JSON.parse(readFileSync(join(dir, 'report', 'summary.json'), 'utf8')) as Summary;

  // Five repeats, the fewest the classifier judges (SCORING.minSamples): Playwright starts a worker
  // for every repeat and after every failure, about half a CPU-second each.
  const first = flake(['--repeat', String(SCORING.minSamples)]);
  expect(first.status, first.stdout.slice(-1500)).toBe(0);
  const summary = read();
  expect(Object.fromEntries(summary.tests.map((test) => [test.title, test.class]))).toEqual({
    steady: 'stable',
    'broken on purpose': 'broken',
    'fails at a seeded random rate': 'flaky',
    'quarantined while it is fixed': 'broken',
  });
  const seeded = summary.tests.find((test) => test.title === 'fails at a seeded random rate');
  expect(seeded).toMatchObject({ runs: SCORING.minSamples });
  expect(seeded?.failures).toBeGreaterThan(0);
  expect(seeded?.failures).toBeLessThan(SCORING.minSamples);
  const markdown = readFileSync(join(dir, 'report', 'summary.md'), 'utf8');
  expect(markdown).toContain('this test is broken on purpose');
  // The quarantined test ran every time and is listed with its owner and the days it has left.
  expect(markdown).toMatch(
    /### Quarantined \(still run, not gating\)[\s\S]*\| @\u200bqa-fixtures \| #13 proves that quarantine still runs \| 2099-12-31 \(\d+ day\(s\) left\) \| broken \|/,
  );
  const html = readFileSync(join(dir, 'report', 'index.html'), 'utf8');
  expect(html).toContain('aria-label="Share of failed attempts per run, 1 runs;');
  // Each failure links to its trace while the trace is kept.
  expect(html).toMatch(/<a href="[^"]+trace\.zip">trace<\/a>/);

  // Two repeats, the first failing (FLAKE_FIXTURE_BREAK fails the even ones): with the first run's
  // five passes that is a test that passed and failed on one commit, and each repeat is a worker.
  const second = flake(['--repeat', '2', '--grep', 'steady'], { FLAKE_FIXTURE_BREAK: '1' });
  expect(second.status).toBe(1);
  expect(second.stdout).toContain('Newly unstable since the last run:');
  expect(read().tests.find((test) => test.title === 'steady')?.class).toBe('flaky');
});
