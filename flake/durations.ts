import type { Attempt } from './ledger';
import type { ListedTest } from './report-attempts';

/** What a test is expected to take, and what that figure rests on. */
export interface ExpectedDuration {
  ms: number;
  from: 'ledger' | 'file mean' | 'suite mean' | 'default';
}

/** A test nothing is known of, in a suite nothing is known of, is guessed at this. */
const DEFAULT_TEST_MS = 5_000;

const median = (values: number[]) => {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] as number) : ((sorted[middle - 1] as number) + (sorted[middle] as number)) / 2;
};
const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;

/** Each test's median duration in the ledger (passed and failed attempts alike). */
export function medianDurations(attempts: readonly Attempt[]): Map<string, number> {
  const byTest = new Map<string, number[]>();
  for (const attempt of attempts)
    if (attempt.outcome !== 'skipped' && attempt.outcome !== 'interrupted')
      byTest.set(attempt.testId, [...(byTest.get(attempt.testId) ?? []), attempt.duration]);
  return new Map([...byTest].map(([testId, durations]) => [testId, median(durations)]));
}

/**
 * Each test's expected duration: its median in the ledger; a test without history, its file's
 * mean; a file without any, the mean of every known test; with nothing known, a guess.
 */
export function expectedDurations(listed: readonly ListedTest[], medians: Map<string, number>): Map<ListedTest, ExpectedDuration> {
  const byFile = new Map<string, number[]>();
  for (const test of listed) {
    const known = medians.get(test.testId);
    if (known !== undefined) byFile.set(test.file, [...(byFile.get(test.file) ?? []), known]);
  }
  const all = [...byFile.values()].flat();
  return new Map(
    listed.map((test): [ListedTest, ExpectedDuration] => {
      const known = medians.get(test.testId);
      const sameFile = byFile.get(test.file);
      if (known !== undefined) return [test, { ms: known, from: 'ledger' }];
      if (sameFile?.length) return [test, { ms: mean(sameFile), from: 'file mean' }];
      if (all.length) return [test, { ms: mean(all), from: 'suite mean' }];
      return [test, { ms: DEFAULT_TEST_MS, from: 'default' }];
    }),
  );
}
