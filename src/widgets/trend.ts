export type Trend = 'up' | 'down' | 'flat' | 'none';

/** Changes under half a percent read as flat: noise, not a trend. */
export function trendOf(value: number | null, previous: number | null): Trend {
  if (value === null || previous === null) return 'none';
  if (previous === 0) return value === 0 ? 'flat' : 'up';
  const change = (value - previous) / Math.abs(previous);
  if (Math.abs(change) < 0.005) return 'flat';
  return change > 0 ? 'up' : 'down';
}

export function formatChange(value: number, previous: number): string {
  if (previous === 0) return 'new';
  const percent = ((value - previous) / Math.abs(previous)) * 100;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}
