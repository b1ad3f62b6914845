import { spawnSync } from 'node:child_process';
import { readFileSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { readLedger } from './ledger';
import { writeShardList } from './shards';
import { writeFlakeReport } from './report';
import { newlyUnstable, runTrend, scoreLedger, type FlakeClass } from './score';

/** The attempt diffs this run wrote (flake/attempt-diff-reporter.ts): test id → its page and first divergence. */
function readDiffIndex(path: string): Record<string, { page: string; first: string }> {
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as Record<string, { page: string; first: string }>;
  } catch {
    return {};
  }
}

/**
 * `npm run flake -- [--repeat N] [--grep PATTERN] [--history FILE] [--config FILE] [--report DIR]
 * [--shard I/N] [--run ID] [--report-only]`: runs the E2E suite N times without retries, records
 * every attempt in the history ledger, scores every test over its window and writes flake-report/.
 * 1 when a test that was stable became flaky or broken. `--shard` runs shard I of N (split by the
 * ledger's durations); the shards of one nightly share a `--run` id, and `--report-only` scores
 * the ledger their attempts were merged into without running anything.
 */
export function repeatRun(args: string[]): number {
  const { values } = parseArgs({
    args,
    options: {
      repeat: { type: 'string', default: '10' },
      grep: { type: 'string' },
      history: { type: 'string', default: 'flake-history/history.jsonl' },
      config: { type: 'string', default: 'playwright.config.ts' },
      report: { type: 'string', default: 'flake-report' },
      shard: { type: 'string' },
      run: { type: 'string' },
      'report-only': { type: 'boolean', default: false },
    },
  });

  const ledger = resolve(values.history);
  const run = values.run ?? `${new Date().toISOString()}#${process.pid}`;
  const started = performance.now();
  // Diffs of an earlier run in this report folder are not this run's.
  if (!values['report-only']) rmSync(join(resolve(values.report), 'diffs'), { recursive: true, force: true });
  const shardList = values.shard ? writeShardList(values.shard, values.config, ledger) : undefined;
  const result = values['report-only']
    ? { status: 0 }
    : spawnSync(
        process.execPath,
        [
          'node_modules/@playwright/test/cli.js',
          'test',
          '-c',
          values.config,
          // No retries, and the trace of every failed attempt: a flake is hunted from its failing side.
          `--repeat-each=${values.repeat}`,
          '--retries=0',
          '--trace=retain-on-failure',
          // The attempt diff before html: the report shows what it attaches.
          `--reporter=list,${resolve('flake/attempt-diff-reporter.ts')},html,${resolve('flake/recorder.ts')}`,
          ...(values.grep ? ['--grep', values.grep] : []),
          ...(shardList ? ['--test-list', shardList] : []),
        ],
        {
          stdio: 'inherit',
          // Every attempt keeps its record, so any failing one can be compared with a passing one.
          env: { ...process.env, FLAKE_LEDGER: ledger, FLAKE_RUN: run, FLAKE_RECORD_ATTEMPTS: '1', FLAKE_DIFF_DIR: join(resolve(values.report), 'diffs') },
        },
      );
  const seconds = ((performance.now() - started) / 1000).toFixed(1);

  const { attempts, skipped } = readLedger(ledger);
  const scores = scoreLedger(attempts);
  // "Before" is the ledger without this run: the shared ledger carries it, no state beside it.
  const before = Object.fromEntries(scoreLedger(attempts.filter((attempt) => attempt.run !== run)).tests.map((test) => [test.id, test.class]));
  const unstable = newlyUnstable(before, scores.tests);
  writeFlakeReport(resolve(values.report), {
    scores,
    skippedLines: skipped,
    runs: [...new Set(attempts.map((attempt) => attempt.run))],
    newlyUnstable: unstable,
    trend: runTrend(attempts, scores.infraRuns),
    failures: attempts.filter((attempt) => attempt.outcome === 'failed' || attempt.outcome === 'timedOut'),
    diffs: readDiffIndex(join(resolve(values.report), 'diffs', 'index.json')),
  });

  const count = (klass: FlakeClass) => scores.tests.filter((test) => test.class === klass).length;
  console.log(
    `\n${values['report-only'] ? `Flake report of ${ledger}` : `Flake run${values.shard ? `, shard ${values.shard}` : ''}: ${values.repeat} repeats in ${seconds} s (Playwright exit ${result.status ?? 'signal'})`}. ${scores.tests.length} tests: ${count('stable')} stable, ${count('flaky')} flaky, ${count('broken')} broken, ${count('new')} new. Report: ${join(values.report, 'index.html')}`,
  );
  for (const test of scores.tests.filter((candidate) => candidate.class === 'flaky' || candidate.class === 'broken'))
    console.log(`  ${test.class.padEnd(7)} ${test.id}: ${test.failures}/${test.runs} failed (lower bound ${(test.bound * 100).toFixed(1)}%)`);
  if (unstable.length) console.log(`Newly unstable since the last run: ${unstable.map((test) => test.id).join(', ')}`);
  return unstable.length ? 1 : 0;
}
