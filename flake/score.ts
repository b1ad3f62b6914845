import type { Attempt } from './ledger';

export type FlakeClass = 'stable' | 'flaky' | 'broken' | 'new';

export interface TestScore {
  id: string;
  title: string;
  file: string;
  project: string;
  runs: number;
  failures: number;
  rate: number;
  /** Wilson score lower bound of the failure rate (95%): how sure we are it fails at least this often. */
  bound: number;
  class: FlakeClass;
  impact: number;
  /** Pass (true) or fail (false) per attempt, oldest first, for the strip in the report. */
  strip: boolean[];
  quarantine?: string;
}

export interface Cluster {
  signature: string;
  failures: number;
  tests: string[];
}

export interface Scores {
  tests: TestScore[];
  clusters: Cluster[];
  infraRuns: string[];
  window: number;
}

/** One run of the suite, for the trend: when it began and what share of its attempts failed. */
export interface RunPoint {
  run: string;
  at: string;
  attempts: number;
  failures: number;
  infra: boolean;
}

export const SCORING = {
  /** Attempts per test looked at, newest first. */
  window: 200,
  /** Fewer attempts than this and a test is "new": too few to judge. */
  minSamples: 5,
  /** At or above this failure rate a test is "broken", not flaky. */
  brokenRate: 0.95,
  /** A run where more than this share of attempts failed is an infrastructure failure. */
  infraFailureShare: 0.5,
} as const;

/** Wilson score interval's lower bound for `failures` out of `runs` (z = 1.96). */
export function wilsonLowerBound(failures: number, runs: number, z = 1.96): number {
  if (runs === 0) return 0;
  const p = failures / runs;
  const z2 = z * z;
  const centre = p + z2 / (2 * runs);
  const margin = z * Math.sqrt((p * (1 - p) + z2 / (4 * runs)) / runs);
  return Math.max(0, (centre - margin) / (1 + z2 / runs));
}

const failed = (attempt: Attempt) => attempt.outcome === 'failed' || attempt.outcome === 'timedOut';

/**
 * Scores every test in the ledger: runs where most attempts failed are infrastructure failures
 * and left out (as the best hosted trackers do); a test that both passed and failed on one
 * commit is flaky; one that fails nearly always is broken; too few samples is new. Ranked by
 * impact (failure rate × executions); failures grouped by error signature across tests.
 */
export function scoreLedger(attempts: Attempt[]): Scores {
  const counted = attempts.filter((attempt) => attempt.outcome !== 'skipped' && attempt.outcome !== 'interrupted');
  const byRun = new Map<string, Attempt[]>();
  for (const attempt of counted) byRun.set(attempt.run, [...(byRun.get(attempt.run) ?? []), attempt]);
  // Quarantined tests are known to fail: they do not make a run look like an infrastructure failure.
  const infraRuns = [...byRun]
    .filter(([, all]) => {
      const runAttempts = all.filter((attempt) => attempt.quarantine === undefined);
      return runAttempts.length >= 4 && runAttempts.filter(failed).length / runAttempts.length > SCORING.infraFailureShare;
    })
    .map(([run]) => run);
  const usable = counted.filter((attempt) => !infraRuns.includes(attempt.run));

  const byTest = new Map<string, Attempt[]>();
  for (const attempt of usable) byTest.set(attempt.testId, [...(byTest.get(attempt.testId) ?? []), attempt]);
  const tests: TestScore[] = [...byTest]
    .map(([id, all]) => {
      const recent = [...all].sort((a, b) => a.at.localeCompare(b.at)).slice(-SCORING.window);
      const failures = recent.filter(failed).length;
      const runs = recent.length;
      const rate = runs ? failures / runs : 0;
      const commits = new Map<string, { pass: boolean; fail: boolean }>();
      for (const attempt of recent) {
        const seen = commits.get(attempt.commit) ?? { pass: false, fail: false };
        if (failed(attempt)) seen.fail = true;
        else seen.pass = true;
        commits.set(attempt.commit, seen);
      }
      const mixed = [...commits.values()].some((seen) => seen.pass && seen.fail);
      const klass: FlakeClass = runs < SCORING.minSamples ? 'new' : rate >= SCORING.brokenRate ? 'broken' : mixed ? 'flaky' : 'stable';
      const last = recent.at(-1) ?? all[0];
      return {
        id,
        title: last?.title ?? id,
        file: last?.file ?? '',
        project: last?.project ?? '',
        runs,
        failures,
        rate,
        bound: wilsonLowerBound(failures, runs),
        class: klass,
        impact: rate * runs,
        strip: recent.map((attempt) => !failed(attempt)),
        ...(last?.quarantine ? { quarantine: last.quarantine } : {}),
      };
    })
    .sort((a, b) => b.impact - a.impact || a.id.localeCompare(b.id));

  const clusters = new Map<string, Cluster>();
  for (const attempt of usable.filter(failed)) {
    const signature = attempt.signature || '(no error message)';
    const cluster = clusters.get(signature) ?? { signature, failures: 0, tests: [] };
    cluster.failures += 1;
    if (!cluster.tests.includes(attempt.testId)) cluster.tests.push(attempt.testId);
    clusters.set(signature, cluster);
  }
  return { tests, clusters: [...clusters.values()].sort((a, b) => b.failures - a.failures), infraRuns, window: SCORING.window };
}

/** Tests that were stable in `before` and are now flaky or broken: what fails the nightly run. */
export function newlyUnstable(before: Record<string, FlakeClass>, now: TestScore[]): TestScore[] {
  return now.filter((test) => before[test.id] === 'stable' && (test.class === 'flaky' || test.class === 'broken'));
}

/** Every run in the ledger, oldest first, with its failure share: the report's trend chart. */
export function runTrend(attempts: Attempt[], infraRuns: readonly string[]): RunPoint[] {
  const runs = new Map<string, RunPoint>();
  for (const attempt of attempts) {
    if (attempt.outcome === 'skipped' || attempt.outcome === 'interrupted') continue;
    const point = runs.get(attempt.run) ?? { run: attempt.run, at: attempt.at, attempts: 0, failures: 0, infra: infraRuns.includes(attempt.run) };
    point.attempts += 1;
    if (failed(attempt)) point.failures += 1;
    if (attempt.at < point.at) point.at = attempt.at;
    runs.set(attempt.run, point);
  }
  return [...runs.values()].sort((a, b) => a.at.localeCompare(b.at));
}
