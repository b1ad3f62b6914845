// `node_modules/.bin/tsx bench/shard-balance.ts --history A --actual B [--config playwright.config.ts]`:
// how even the shards are. A and B are Playwright JSON reports (or ledger files) of two full runs of
// the suite: the split is made from A's durations (what the ledger would know), and judged by B's
// (the run it predicts), against Playwright's own `--shard` split of the same tests, judged by the
// same run B. For n = 2 and 4: each shard's test time (the sum of its tests' durations in B) and
// the slowest shard over the mean. Dependency projects (sign-in) run in every shard and are left out.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { expectedDurations, medianDurations } from '../flake/durations';
import { parseLedgerText, type Attempt } from '../flake/ledger';
import { listSuite } from '../flake/list-suite';
import { attemptsFromReport, testsFromReport } from '../flake/report-attempts';
import { balanceShards } from '../flake/shards';

const { values } = parseArgs({
  options: {
    history: { type: 'string' },
    actual: { type: 'string' },
    config: { type: 'string', default: 'playwright.config.ts' },
  },
});
if (!values.history || !values.actual) {
  console.error('Give --history and --actual: two Playwright JSON reports (or ledger files) of full runs.');
  process.exit(2);
}

function attemptsOf(file: string): Attempt[] {
  const text = readFileSync(file, 'utf8');
  return file.endsWith('.jsonl') ? parseLedgerText(text).attempts : attemptsFromReport(JSON.parse(text), { run: file, commit: 'bench' }).attempts;
}

const config = (await import(join(process.cwd(), values.config))) as { default: { projects?: { dependencies?: string[] }[] } };
const dependencies = new Set(config.default.projects?.flatMap((project) => project.dependencies ?? []));
const tests = listSuite(values.config).tests.filter((test) => !dependencies.has(test.project));
const actual = new Map<string, number>();
// A test's time in run B: all its attempts (a retry costs its shard too).
for (const attempt of attemptsOf(values.actual)) actual.set(attempt.testId, (actual.get(attempt.testId) ?? 0) + attempt.duration);
const missing = tests.filter((test) => !actual.has(test.testId));

function playwrightShard(index: number, count: number): Set<string> {
  const out = join(mkdtempSync(join(tmpdir(), 'shard-bench-')), 'list.json');
  spawnSync(
    process.execPath,
    ['node_modules/@playwright/test/cli.js', 'test', '-c', values.config as string, '--list', `--shard=${index}/${count}`, '--reporter=json'],
    {
      env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: out },
    },
  );
  return new Set(
    testsFromReport(JSON.parse(readFileSync(out, 'utf8')))
      .tests.filter((test) => !dependencies.has(test.project))
      .map((test) => test.testId),
  );
}

const seconds = (ids: Iterable<string>) => [...ids].reduce((sum, id) => sum + (actual.get(id) ?? 0), 0) / 1000;
const ratio = (times: number[]) => Math.max(...times) / (times.reduce((sum, time) => sum + time, 0) / times.length);
const rows: string[] = [];
const durations = expectedDurations(tests, medianDurations(attemptsOf(values.history)));
for (const count of [2, 4]) {
  const ours = balanceShards(tests, durations, count).map((shard) => seconds(shard.tests.map((test) => test.testId)));
  const theirs = Array.from({ length: count }, (_, index) => seconds(playwrightShard(index + 1, count)));
  rows.push(
    `| ${count} | ${ours.map((time) => time.toFixed(1)).join(' / ')} | **${ratio(ours).toFixed(3)}** | ${theirs.map((time) => time.toFixed(1)).join(' / ')} | ${ratio(theirs).toFixed(3)} |`,
  );
}
console.log(
  [
    `Shard balance: ${tests.length} tests (dependency projects left out), split by ${values.history}, timed by ${values.actual}${missing.length ? `; ${missing.length} test(s) not in the timed run count 0 s` : ''}.`,
    '',
    '| n | ledger split: test time per shard (s) | slowest / mean | Playwright --shard: test time per shard (s) | slowest / mean |',
    '| --- | --- | --- | --- | --- |',
    ...rows,
  ].join('\n'),
);
