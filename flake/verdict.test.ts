// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseLedgerText, type Attempt } from './ledger';
import { attemptsFromReport } from './report-attempts';
import { prVerdicts, verdictMarkdown } from './verdict';

const node = (args: string[], env: Record<string, string> = {}) => spawnSync(process.execPath, args, { encoding: 'utf8', env: { ...process.env, ...env } });

describe('verdicts on the red tests of a pull request', () => {
  it('names each red test of a real run by what main’s ledger says of it, in the comment the PR gets', { timeout: 120_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'verdicts-'));
    const report = join(dir, 'results.json');
    const run = node(['node_modules/@playwright/test/cli.js', 'test', '-c', 'flake/test-data/pr-run.config.ts'], {
      PR_RUN_REPORT: report,
      PR_RUN_OUTPUT: join(dir, 'results'),
    });
    expect(run.status, run.stderr).toBe(1);

    const cli = node([
      'node_modules/tsx/dist/cli.mjs',
      'flake/run.ts',
      '--verdicts',
      '--report',
      report,
      '--ledger',
      'flake/test-data/main-ledger.jsonl',
      '--out',
      join(dir, 'comment'),
      '--traces-at',
      'https://ci.example/runs/7',
    ]);
    expect(cli.status, cli.stderr).toBe(0);
    const comment = readFileSync(join(dir, 'comment', 'comment.md'), 'utf8');
    expect(cli.stdout).toContain(comment);
    const trace = (name: string) => `\\[trace\\]\\(https://ci\\.example/runs/7\\) \`[^\`]*/${name}/trace\\.zip\``;
    const row = (test: string, result: string, verdict: string, name: string) =>
      `\\| pr-run\\.spec\\.ts › ${test} \\| ${result} \\| ${verdict} \\| ${trace(name)} \\|`;
    const expected = [
      '<!-- agent-console-flake-verdicts -->',
      '### E2E verdicts: 5 red test\\(s\\)',
      '',
      'Judged against 55 attempt\\(s\\) on main \\(flake/test-data/main-ledger\\.jsonl, 2026-11-20 onward\\)\\.',
      '',
      '\\| Test \\| Result \\| Verdict \\| Trace \\|',
      '\\| --- \\| --- \\| --- \\| --- \\|',
      row(
        'stable on main, broken by this change',
        'failed',
        'new failure, stable on main for 10 attempts since 2026-11-20: likely this change',
        'pr-run-stable-on-main-broken-by-this-change',
      ),
      row('new in this change', 'failed', 'no history on main: a new or renamed test, run there 0 times', 'pr-run-new-in-this-change'),
      // Its retry passed: flaky, with the failure rate on main and the other test its error was seen in.
      row(
        'known flaky, passes on retry',
        'flaky',
        'known flaky: 20\\.0% over 10 attempts since 2026-11-20, last failed 2026-11-26, same error cluster as pr-run\\.spec\\.ts › an older test on the same race',
        'pr-run-known-flaky-passes-on-retry',
      ),
      row('broken on main too', 'failed', "also broken on main: failed its attempt in main's last run \\(2026-11-29, c0mmit29\\)", 'pr-run-broken-on-main-too'),
      row(
        'quarantined and failing',
        'failed',
        'quarantined: owner @\u200bqa-fixtures, \\d+ day\\(s\\) left \\(#30 proves the verdict names it\\)',
        'pr-run-quarantined-and-failing',
      ),
      '',
      // One torn line of the ledger is named, and does not hide the others.
      'Skipped: 1 unreadable ledger line\\(s\\)\\.',
      '',
    ].join('\n');
    expect(comment).toMatch(new RegExp(`^${expected}$`));
  });

  const attempt = (testId: string, outcome: Attempt['outcome'], at: string, extra: Partial<Attempt> = {}): Attempt => ({
    run: at,
    commit: 'c',
    at,
    testId,
    title: testId,
    file: 'f',
    project: 'chromium',
    outcome,
    duration: 1,
    retry: 0,
    signature: outcome === 'failed' ? 'Error: x' : '',
    ...extra,
  });

  it('a failure on main that was an infrastructure run is not held against the test', () => {
    const ledger = [
      ...['a', 'b', 'c', 'd'].map((id) => attempt(id, 'failed', '2026-11-02T00:00:00.000Z', { run: 'infra' })),
      attempt('a', 'passed', '2026-11-01T00:00:00.000Z'),
      attempt('a', 'passed', '2026-11-03T00:00:00.000Z'),
    ];
    expect(prVerdicts([attempt('a', 'failed', '2026-12-01T00:00:00.000Z', { run: 'pr' })], ledger)[0]).toMatchObject({
      kind: 'new-failure',
      text: 'new failure, stable on main for 2 attempts since 2026-11-01: likely this change',
    });
  });

  it('an error not seen on main before is said so, and a passing test gets no verdict', () => {
    const ledger = [attempt('a', 'failed', '2026-11-01T00:00:00.000Z'), attempt('a', 'passed', '2026-11-02T00:00:00.000Z')];
    const verdicts = prVerdicts(
      [
        attempt('a', 'failed', '2026-12-01T00:00:00.000Z', { run: 'pr', signature: 'Error: y' }),
        attempt('b', 'passed', '2026-12-01T00:00:00.000Z', { run: 'pr' }),
      ],
      ledger,
    );
    expect(verdicts.map((verdict) => verdict.text)).toEqual([
      'known flaky: 50.0% over 2 attempts since 2026-11-01, last failed 2026-11-01, an error not seen on main before',
    ]);
  });

  it('says so when nothing was red, and keeps hostile test names inside their cell', () => {
    expect(verdictMarkdown([], { historyAttempts: 0, historyFrom: 'no ledger' })).toBe(
      '<!-- agent-console-flake-verdicts -->\n### E2E verdicts: no red test\n\nJudged against 0 attempt(s) on main (no ledger).\n',
    );
    const [verdict] = prVerdicts([attempt('x | @team\n<img src=x>', 'failed', '2026-12-01T00:00:00.000Z')], []);
    const table = verdictMarkdown(verdict ? [verdict] : [], { historyAttempts: 0, historyFrom: 'no ledger' });
    expect(table).toContain('| x \\| @\u200bteam &lt;img src=x&gt; | failed | no history on main');
  });

  it('reads a report record by record: a malformed result is counted and the rest kept', () => {
    const report = {
      suites: [
        {
          title: 'a.spec.ts',
          specs: [
            {
              title: 't',
              tests: [
                {
                  projectName: 'chromium',
                  results: [
                    { status: 'failed', duration: 5, retry: 0, startTime: '2026-12-01T00:00:00.000Z', error: { message: 'Error: boom 42' } },
                    { status: 'exploded', duration: 5, retry: 1, startTime: '2026-12-01T00:00:01.000Z' },
                  ],
                },
                { projectName: 7 },
              ],
            },
          ],
        },
      ],
    };
    const { attempts, skipped } = attemptsFromReport(report, { run: 'r', commit: 'c' });
    expect(skipped).toBe(2);
    expect(attempts).toEqual([expect.objectContaining({ testId: 'chromium › a.spec.ts › t', outcome: 'failed', signature: 'Error: boom <n>', retry: 0 })]);
    expect(attemptsFromReport('not a report', { run: 'r', commit: 'c' })).toEqual({ attempts: [], skipped: 0 });
  });

  it("numbers a test's repeats in the report's order, so two started in the same millisecond stay two attempts", () => {
    const started = { status: 'passed', duration: 1, retry: 0, startTime: '2026-12-01T00:00:00.000Z' };
    const repeat = { projectName: 'chromium', results: [started] };
    const other = { projectName: 'firefox', results: [started] };
    const report = { suites: [{ title: 'a.spec.ts', specs: [{ title: 't', tests: [repeat, other, repeat, repeat] }] }] };
    const { attempts } = attemptsFromReport(report, { run: 'r', commit: 'c' });
    expect(attempts.map((attempt) => [attempt.project, attempt.repeat])).toEqual([
      ['chromium', 0],
      ['firefox', 0],
      ['chromium', 1],
      ['chromium', 2],
    ]);
    const ledger = parseLedgerText(attempts.map((attempt) => JSON.stringify(attempt)).join('\n'));
    expect(ledger).toMatchObject({ duplicates: 0, skipped: 0 });
    expect(ledger.attempts).toHaveLength(4);
  });
});
