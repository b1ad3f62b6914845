/**
 * The one formatter for durations and counts a server reports. Whatever the number (1e300, NaN,
 * negative), the text stays short: past the largest unit it says "over 1,000 years" or a compact
 * count ("3.2 billion"), and a value that is not a number says so in words.
 */
const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const YEAR = 365.25 * DAY;
const MOST_YEARS = 1_000;
const MOST_QUANTITY = 1e15;

const whole = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });
const compact = new Intl.NumberFormat('en-US', { notation: 'compact', compactDisplay: 'long', maximumFractionDigits: 1 });
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 1 });

export interface DurationOptions {
  /** The smallest unit worth showing: an uptime says "0 min", a latency "0.40 ms". */
  smallest?: 'ms' | 'min';
}

/** `ms` milliseconds as a person reads them: "42 ms", "1.25 s", "3 h 5 min", "2 d 4 h", "over 1,000 years". */
export function formatDuration(ms: number, { smallest = 'ms' }: DurationOptions = {}): string {
  if (Number.isNaN(ms)) return 'not a number';
  if (ms < 0) return `${formatDuration(-ms, { smallest })} in the future`;
  if (ms >= MOST_YEARS * YEAR) return `over ${whole.format(MOST_YEARS)} years`;
  if (smallest === 'ms' && ms < SECOND) return ms < 10 ? `${ms.toFixed(2)} ms` : `${Math.round(ms)} ms`;
  if (smallest === 'ms' && ms < MINUTE) return `${(ms / SECOND).toFixed(2)} s`;
  if (ms < HOUR) return `${Math.floor(ms / MINUTE)} min`;
  if (ms < DAY) return `${Math.floor(ms / HOUR)} h ${Math.floor((ms % HOUR) / MINUTE)} min`;
  if (ms < YEAR) return `${Math.floor(ms / DAY)} d ${Math.floor((ms % DAY) / HOUR)} h`;
  const years = Math.floor(ms / YEAR);
  return `${whole.format(years)} year${years === 1 ? '' : 's'}`;
}

/** A count or measure: "42", "12.5", "3.2 billion", "over 1,000 trillion"; never an exponent, never a wall of digits. */
export function formatQuantity(value: number): string {
  if (Number.isNaN(value)) return 'not a number';
  if (Math.abs(value) >= MOST_QUANTITY) return value < 0 ? 'below −1,000 trillion' : 'over 1,000 trillion';
  return Math.abs(value) >= 1_000_000 ? compact.format(value) : decimal.format(value);
}
