import { describe, expect, it } from 'vitest';
import { judge, scoreOf } from '../scripts/mutation-ratchet.mjs';

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
