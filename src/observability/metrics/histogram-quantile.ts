/**
 * PromQL's histogram_quantile over classic (bucketed) histograms, with the exact semantics of
 * bucketQuantile in prometheus/prometheus promql/quantile.go:
 *
 * - q NaN → NaN; q < 0 → -Inf; q > 1 → +Inf;
 * - buckets sorted by upper bound; no +Inf bucket → NaN;
 * - buckets with the same bound merged (counts added);
 * - counts within a relative 1e-12 of the one before snapped to it (float noise), then any
 *   remaining decrease forced up to the running maximum (monotonicity);
 * - fewer than two buckets, or no observations → NaN;
 * - rank = q × observations; the first bucket whose count reaches it holds the answer;
 * - in the +Inf bucket: the second-highest bound; in a lowest bucket bounded at or below 0: that
 *   bound; otherwise linear interpolation inside the bucket, from 0 in the lowest one.
 */

export interface Bucket {
  /** The bucket's inclusive upper bound (the `le` label); may be Infinity. */
  le: number;
  /** Cumulative count of observations at or below `le`. */
  count: number;
}

export interface QuantileResult {
  value: number;
  /** Bucket counts decreased somewhere and were forced up: the answer is an approximation. */
  forcedMonotonic: boolean;
  /** Counts differing only by float noise were made equal. */
  fixedPrecision: boolean;
  /** The rank fell in the +Inf bucket, so the answer is clamped to the highest finite bound. */
  clampedToHighestBound: boolean;
}

const PRECISION_TOLERANCE = 1e-12;

export function histogramQuantile(q: number, buckets: readonly Bucket[]): number {
  return histogramQuantileDetailed(q, buckets).value;
}

/** The quantile with the flags a chart needs to say when the answer is approximate. */
export function histogramQuantileDetailed(q: number, input: readonly Bucket[]): QuantileResult {
  const plain = (value: number): QuantileResult => ({ value, forcedMonotonic: false, fixedPrecision: false, clampedToHighestBound: false });
  if (Number.isNaN(q)) return plain(Number.NaN);
  if (q < 0) return plain(Number.NEGATIVE_INFINITY);
  if (q > 1) return plain(Number.POSITIVE_INFINITY);
  const sorted = input.map((bucket) => ({ ...bucket })).sort((a, b) => a.le - b.le);
  if (sorted.at(-1)?.le !== Number.POSITIVE_INFINITY) return plain(Number.NaN);

  const buckets = coalesce(sorted);
  const fixedPrecision = correctPrecisionErrors(buckets);
  const forcedMonotonic = ensureMonotonic(buckets);
  const highest = buckets.at(-1);
  const secondHighest = buckets.at(-2);
  if (!highest || !secondHighest) return plain(Number.NaN);
  const observations = highest.count;
  if (observations === 0) return plain(Number.NaN);

  let rank = q * observations;
  const flags = { forcedMonotonic, fixedPrecision };
  // The first bucket (the +Inf one excluded) whose count reaches the rank; none: the rank is in +Inf.
  const index = buckets.findIndex((bucket, position) => position < buckets.length - 1 && bucket.count >= rank);
  const bucket = buckets[index];
  if (index === -1 || !bucket) return { value: secondHighest.le, ...flags, clampedToHighestBound: true };
  if (index === 0 && bucket.le <= 0) return { value: bucket.le, ...flags, clampedToHighestBound: false };
  let start = 0;
  let count = bucket.count;
  const previous = buckets[index - 1];
  if (previous) {
    start = previous.le;
    count -= previous.count;
    rank -= previous.count;
  }
  return { value: start + (bucket.le - start) * (rank / count), ...flags, clampedToHighestBound: false };
}

function coalesce(sorted: Bucket[]): Bucket[] {
  const merged: Bucket[] = [];
  for (const bucket of sorted) {
    const last = merged[merged.length - 1];
    if (last && last.le === bucket.le) last.count += bucket.count;
    else merged.push({ ...bucket });
  }
  return merged;
}

function correctPrecisionErrors(buckets: Bucket[]): boolean {
  let fixed = false;
  let previous = buckets[0]?.count ?? 0;
  for (const bucket of buckets.slice(1)) {
    const delta = Math.abs(bucket.count - previous);
    if (delta === 0) continue;
    if (delta / bucket.count <= PRECISION_TOLERANCE) {
      bucket.count = previous;
      fixed = true;
    } else {
      previous = bucket.count;
    }
  }
  return fixed;
}

function ensureMonotonic(buckets: Bucket[]): boolean {
  let forced = false;
  let max = buckets[0]?.count ?? 0;
  for (const bucket of buckets.slice(1)) {
    if (bucket.count > max) max = bucket.count;
    else if (bucket.count < max) {
      bucket.count = max;
      forced = true;
    }
  }
  return forced;
}
