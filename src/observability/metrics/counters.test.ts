import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { counterIncrease, counterRate, type Point } from './counters';

const points = (...values: number[]): Point[] => values.map((v, index) => ({ t: index * 30_000, v }));

describe('counter increase and rate', () => {
  it('is the difference between last and first without a reset', () => {
    expect(counterIncrease(points(10, 25, 40))).toEqual({ increase: 30, resets: 0 });
    expect(counterRate(points(10, 25, 40))).toBe(0.5);
  });

  it('counts a restart from zero: the value after the drop counts in full', () => {
    // 100 → 130 (+30), restart → 20 (+20), → 50 (+30)
    expect(counterIncrease(points(100, 130, 20, 50))).toEqual({ increase: 80, resets: 1 });
  });

  it('counts a reset to exactly zero, and several resets', () => {
    expect(counterIncrease(points(5, 0, 3, 1, 4))).toEqual({ increase: 0 + 3 + 1 + 3, resets: 2 });
  });

  it('has no rate with fewer than two points or no time between them', () => {
    expect(counterRate(points(5))).toBeNull();
    expect(
      counterRate([
        { t: 1000, v: 1 },
        { t: 1000, v: 5 },
      ]),
    ).toBeNull();
  });

  it('skips NaN samples instead of poisoning the sum', () => {
    expect(counterIncrease(points(1, NaN, 4)).increase).toBe(0);
    expect(counterIncrease(points(1, 2, NaN, 4, 6)).increase).toBe(1 + 2);
  });

  it('is never negative, and equals last - first when the counter only rises', () => {
    fc.assert(
      fc.property(fc.array(fc.nat(1_000_000), { minLength: 2, maxLength: 30 }), (values) => {
        const { increase } = counterIncrease(points(...values));
        const rising = values.every((value, index) => index === 0 || value >= (values[index - 1] ?? 0));
        return increase >= 0 && (!rising || increase === (values.at(-1) ?? 0) - (values[0] ?? 0));
      }),
    );
  });

  it('reads an unchanged value as no increase, not as a restart', () => {
    expect(counterIncrease(points(7, 7, 7))).toEqual({ increase: 0, resets: 0 });
  });

  it('has nothing to add up from one point or none', () => {
    expect(counterIncrease([])).toEqual({ increase: 0, resets: 0 });
    expect(counterIncrease(points(42))).toEqual({ increase: 0, resets: 0 });
    expect(counterRate([])).toBeNull();
  });

  it('rates two points, a restart counted in full, over the seconds between first and last', () => {
    expect(counterRate(points(10, 40))).toBe(1);
    expect(counterRate(points(100, 20, 50))).toBe(50 / 60);
  });

  it('has no rate when the last point is older than the first', () => {
    expect(
      counterRate([
        { t: 2_000, v: 1 },
        { t: 1_000, v: 5 },
      ]),
    ).toBeNull();
  });
});
