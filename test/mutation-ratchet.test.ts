import { describe, expect, it } from 'vitest';
import { areaTable, judge, scoreOf, scoresByArea } from '../scripts/mutation-ratchet.mjs';

const mutant = (status: string, line = 1) => ({ status, location: { start: { line } }, mutatorName: 'ConditionalExpression', replacement: 'true' });

describe('the mutation ratchet', () => {
  it('scores like Stryker: detected (killed + timed out) over valid mutants, and lists survivors and uncovered ones', () => {
    const report = {
      files: { 'src/a.ts': { mutants: [mutant('Killed'), mutant('Timeout'), mutant('Survived', 7), mutant('NoCoverage', 9), mutant('CompileError')] } },
    };
    const { score, counts, survivors } = scoreOf(report) as { score: number; counts: Record<string, number>; survivors: { line: number }[] };
    expect(score).toBe(50);
    expect(counts).toEqual({ killed: 1, timedOut: 1, survived: 1, noCoverage: 1, other: 1 });
    expect(survivors.map((s) => s.line)).toEqual([7, 9]);
  });

  it('fails below the floor and passes at or above it', () => {
    expect(judge(79.5, 80)).toMatchObject({ ok: false });
    expect(judge(80, 80)).toMatchObject({ ok: true });
  });
});

describe('the mutation score by area', () => {
  const report = {
    files: {
      'src/streaming/live-connection.ts': { mutants: [mutant('Killed'), mutant('Survived', 3)] },
      'src/streaming/backoff.ts': { mutants: [mutant('Killed'), mutant('Killed')] },
      'visual/judge.ts': { mutants: [mutant('Killed'), mutant('NoCoverage', 4), mutant('Survived', 5), mutant('Survived', 6)] },
    },
  };
  const areas = { streaming: ['src/streaming/*.ts'], judge: ['visual/judge.ts'], storage: ['src/storage/*.ts'] };

  it('scores each area from its own files only', () => {
    const rows = scoresByArea(report, areas) as { area: string; files: number; mutants: number; score?: number }[];
    expect(rows).toMatchObject([
      { area: 'streaming', files: 2, mutants: 4, score: 75 },
      { area: 'judge', files: 1, mutants: 4, score: 25 },
      { area: 'storage', files: 0, mutants: 0, score: undefined },
    ]);
  });

  it('marks an area under the goal and names one the report does not cover, never as 100%', () => {
    const table = areaTable(scoresByArea(report, areas)) as string;
    expect(table).toContain('| streaming | 4 | 3 | 0 | 1 | 0 | 75% ✗ |');
    expect(table).toContain('| storage | 0 | | | | | not in this report |');
  });
});
