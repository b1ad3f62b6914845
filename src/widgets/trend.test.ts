import { expect, it } from 'vitest';
import { formatChange, formatMetricValue, trendOf } from './trend';

it('never shows "+Infinity%" or a 309-digit number', () => {
  expect(formatChange(5, 1e-320)).toBe('over +9,999%');
  expect(formatChange(-5, 1e-320)).toBe('over −9,999%');
  expect(formatChange(42, 35)).toBe('+20.0%');
  expect(formatChange(35, 42)).toBe('-16.7%');
  expect(formatChange(1, 0)).toBe('new');
  expect(formatMetricValue(1e308)).toBe('1E308');
  expect(formatMetricValue(-1.23456e20)).toBe('-1.235E20');
  expect(formatMetricValue(1234567.891)).toBe('1,234,567.89');
  expect(trendOf(1e308, 1)).toBe('up');
});
