export type Trend = 'up' | 'down' | 'flat' | 'none';

/** Changes under half a percent read as flat: noise, not a trend. */
export function trendOf(value: number | null, previous: number | null): Trend {
  if (value === null || previous === null) return 'none';
  if (previous === 0) return value === 0 ? 'flat' : 'up';
  const change = (value - previous) / Math.abs(previous);
  if (Math.abs(change) < 0.005) return 'flat';
  return change > 0 ? 'up' : 'down';
}

/** Beyond this a percentage says nothing more: "+10,000%" and "+1e300%" read the same to a person. */
const MAX_SHOWN_PERCENT = 9_999;

export function formatChange(value: number, previous: number): string {
  if (previous === 0) return 'new';
  const percent = ((value - previous) / Math.abs(previous)) * 100;
  if (!Number.isFinite(percent) || Math.abs(percent) > MAX_SHOWN_PERCENT)
    return `${percent > 0 ? 'over +' : 'over −'}${MAX_SHOWN_PERCENT.toLocaleString('en-US')}%`;
  return `${percent > 0 ? '+' : ''}${percent.toFixed(1)}%`;
}

const plain = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 });
const scientific = new Intl.NumberFormat('en-US', { notation: 'scientific', maximumFractionDigits: 3 });

/** A metric value people can read: grouped digits, and scientific notation once it has more than 15. */
export function formatMetricValue(value: number): string {
  return Math.abs(value) >= 1e15 ? scientific.format(value) : plain.format(value);
}
