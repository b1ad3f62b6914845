import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { changedFiles, defaultBase } from '../scripts/changed-files.mjs';
import { markdownCell } from '../scripts/report-text.mjs';
import { expectedDurations, medianDurations, type ExpectedDuration } from './durations';
import { readLedger, type Attempt } from './ledger';
import { listSuite } from './list-suite';
import { attemptsFromReport, type ListedTest } from './report-attempts';
import { createDependencyReader, suiteLayout } from './test-dependencies';

/** A test the change added or touched, and the changed files that make it so. */
export interface ChosenTest extends ListedTest {
  because: string[];
  /** Its expected duration (ms): the median of its attempts in the ledger, else its file's mean, else a guess. */
  expectedMs: number;
  durationFrom: ExpectedDuration['from'];
}

export interface BurnInPlan {
  tests: ChosenTest[];
  repeats: number;
  /** The repeats asked for, when fewer fit the budget, and what one run takes: estimated from the ledger, or measured on the first run. */
  lowered?: { from: number; perRepeatSeconds: number; budgetSeconds: number; basis: 'estimate' | 'first run' };
}

/**
 * The tests the change touched (a file they depend on changed: their spec, a page object, fixture,
 * matcher or mock handler they use; changes elsewhere are the gate's) and how many times each is
 * run: `repeats`, lowered until one run of them all fits the budget on `workers` workers.
 */
export function planBurnIn(input: {
  listed: readonly ListedTest[];
  dependenciesOf: (test: ListedTest) => Set<string>;
  changed: readonly string[];
  testCode: (file: string) => boolean;
  durations: Map<string, number>;
  repeats: number;
  budgetSeconds: number;
  workers: number;
}): BurnInPlan {
  const changed = input.changed.filter(input.testCode);
  const expected = expectedDurations(input.listed, input.durations);
  const tests: ChosenTest[] = [];
  for (const test of input.listed) {
    const dependencies = input.dependenciesOf(test);
    const because = changed.filter((file) => dependencies.has(file));
    const duration = expected.get(test) as ExpectedDuration;
    if (because.length) tests.push({ ...test, because, expectedMs: duration.ms, durationFrom: duration.from });
  }
  const perRepeatSeconds = tests.reduce((sum, test) => sum + test.expectedMs, 0) / 1000 / Math.max(1, input.workers);
  const fit = perRepeatSeconds > 0 ? Math.floor(input.budgetSeconds / perRepeatSeconds) : input.repeats;
  const repeats = Math.max(1, Math.min(input.repeats, fit));
  return {
    tests,
    repeats,
    ...(repeats < input.repeats ? { lowered: { from: input.repeats, perRepeatSeconds, budgetSeconds: input.budgetSeconds, basis: 'estimate' as const } } : {}),
  };
}

export interface FailedAttempt {
  testId: string;
  attempt: number;
  of: number;
  signature: string;
  trace?: string;
}

/**
 * The failed attempts of a burn-in run, each with its attempt number: 1-based, in the order given
 * (the first run's, then the other runs' in their reports, which list a test's repeats by index).
 * Not by start time: two workers start repeats of one test within the same millisecond, in either order.
 */
export function failedAttempts(attempts: readonly Attempt[], repeats: number): FailedAttempt[] {
  const byTest = new Map<string, Attempt[]>();
  for (const attempt of attempts) byTest.set(attempt.testId, [...(byTest.get(attempt.testId) ?? []), attempt]);
  const failed: FailedAttempt[] = [];
  for (const [testId, mine] of byTest)
    mine.forEach((attempt, index) => {
      if (attempt.outcome === 'failed' || attempt.outcome === 'timedOut')
        failed.push({ testId, attempt: index + 1, of: repeats, signature: attempt.signature, ...(attempt.trace ? { trace: attempt.trace } : {}) });
    });
  return failed.sort((a, b) => a.testId.localeCompare(b.testId) || a.attempt - b.attempt);
}

