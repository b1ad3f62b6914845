import { describe, expect, it } from 'vitest';
import type { Attempt } from './ledger';
import { newlyUnstable, runTrend, scoreLedger, wilsonLowerBound } from './score';
import { errorSignature } from './signature';

let clock = 0;
const attempt = (testId: string, outcome: Attempt['outcome'], overrides: Partial<Attempt> = {}): Attempt => ({
  run: 'r1',
  commit: 'abc',
  at: new Date(1_700_000_000_000 + (clock += 1000)).toISOString(),
  testId,
  title: testId,
  file: 'x.spec.ts',
  project: 'chromium',
  outcome,
  duration: 10,
  retry: 0,
  signature: outcome === 'passed' ? '' : 'Timeout <n>ms exceeded',
  ...overrides,
});

describe('scoring the ledger', () => {
  it('the Wilson lower bound matches the published formula', () => {
    expect(wilsonLowerBound(0, 10)).toBe(0);
    expect(wilsonLowerBound(5, 10)).toBeCloseTo(0.2366, 3);
    expect(wilsonLowerBound(10, 10)).toBeCloseTo(0.7225, 3);
  });

  it('classes: stable, flaky (passes and fails on one commit), broken, new', () => {
    const attempts = [
      ...Array.from({ length: 10 }, (_, index) => attempt('steady', 'passed', { run: `r${index}` })),
      ...Array.from({ length: 10 }, (_, index) => attempt('wobbly', index % 3 ? 'passed' : 'failed', { run: `r${index}` })),
      ...Array.from({ length: 10 }, (_, index) => attempt('dead', 'failed', { run: `r${index}` })),
      attempt('fresh', 'passed'),
    ];
    const classes = Object.fromEntries(scoreLedger(attempts).tests.map((test) => [test.id, test.class]));
    expect(classes).toEqual({ steady: 'stable', wobbly: 'flaky', dead: 'broken', fresh: 'new' });
  });

  it('a run where most tests failed is an infrastructure failure, left out of the scores', () => {
    const crash = ['a', 'b', 'c', 'd', 'e'].map((id) => attempt(id, 'failed', { run: 'crash' }));
    const fine = ['a', 'b', 'c', 'd', 'e'].flatMap((id) => Array.from({ length: 5 }, (_, index) => attempt(id, 'passed', { run: `ok${index}` })));
    const scores = scoreLedger([...crash, ...fine]);
    expect(scores.infraRuns).toEqual(['crash']);
    expect(scores.tests.every((test) => test.class === 'stable' && test.failures === 0)).toBe(true);
  });

  it('quarantined tests, known to fail, do not make a run an infrastructure failure', () => {
    const quarantine = 'owner: @a; reason: r; expires: 2099-01-01';
    const run = [
      ...['q1', 'q2', 'q3'].map((id) => attempt(id, 'failed', { run: 'r', quarantine })),
      ...['a', 'b', 'c', 'd'].map((id) => attempt(id, id === 'a' ? 'failed' : 'passed', { run: 'r' })),
    ];
    expect(scoreLedger(run).infraRuns).toEqual([]);
    expect(scoreLedger(run.map((one) => ({ ...one, quarantine: undefined }))).infraRuns).toEqual(['r']);
  });

  it('the trend has one point per run, oldest first, with its failure share and whether it was infrastructure', () => {
    const attempts = [
      attempt('a', 'failed', { run: 'late', at: '2026-11-02T00:00:00Z' }),
      attempt('a', 'passed', { run: 'early', at: '2026-11-01T00:00:00Z' }),
      attempt('b', 'skipped', { run: 'early' }),
      attempt('b', 'timedOut', { run: 'early', at: '2026-11-01T00:00:05Z' }),
    ];
    expect(runTrend(attempts, ['late'])).toEqual([
      { run: 'early', at: '2026-11-01T00:00:00Z', attempts: 2, failures: 1, infra: false },
      { run: 'late', at: '2026-11-02T00:00:00Z', attempts: 1, failures: 1, infra: true },
    ]);
  });

  it('ranks by impact and groups one root cause across tests', () => {
    const attempts = [
      ...Array.from({ length: 10 }, (_, index) =>
        attempt('often', index < 4 ? 'failed' : 'passed', { run: `r${index}`, signature: 'locator.click: Timeout <time> exceeded' }),
      ),
      ...Array.from({ length: 10 }, (_, index) =>
        attempt('rarely', index < 1 ? 'failed' : 'passed', { run: `r${index}`, signature: 'locator.click: Timeout <time> exceeded' }),
      ),
    ];
    const scores = scoreLedger(attempts);
    expect(scores.tests.map((test) => test.id)).toEqual(['often', 'rarely']);
    expect(scores.clusters).toEqual([{ signature: 'locator.click: Timeout <time> exceeded', failures: 5, tests: ['often', 'rarely'] }]);
  });

  it('names a test that was stable and is now flaky or broken', () => {
    const now = scoreLedger(Array.from({ length: 10 }, (_, index) => attempt('wobbly', index % 2 ? 'passed' : 'failed', { run: `r${index}` }))).tests;
    expect(newlyUnstable({ wobbly: 'stable' }, now).map((test) => test.id)).toEqual(['wobbly']);
    expect(newlyUnstable({ wobbly: 'flaky' }, now)).toEqual([]);
  });
});

