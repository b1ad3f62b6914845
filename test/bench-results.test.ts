// @vitest-environment node
import { expect, it } from 'vitest';
import { performanceMarkdown } from '../bench/markdown';
import { figure, mergeResults, type BenchResults } from '../bench/stats';

const machine = { cpus: 2, cpu: 'test cpu', memoryGb: 24, os: 'linux', node: 'v24', chromium: '156' };
const run = (measuredAt: string, commit: string, figures: BenchResults['figures']): BenchResults => ({ measuredAt, commit, rounds: 3, machine, figures });

it('a partial run keeps the other sections with the stamp of the run that measured them, in section order', () => {
  const full = run('2026-11-24T04:10:00.000Z', 'aaaaaaa', [figure('gate', 'whole gate', 's', [180]), figure('storage', 'save', 'ms', [18])]);
  const partial = run('2026-11-24T06:18:00.000Z', 'bbbbbbb', [figure('gate', 'whole gate', 's', [126])]);
  const merged = mergeResults(full, partial, ['gate', 'storage']);
  expect(merged.figures.map((item) => [item.section, item.median])).toEqual([
    ['gate', 126],
    ['storage', 18],
  ]);
  expect(merged.sections).toEqual({
    gate: { measuredAt: partial.measuredAt, commit: 'bbbbbbb', rounds: 3 },
    storage: { measuredAt: full.measuredAt, commit: 'aaaaaaa', rounds: 3 },
  });

  // A later partial run of another section keeps the first stamps as they were.
  const again = mergeResults(merged, run('2026-11-24T07:00:00.000Z', 'ccccccc', [figure('storage', 'save', 'ms', [17])]), ['gate', 'storage']);
  expect(again.sections?.gate?.commit).toBe('bbbbbbb');
  expect(again.sections?.storage?.commit).toBe('ccccccc');

  const doc = performanceMarkdown('# Performance\n', again);
  expect(doc).toContain('#### gate\n\nMeasured 2026-11-24 06:18 UTC at commit bbbbbbb, 3 round(s)');
  expect(doc).toContain('#### storage\n\nMeasured 2026-11-24 07:00 UTC at commit ccccccc, 3 round(s)');
});
