/**
 * Counter arithmetic over scraped samples, the way PromQL's increase() and rate() treat counters:
 * a value lower than the one before means the process restarted and the counter began again at 0,
 * so the new value counts in full (the drop is not a negative increase).
 *
 * Unlike PromQL these do not extrapolate to the edges of a range: the console knows the exact time
 * of every scrape it made, so the rate is the increase over the time between the first and last
 * of them.
 */

export interface Point {
  /** Milliseconds since the epoch. */
  t: number;
  v: number;
}

export interface Increase {
  increase: number;
  resets: number;
}

export function counterIncrease(points: readonly Point[]): Increase {
  let increase = 0;
  let resets = 0;
  for (let index = 1; index < points.length; index += 1) {
    const previous = points[index - 1]?.v ?? Number.NaN;
    const current = points[index]?.v ?? Number.NaN;
    if (Number.isNaN(previous) || Number.isNaN(current)) continue;
    if (current < previous) {
      resets += 1;
      increase += current;
    } else {
      increase += current - previous;
    }
  }
  return { increase, resets };
}

/** Per-second rate over the points; null with fewer than two points or no time between them. */
export function counterRate(points: readonly Point[]): number | null {
  const first = points[0];
  const last = points.at(-1);
  if (!first || !last || points.length < 2) return null;
  const seconds = (last.t - first.t) / 1000;
  if (!(seconds > 0)) return null;
  return counterIncrease(points).increase / seconds;
}