describe('scoring the ledger, edge by edge', () => {
  const runsOf = (id: string, outcomes: Attempt['outcome'][], overrides: Partial<Attempt> = {}) =>
    outcomes.map((outcome, index) => attempt(id, outcome, { run: `${id}-${overrides.commit ?? ''}-r${index}`, ...overrides }));

  it('no runs is a bound of 0; skipped and interrupted attempts are not runs', () => {
    expect(wilsonLowerBound(0, 0)).toBe(0);
    const [test] = scoreLedger([...runsOf('t', ['passed', 'passed', 'failed']), attempt('t', 'skipped'), attempt('t', 'interrupted')]).tests;
    expect(test).toMatchObject({ runs: 3, failures: 1, strip: [true, true, false] });
  });

  it('a run is infrastructure only when more than half of at least four attempts failed', () => {
    const half = ['a', 'b', 'c', 'd'].map((id, index) => attempt(id, index < 2 ? 'failed' : 'passed', { run: 'half' }));
    const small = ['a', 'b', 'c'].map((id) => attempt(id, 'failed', { run: 'small' }));
    expect(scoreLedger([...half, ...small]).infraRuns).toEqual([]);
  });

  it('looks at the newest 200 attempts of a test, whatever order the ledger holds them in', () => {
    const old = Array.from({ length: 50 }, (_, index) =>
      attempt('t', 'failed', { run: `old${index}`, at: `2026-01-01T00:00:${String(index).padStart(2, '0')}Z` }),
    );
    const recent = Array.from({ length: 200 }, (_, index) =>
      attempt('t', 'passed', {
        run: `new${index}`,
        at: `2026-02-01T00:${String(Math.floor(index / 60)).padStart(2, '0')}:${String(index % 60).padStart(2, '0')}Z`,
      }),
    );
    const [test] = scoreLedger([...recent, ...old].reverse()).tests;
    expect(test).toMatchObject({ runs: 200, failures: 0, class: 'stable' });
  });

  it('failing on one commit after passing on another is not flaky; passing and failing on one is, on any of its commits', () => {
    const moved = [
      ...runsOf('moved', ['passed', 'passed', 'passed', 'passed', 'passed'], { commit: 'c1' }),
      attempt('moved', 'failed', { run: 'x', commit: 'c2' }),
    ];
    const wobbly = [...runsOf('wobbly', ['passed', 'passed', 'passed'], { commit: 'c1' }), ...runsOf('wobbly', ['passed', 'failed'], { commit: 'c2' })];
    const classes = Object.fromEntries(scoreLedger([...moved, ...wobbly]).tests.map((test) => [test.id, test.class]));
    expect(classes).toEqual({ moved: 'stable', wobbly: 'flaky' });
  });

  it('failing 95% of the time is broken', () => {
    const outcomes: Attempt['outcome'][] = [...Array.from({ length: 19 }, () => 'failed' as const), 'passed'];
    expect(scoreLedger(runsOf('t', outcomes)).tests[0]?.class).toBe('broken');
  });

  it('names a test by its newest attempt, and carries its quarantine, impact and strip', () => {
    const quarantine = 'owner: @a; reason: r; expires: 2099-01-01';
    const attempts = [
      ...runsOf('t', ['passed', 'failed', 'passed', 'failed'], { title: 'old title', file: 'old.spec.ts', project: 'firefox' }),
      attempt('t', 'failed', { title: 'new title', file: 'new.spec.ts', project: 'chromium', quarantine }),
    ];
    expect(scoreLedger(attempts).tests[0]).toEqual({
      id: 't',
      title: 'new title',
      file: 'new.spec.ts',
      project: 'chromium',
      runs: 5,
      failures: 3,
      rate: 0.6,
      bound: wilsonLowerBound(3, 5),
      class: 'flaky',
      impact: 3,
      strip: [true, false, true, false, false],
      quarantine,
    });
    expect(scoreLedger(runsOf('t', ['passed'])).tests[0]).not.toHaveProperty('quarantine');
  });

  it('ties in impact are ranked by id; clusters by failures, with a failure without a message in its own', () => {
    const attempts = [
      ...runsOf('b', ['failed', 'passed'], { signature: 'one' }),
      ...runsOf('a', ['failed', 'passed'], { signature: '' }),
      ...runsOf('c', ['failed', 'failed', 'passed'], { signature: '' }),
      ...runsOf('d', ['passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed', 'passed']),
    ];
    const scores = scoreLedger(attempts);
    expect(scores.tests.map((test) => [test.id, test.impact])).toEqual([
      ['c', 2],
      ['a', 1],
      ['b', 1],
      ['d', 0],
    ]);
    expect(scores.clusters).toEqual([
      { signature: '(no error message)', failures: 3, tests: ['a', 'c'] },
      { signature: 'one', failures: 1, tests: ['b'] },
    ]);
  });

  it('a stable test now broken is newly unstable; one still stable, or new before, is not', () => {
    const now = scoreLedger([
      ...runsOf('dead', ['failed', 'failed', 'failed', 'failed', 'failed']),
      ...runsOf('fine', ['passed', 'passed', 'passed', 'passed', 'passed']),
      ...runsOf('wobbly', ['passed', 'failed', 'passed', 'failed', 'passed']),
    ]).tests;
    expect(newlyUnstable({ dead: 'stable', fine: 'stable', wobbly: 'new' }, now).map((test) => test.id)).toEqual(['dead']);
  });

  it("a run's point in the trend is its earliest attempt, skipped and interrupted ones left out", () => {
    const attempts = [
      attempt('a', 'passed', { run: 'r', at: '2026-11-01T00:00:05Z' }),
      attempt('b', 'failed', { run: 'r', at: '2026-11-01T00:00:01Z' }),
      attempt('c', 'interrupted', { run: 'r', at: '2026-11-01T00:00:00Z' }),
      attempt('d', 'passed', { run: 'r', at: '2026-11-01T00:00:01Z' }),
    ];
    expect(runTrend(attempts, [])).toEqual([{ run: 'r', at: '2026-11-01T00:00:01Z', attempts: 3, failures: 1, infra: false }]);
  });
});

it('error signatures drop what differs between failures of one cause', () => {
  const one = errorSignature('Timeout 5000ms exceeded waiting for http://127.0.0.1:43121/api/tasks at /work/main/e2e/tests/a.spec.ts:12:5');
  const two = errorSignature('Timeout 7000ms exceeded waiting for http://127.0.0.1:40007/api/tasks at /home/ci/e2e/tests/a.spec.ts:13:9');
  expect(one).toBe(two);
  expect(errorSignature('expected 3 to be 4\n    at line 9')).toBe('expected <n> to be <n>');
  expect(errorSignature('\u001b[31mexpected 3\u001b[39m to be 4')).toBe('expected <n> to be <n>');
});
