import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../../test/property-runs';
import { formatDuration, formatQuantity } from './quantity';

describe('formatDuration', () => {
  it('reads as a person would say it, from milliseconds to years', () => {
    expect(
      [0.4, 42, 1_250, 61_000, 3 * 3_600_000 + 5 * 60_000, 2 * 86_400_000 + 4 * 3_600_000, 3 * 365.25 * 86_400_000].map((ms) => formatDuration(ms)),
    ).toEqual(['0.40 ms', '42 ms', '1.25 s', '1 min', '3 h 5 min', '2 d 4 h', '3 years']);
    expect(formatDuration(0, { smallest: 'min' })).toBe('0 min');
  });

  it('caps what no clock measures: 1e300 ms is "over 1,000 years", and NaN says so', () => {
    expect(formatDuration(1e300)).toBe('over 1,000 years');
    expect(formatDuration(Infinity)).toBe('over 1,000 years');
    expect(formatDuration(Number.NaN)).toBe('not a number');
    expect(formatDuration(-5)).toBe('5.00 ms in the future');
  });

  it('is short for any number: never an exponent, never more than 32 characters', () => {
    fc.assert(
      fc.property(fc.double(), (ms) => {
        const text = formatDuration(ms);
        expect(text).not.toMatch(/e[+-]\d/);
        expect(text.length).toBeLessThanOrEqual(32);
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});

describe('formatQuantity', () => {
  it('keeps small numbers plain and large ones compact', () => {
    expect([0, 12.25, 999_999, 3_200_000_000, 1e300, -Infinity].map(formatQuantity)).toEqual([
      '0',
      '12.3',
      '999,999',
      '3.2 billion',
      'over 1,000 trillion',
      'below −1,000 trillion',
    ]);
    expect(formatQuantity(Number.NaN)).toBe('not a number');
  });

  it('is short for any number: never an exponent, never more than 24 characters', () => {
    fc.assert(
      fc.property(fc.double(), (value) => {
        const text = formatQuantity(value);
        expect(text).not.toMatch(/e[+-]\d/);
        expect(text.length).toBeLessThanOrEqual(24);
      }),
      { numRuns: propertyRuns(500) },
    );
  });
});
