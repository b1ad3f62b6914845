// @vitest-environment node
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { burnInMarkdown, planBurnIn, runsAfterFirst } from './burn-in';
import { listSuite } from './list-suite';
import type { ListedTest } from './report-attempts';
import { createDependencyReader, suiteLayout } from './test-dependencies';

const FIXTURE = 'flake/test-data/burn-in';

function selector(config: string, layoutRoot: string) {
  const { tests, rootDir } = listSuite(config);
  const read = createDependencyReader(suiteLayout(process.cwd(), rootDir));
  return (changed: string[], durations = new Map<string, number>(), budgetSeconds = 300) =>
    planBurnIn({
      listed: tests,
      dependenciesOf: (test: ListedTest) => read(join(rootDir, test.file), test.line),
      changed,
      testCode: (file) => file.startsWith(`${layoutRoot}/`) || file.startsWith('fixtures/'),
      durations,
      repeats: 10,
      budgetSeconds,
      workers: 2,
    });
}

describe('burn-in of new and changed tests', { timeout: 60_000 }, () => {
  let select: ReturnType<typeof selector>;
  beforeAll(() => {
    select = selector(`${FIXTURE}/playwright.config.ts`, FIXTURE);
  });
  const titles = (changed: string[]) => select(changed).tests.map((test) => test.title);

  it('chooses the tests whose spec, page object, fixture or matcher changed, by what each test uses', () => {
    expect(titles([`${FIXTURE}/pages/CartPage.ts`])).toEqual(['adds an item', 'starts empty', 'finds and adds']);
    expect(titles([`${FIXTURE}/fixtures/search.ts`])).toEqual(['finds by prefix', 'finds nothing for an unknown prefix', 'finds and adds']);
    expect(titles([`${FIXTURE}/matchers/to-contain-item.ts`])).toEqual(['adds an item', 'finds and adds']);
    expect(titles([`${FIXTURE}/tests/cart.spec.ts`])).toEqual(['adds an item', 'starts empty']);
    // The one `test` every spec imports: every test.
    expect(titles([`${FIXTURE}/fixtures/test.ts`])).toHaveLength(5);
    // Source code is the gate's to test, not the burn-in's.
    expect(titles(['src/app/App.tsx', 'README.md'])).toEqual([]);
    const [chosen] = select([`${FIXTURE}/pages/CartPage.ts`, `${FIXTURE}/tests/cart.spec.ts`]).tests;
    expect(chosen?.because).toEqual([`${FIXTURE}/pages/CartPage.ts`, `${FIXTURE}/tests/cart.spec.ts`]);
  });

  it('lowers the runs to fit the budget, timing each test by its median in the ledger, else its file’s mean, and says so', () => {
    const durations = new Map([
      ['tests/search.spec.ts › finds by prefix', 80_000],
      ['tests/search.spec.ts › finds and adds', 60_000],
    ]);
    const plan = select([`${FIXTURE}/fixtures/search.ts`], durations);
    expect(plan.tests.map((test) => [test.title, test.expectedMs, test.durationFrom])).toEqual([
      ['finds by prefix', 80_000, 'ledger'],
      ['finds nothing for an unknown prefix', 70_000, 'file mean'],
      ['finds and adds', 60_000, 'ledger'],
    ]);
    // 210 s of tests on two workers: 105 s a run, so 2 runs fit in 300 s.
    expect(plan).toMatchObject({ repeats: 2, lowered: { from: 10, perRepeatSeconds: 105, budgetSeconds: 300, basis: 'estimate' } });
    expect(burnInMarkdown(plan, [], { attempts: 6, seconds: 190.4 })).toContain(
      "Runs lowered from 10 to 2 to fit the 300 s budget: one run of these tests is expected to take 105.0 s (2 by their median in the ledger, 1 by their file's mean).",
    );
    // Without a ledger every test is guessed at 5 s: 15 s on two workers, 10 runs fit.
    expect(select([`${FIXTURE}/pages/CartPage.ts`])).toMatchObject({ repeats: 10, tests: [{ durationFrom: 'default', expectedMs: 5000 }, {}, {}] });
    expect(select([`${FIXTURE}/pages/CartPage.ts`]).lowered).toBeUndefined();
  });

  it('after a first run that took T, runs as many more as fit the budget, up to the runs asked', () => {
    expect(runsAfterFirst(10, 300, 6)).toBe(9);
    expect(runsAfterFirst(10, 300, 98)).toBe(2);
    expect(runsAfterFirst(10, 300, 400)).toBe(0);
    const [chosen] = select([`${FIXTURE}/pages/CartPage.ts`]).tests;
    const lowered = burnInMarkdown(
      { tests: chosen ? [chosen] : [], repeats: 3, lowered: { from: 10, perRepeatSeconds: 98.2, budgetSeconds: 300, basis: 'first run' } },
      [],
      { attempts: 3, seconds: 290.1 },
    );
    expect(lowered).toContain('### Burn-in: passed: 1 new or changed test(s), 3 run(s) each, retries off\n\n3 attempt(s) in 290.1 s.');
    expect(lowered).toContain('Runs lowered from 10 to 3 to fit the 300 s budget: the first run of these tests took 98.2 s.');
  });

  // The fixture fails repeat index 3 of a Playwright run: the first run is one repeat (attempt 1),
  // the nine more are indices 0-8, so index 3 of those is attempt 5 of 10.
  it('fails on any failed attempt, naming it with its attempt number and its trace', () => {
    const out = mkdtempSync(join(tmpdir(), 'burn-in-'));
    const run = spawnSync(
      process.execPath,
      [
        'node_modules/tsx/dist/cli.mjs',
        'flake/run.ts',
        '--burn-in',
        '--config',
        `${FIXTURE}/playwright.config.ts`,
        '--changed',
        `${FIXTURE}/tests/search.spec.ts`,
        '--out',
        out,
      ],
      { encoding: 'utf8', env: { ...process.env, BURN_IN_FIXTURE_FLAKY: '1' } },
    );
    expect(run.status, run.stderr).toBe(1);
    const summary = readFileSync(join(out, 'summary.md'), 'utf8');
    expect(summary).toContain('### Burn-in: 1 failed attempt(s): 3 new or changed test(s), 10 run(s) each, retries off\n\n30 attempt(s) in ');
    expect(summary).toMatch(
      /\n\| tests\/search\.spec\.ts › finds nothing for an unknown prefix \| 5 of 10 \| Error: the second request answered first \| `[^`]+\/trace\.zip` \|\n/,
    );
    expect(summary).toContain('- tests/search.spec.ts › finds by prefix: `flake/test-data/burn-in/tests/search.spec.ts`');
  });

  it('on the real suite, a changed page object chooses the tests that use it and not the others', () => {
    const real = selector('playwright.config.ts', 'e2e');
    const chosen = real(['e2e/pages/ApprovalQueuePage.ts']).tests.map((test) => `${test.file} › ${test.title}`);
    expect(chosen).toContain('tests/approval-queue.spec.ts › a reviewer approves a proposal');
    expect(chosen).not.toContain('tests/observability.spec.ts › charts grow across refreshes and a restart reads as a counter reset, not negative traffic');
    expect(chosen).not.toContain('tests/sign-in.spec.ts › a session token over 4 KB survives a reload');
    expect(real(['e2e/matchers/to-show-stale.ts']).tests.every((test) => readFileSync(join('e2e', test.file), 'utf8').includes('toShowStale'))).toBe(true);
  });

  it('says when nothing was chosen', () => {
    expect(burnInMarkdown({ tests: [], repeats: 10 }, [], { attempts: 0, seconds: 0 })).toBe(
      '### Burn-in: no new or changed test\n\nNo test depends on a changed spec, page object, fixture, matcher or mock handler.\n',
    );
  });
});
