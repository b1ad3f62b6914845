// @vitest-environment node
import { expect, it } from 'vitest';
import { markdown, raised, standing } from '../scripts/coverage-ratchet.mjs';

const summary = (pct: number) => ({
  total: Object.fromEntries(['lines', 'statements', 'functions', 'branches'].map((metric) => [metric, { pct, covered: pct, total: 100 }])),
});

it('holds coverage to its floors, shows the goals, and only ever raises the floors, a point under what was reached', () => {
  const floors = { lines: 80, statements: 80, functions: 75, branches: 70 };
  const below = standing(summary(79.5), floors);
  expect(below.map((row) => row.ok)).toEqual([false, false, true, true]);
  expect(markdown(below)).toContain('BELOW THE FLOOR');
  expect(markdown(below)).toContain('| lines | 79.50% (79.5/100) | 80% ✗ | 90% |');
  expect(markdown(below)).toContain('| branches | 79.50% (79.5/100) | 70% | 85% |');
  expect(raised(standing(summary(83.7), floors), floors)).toEqual({ lines: 82, statements: 82, functions: 82, branches: 82 });
  expect(raised(standing(summary(72.2), floors), floors)).toEqual({ lines: 80, statements: 80, functions: 75, branches: 71 });
});