/** How many more runs fit the budget after a first run that took `firstSeconds`: at most `asked` in all, at least the first. */
export function runsAfterFirst(asked: number, budgetSeconds: number, firstSeconds: number): number {
  if (firstSeconds <= 0) return asked - 1;
  return Math.max(0, Math.min(asked - 1, Math.floor((budgetSeconds - firstSeconds) / firstSeconds)));
}

/** What the time estimate rests on: "3 timed by their median in the ledger, 1 by its file's mean". */
function timedBy(plan: BurnInPlan): string {
  const label: Record<ChosenTest['durationFrom'], string> = {
    ledger: 'by their median in the ledger',
    'file mean': "by their file's mean",
    'suite mean': "by the suite's mean",
    default: 'guessed at 5 s (no history)',
  };
  const counts = new Map<ChosenTest['durationFrom'], number>();
  for (const test of plan.tests) counts.set(test.durationFrom, (counts.get(test.durationFrom) ?? 0) + 1);
  return [...counts].map(([from, count]) => `${count} ${label[from]}`).join(', ');
}

export function burnInMarkdown(plan: BurnInPlan, failures: readonly FailedAttempt[], ran: { attempts: number; seconds: number }): string {
  const unique = new Map(plan.tests.map((test) => [test.testId, test]));
  if (!unique.size) return '### Burn-in: no new or changed test\n\nNo test depends on a changed spec, page object, fixture, matcher or mock handler.\n';
  const lines = [
    `### Burn-in: ${failures.length ? `${failures.length} failed attempt(s)` : 'passed'}: ${unique.size} new or changed test(s), ${plan.repeats} run(s) each, retries off`,
    '',
    `${ran.attempts} attempt(s) in ${ran.seconds.toFixed(1)} s.`,
  ];
  if (plan.lowered)
    lines.push(
      '',
      `Runs lowered from ${plan.lowered.from} to ${plan.repeats} to fit the ${plan.lowered.budgetSeconds} s budget: ${
        plan.lowered.basis === 'first run'
          ? `the first run of these tests took ${plan.lowered.perRepeatSeconds.toFixed(1)} s`
          : `one run of these tests is expected to take ${plan.lowered.perRepeatSeconds.toFixed(1)} s (${timedBy(plan)})`
      }.`,
    );
  if (failures.length)
    lines.push(
      '',
      '| Test | Attempt | Error | Trace |',
      '| --- | --- | --- | --- |',
      ...failures.map(
        (failure) =>
          `| ${markdownCell(failure.testId)} | ${failure.attempt} of ${failure.of} | ${markdownCell(failure.signature || '(no message)')} | ${failure.trace ? `\`${markdownCell(failure.trace)}\`` : 'no trace'} |`,
      ),
    );
  lines.push(
    '',
    '<details><summary>Why each test was chosen</summary>',
    '',
    ...[...unique.values()].map((test) => `- ${markdownCell(test.testId)}: ${test.because.map((file) => `\`${markdownCell(file)}\``).join(', ')}`),
    '',
    '</details>',
    '',
  );
  return lines.join('\n');
}

/**
 * `npm run flake -- --burn-in [ref] [--changed FILE,…] [--repeats 10] [--budget-seconds 300]
 * [--config playwright.config.ts] [--ledger flake-history/history.jsonl] [--out flake-burn-in]`:
 * runs the tests the change added or touched `repeats` times with retries off. 1 when any attempt
 * failed. `ref` defaults to origin/main (main when there is no remote); `--changed` names the
 * changed files instead of asking git.
 */
export async function burnInCli(args: string[]): Promise<number> {
  const { values, positionals } = parseArgs({
    args,
    allowPositionals: true,
    options: {
      changed: { type: 'string' },
      repeats: { type: 'string', default: '10' },
      'budget-seconds': { type: 'string', default: '300' },
      config: { type: 'string', default: 'playwright.config.ts' },
      ledger: { type: 'string', default: 'flake-history/history.jsonl' },
      out: { type: 'string', default: 'flake-burn-in' },
      workers: { type: 'string', default: '2' },
    },
  });
  const root = process.cwd();
  const ref = positionals[0] ?? defaultBase();
  const changed = values.changed ? values.changed.split(',').filter(Boolean) : changedFiles(ref);
  const { tests: listed, rootDir } = listSuite(values.config);
  const read = createDependencyReader(suiteLayout(root, rootDir));
  const suiteDir = relative(root, rootDir);
  const plan = planBurnIn({
    listed,
    dependenciesOf: (test) => read(join(rootDir, test.file), test.line),
    changed,
    // Test code: the suite's own files and the mock layer. Source changes are the gate's to test.
    testCode: (file) => file.startsWith(`${suiteDir}/`) || file.startsWith('fixtures/'),
    durations: medianDurations(readLedger(values.ledger).attempts),
    repeats: Number(values.repeats),
    budgetSeconds: Number(values['budget-seconds']),
    workers: Number(values.workers),
  });
  const out = resolve(values.out);
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out, { recursive: true });
  let failures: FailedAttempt[] = [];
  let ran = { attempts: 0, seconds: 0 };
  if (plan.tests.length) {
    const locations = [...new Set(plan.tests.map((test) => `${join(suiteDir, test.file)}:${test.line}`))];
    const projects = [...new Set(plan.tests.map((test) => test.project).filter(Boolean))];
    const chosen = new Set(plan.tests.map((test) => test.testId));
    const run = (repeats: number, name: string) => {
      const report = join(out, `${name}.json`);
      const started = performance.now();
      spawnSync(
        process.execPath,
        [
          'node_modules/@playwright/test/cli.js',
          'test',
          '-c',
          values.config,
          ...locations,
          ...projects.flatMap((project) => ['--project', project]),
          `--repeat-each=${repeats}`,
          '--retries=0',
          '--trace=retain-on-failure',
          '--reporter=list,json',
          `--workers=${values.workers}`,
          `--output=${join(out, name)}`,
        ],
        { stdio: ['ignore', 'inherit', 'inherit'], env: { ...process.env, PLAYWRIGHT_JSON_OUTPUT_NAME: report } },
      );
      const seconds = (performance.now() - started) / 1000;
      if (!existsSync(report)) throw new Error(`Burn-in: Playwright wrote no report (${report}); nothing was judged.`);
      const { attempts } = attemptsFromReport(JSON.parse(readFileSync(report, 'utf8')), { run: `burn-in ${name}`, commit: 'this change' });
      return { seconds, attempts: attempts.filter((attempt) => chosen.has(attempt.testId)) };
    };
    try {
      // One run first: what it takes on this machine decides how many more fit the budget.
      const first = run(1, 'first-run');
      const asked = Number(values.repeats);
      const more = runsAfterFirst(asked, Number(values['budget-seconds']), first.seconds);
      const rest = more > 0 ? run(more, 'more-runs') : { seconds: 0, attempts: [] };
      plan.repeats = 1 + more;
      delete plan.lowered;
      if (plan.repeats < asked)
        plan.lowered = { from: asked, perRepeatSeconds: first.seconds, budgetSeconds: Number(values['budget-seconds']), basis: 'first run' };
      const attempts = [...first.attempts, ...rest.attempts];
      failures = failedAttempts(attempts, plan.repeats);
      ran = { attempts: attempts.length, seconds: first.seconds + rest.seconds };
    } catch (error) {
      console.error(error instanceof Error ? error.message : String(error));
      return 1;
    }
  }
  const markdown = burnInMarkdown(plan, failures, ran);
  writeFileSync(join(out, 'summary.md'), markdown);
  console.log(markdown);
  return failures.length ? 1 : 0;
}
