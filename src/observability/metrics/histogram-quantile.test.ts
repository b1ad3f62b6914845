import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { histogramQuantile, histogramQuantileDetailed, type Bucket } from './histogram-quantile';
import { parseValue } from './prometheus-text';

/**
 * Cases from PromQL's own test data: prometheus/prometheus, promql/promqltest/testdata/histograms.test
 * (the classic `_bucket` evaluations). Series there grow linearly ("0+5x10" is 50 at 50m), so the
 * bucket counts below are those values at the evaluation time; a rate() over them only scales every
 * count by the same factor, which the "rate" cases check by dividing by 600 s.
 */
const at50m = (counts: Record<string, number>): Bucket[] => Object.entries(counts).map(([le, count]) => ({ le: parseValue(le), count }));

const testhistogram = {
  positive: at50m({ '0.1': 50, '.2': 70, '1e0': 110, '+Inf': 120 }),
  negative: at50m({ '-.2': 10, '-0.1': 20, '0.3': 20, '+Inf': 30 }),
};
// Evaluated at 7m: the sample at 5m (one step) is the latest.
const testhistogram2 = at50m({ '0': 0, '2': 1, '4': 2, '6': 3, '+Inf': 3 });
const testhistogram3 = {
  positive: at50m({ '0': 0, '0.1': 50, '.2': 70, '1e0': 110, '+Inf': 110 }),
  negative: at50m({ '-.25': 0, '-.2': 10, '-0.1': 20, '0.3': 20, '+Inf': 20 }),
};
const rated = (buckets: Bucket[], seconds = 600) => buckets.map((bucket) => ({ ...bucket, count: bucket.count / seconds }));
/** sum by (le): the histograms share their bounds, so bucket i of each adds up. */
const sum = (...histograms: Bucket[][]): Bucket[] =>
  (histograms[0] ?? []).map((bucket, index) => ({ le: bucket.le, count: histograms.reduce((total, h) => total + (h[index]?.count ?? 0), 0) }));
const requestDuration = {
  job1ins1: at50m({ '0.1': 10, '0.2': 30, '+Inf': 40 }),
  job1ins2: at50m({ '0.1': 20, '0.2': 50, '+Inf': 60 }),
  job2ins1: at50m({ '0.1': 30, '0.2': 40, '+Inf': 60 }),
  job2ins2: at50m({ '0.1': 40, '0.2': 70, '+Inf': 90 }),
};
const mixed = {
  ins1: at50m({ '0.1': 10, '0.2': 10, '2e-1': 10, '2.0e-1': 10, '+Inf': 40 }),
  // le="+inf" and le="+Inf": the same bound, spelled two ways.
  ins2: [
    { le: parseValue('+inf'), count: 0 },
    { le: parseValue('+Inf'), count: 0 },
  ],
};
const nonmonotonic = at50m({ '0.1': 20, '1': 10, '10': 50, '100': 40, '1000': 90, '+Inf': 80 });

interface PromqlCase {
  expr: string;
  q: number;
  buckets: Bucket[];
  expected: number;
}
const PROMQL_CASES: PromqlCase[] = [
  { expr: 'histogram_quantile(0, testhistogram3_bucket){positive}', q: 0, buckets: testhistogram3.positive, expected: 0 },
  { expr: 'histogram_quantile(0, testhistogram3_bucket){negative}', q: 0, buckets: testhistogram3.negative, expected: -0.25 },
  { expr: 'histogram_quantile(0.25, testhistogram3_bucket){positive}', q: 0.25, buckets: testhistogram3.positive, expected: 0.055 },
  { expr: 'histogram_quantile(0.25, testhistogram3_bucket){negative}', q: 0.25, buckets: testhistogram3.negative, expected: -0.225 },
  { expr: 'histogram_quantile(0.5, testhistogram3_bucket){positive}', q: 0.5, buckets: testhistogram3.positive, expected: 0.125 },
  { expr: 'histogram_quantile(0.5, testhistogram3_bucket){negative}', q: 0.5, buckets: testhistogram3.negative, expected: -0.2 },
  { expr: 'histogram_quantile(0.75, testhistogram3_bucket){positive}', q: 0.75, buckets: testhistogram3.positive, expected: 0.45 },
  { expr: 'histogram_quantile(0.75, testhistogram3_bucket){negative}', q: 0.75, buckets: testhistogram3.negative, expected: -0.15 },
  { expr: 'histogram_quantile(1, testhistogram3_bucket){positive}', q: 1, buckets: testhistogram3.positive, expected: 1 },
  { expr: 'histogram_quantile(1, testhistogram3_bucket){negative}', q: 1, buckets: testhistogram3.negative, expected: -0.1 },
  { expr: 'histogram_quantile(-0.1, testhistogram_bucket){positive}', q: -0.1, buckets: testhistogram.positive, expected: -Infinity },
  { expr: 'histogram_quantile(-0.1, testhistogram_bucket){negative}', q: -0.1, buckets: testhistogram.negative, expected: -Infinity },
  { expr: 'histogram_quantile(1.01, testhistogram_bucket){positive}', q: 1.01, buckets: testhistogram.positive, expected: Infinity },
  { expr: 'histogram_quantile(1.01, testhistogram_bucket){negative}', q: 1.01, buckets: testhistogram.negative, expected: Infinity },
  { expr: 'histogram_quantile(NaN, testhistogram_bucket){positive}', q: NaN, buckets: testhistogram.positive, expected: NaN },
  { expr: 'histogram_quantile(NaN, testhistogram_bucket){negative}', q: NaN, buckets: testhistogram.negative, expected: NaN },
  { expr: 'histogram_quantile(0, testhistogram_bucket){positive}', q: 0, buckets: testhistogram.positive, expected: 0 },
  { expr: 'histogram_quantile(0, testhistogram_bucket){negative}', q: 0, buckets: testhistogram.negative, expected: -0.2 },
  { expr: 'histogram_quantile(1, testhistogram_bucket){positive}', q: 1, buckets: testhistogram.positive, expected: 1 },
  { expr: 'histogram_quantile(1, testhistogram_bucket){negative}', q: 1, buckets: testhistogram.negative, expected: 0.3 },
  { expr: 'histogram_quantile(0.2, testhistogram_bucket){positive}', q: 0.2, buckets: testhistogram.positive, expected: 0.048 },
  { expr: 'histogram_quantile(0.2, testhistogram_bucket){negative}', q: 0.2, buckets: testhistogram.negative, expected: -0.2 },
  { expr: 'histogram_quantile(0.5, testhistogram_bucket){positive}', q: 0.5, buckets: testhistogram.positive, expected: 0.15 },
  { expr: 'histogram_quantile(0.5, testhistogram_bucket){negative}', q: 0.5, buckets: testhistogram.negative, expected: -0.15 },
  { expr: 'histogram_quantile(0.8, testhistogram_bucket){positive}', q: 0.8, buckets: testhistogram.positive, expected: 0.72 },
  { expr: 'histogram_quantile(0.8, testhistogram_bucket){negative}', q: 0.8, buckets: testhistogram.negative, expected: 0.3 },
  { expr: 'histogram_quantile(0.2, rate(testhistogram_bucket[10m])){positive}', q: 0.2, buckets: rated(testhistogram.positive), expected: 0.048 },
  { expr: 'histogram_quantile(0.5, rate(testhistogram_bucket[10m])){negative}', q: 0.5, buckets: rated(testhistogram.negative), expected: -0.15 },
  { expr: 'histogram_quantile(0.8, rate(testhistogram_bucket[10m])){positive}', q: 0.8, buckets: rated(testhistogram.positive), expected: 0.72 },
  { expr: 'histogram_quantile(1./6., testhistogram2_bucket)', q: 1 / 6, buckets: testhistogram2, expected: 1 },
  { expr: 'histogram_quantile(0.5, testhistogram2_bucket)', q: 0.5, buckets: testhistogram2, expected: 3 },
  { expr: 'histogram_quantile(5./6., testhistogram2_bucket)', q: 5 / 6, buckets: testhistogram2, expected: 5 },
  {
    expr: 'histogram_quantile(0.3, sum(rate(request_duration_seconds_bucket[10m])) by (le))',
    q: 0.3,
    buckets: rated(sum(...Object.values(requestDuration))),
    expected: 0.075,
  },
  {
    expr: 'histogram_quantile(0.5, sum(rate(request_duration_seconds_bucket[10m])) by (le))',
    q: 0.5,
    buckets: rated(sum(...Object.values(requestDuration))),
    expected: 0.1277777777777778,
  },
  {
    expr: 'histogram_quantile(0.5, sum(...) by (le, instance)){ins1}',
    q: 0.5,
    buckets: rated(sum(requestDuration.job1ins1, requestDuration.job2ins1)),
    expected: 0.1333333333,
  },
  {
    expr: 'histogram_quantile(0.5, sum(...) by (le, instance)){ins2}',
    q: 0.5,
    buckets: rated(sum(requestDuration.job1ins2, requestDuration.job2ins2)),
    expected: 0.125,
  },
  {
    expr: 'histogram_quantile(0.3, sum(...) by (le, job)){job1}',
    q: 0.3,
    buckets: rated(sum(requestDuration.job1ins1, requestDuration.job1ins2)),
    expected: 0.1,
  },
  {
    expr: 'histogram_quantile(0.3, sum(...) by (le, job)){job2}',
    q: 0.3,
    buckets: rated(sum(requestDuration.job2ins1, requestDuration.job2ins2)),
    expected: 0.0642857142857143,
  },
  {
    expr: 'histogram_quantile(0.5, sum(...) by (le, job)){job1}',
    q: 0.5,
    buckets: rated(sum(requestDuration.job1ins1, requestDuration.job1ins2)),
    expected: 0.14,
  },
  {
    expr: 'histogram_quantile(0.5, sum(...) by (le, job)){job2}',
    q: 0.5,
    buckets: rated(sum(requestDuration.job2ins1, requestDuration.job2ins2)),
    expected: 0.1125,
  },
  { expr: 'histogram_quantile(0.3, rate(request_duration_seconds_bucket[10m])){job1,ins1}', q: 0.3, buckets: rated(requestDuration.job1ins1), expected: 0.11 },
  { expr: 'histogram_quantile(0.3, rate(request_duration_seconds_bucket[10m])){job1,ins2}', q: 0.3, buckets: rated(requestDuration.job1ins2), expected: 0.09 },
  { expr: 'histogram_quantile(0.3, rate(request_duration_seconds_bucket[10m])){job2,ins1}', q: 0.3, buckets: rated(requestDuration.job2ins1), expected: 0.06 },
  {
    expr: 'histogram_quantile(0.3, rate(request_duration_seconds_bucket[10m])){job2,ins2}',
    q: 0.3,
    buckets: rated(requestDuration.job2ins2),
    expected: 0.0675,
  },
  { expr: 'histogram_quantile(0.5, rate(request_duration_seconds_bucket[10m])){job1,ins1}', q: 0.5, buckets: rated(requestDuration.job1ins1), expected: 0.15 },
  {
    expr: 'histogram_quantile(0.5, rate(request_duration_seconds_bucket[10m])){job1,ins2}',
    q: 0.5,
    buckets: rated(requestDuration.job1ins2),
    expected: 0.13333333333333333,
  },
  { expr: 'histogram_quantile(0.5, rate(request_duration_seconds_bucket[10m])){job2,ins1}', q: 0.5, buckets: rated(requestDuration.job2ins1), expected: 0.1 },
  {
    expr: 'histogram_quantile(0.5, rate(request_duration_seconds_bucket[10m])){job2,ins2}',
    q: 0.5,
    buckets: rated(requestDuration.job2ins2),
    expected: 0.11666666666666667,
  },
  { expr: 'histogram_quantile(0.01, nonmonotonic_bucket)', q: 0.01, buckets: nonmonotonic, expected: 0.0045 },
  { expr: 'histogram_quantile(0.5, nonmonotonic_bucket)', q: 0.5, buckets: nonmonotonic, expected: 8.5 },
  { expr: 'histogram_quantile(0.99, nonmonotonic_bucket)', q: 0.99, buckets: nonmonotonic, expected: 979.75 },
  { expr: 'histogram_quantile(0.5, rate(mixed_bucket[10m])){ins1}', q: 0.5, buckets: rated(mixed.ins1), expected: 0.15 },
  { expr: 'histogram_quantile(0.5, rate(mixed_bucket[10m])){ins2}', q: 0.5, buckets: rated(mixed.ins2), expected: NaN },
  { expr: 'histogram_quantile(0.75, rate(mixed_bucket[10m])){ins1}', q: 0.75, buckets: rated(mixed.ins1), expected: 0.2 },
  { expr: 'histogram_quantile(1, rate(mixed_bucket[10m])){ins1}', q: 1, buckets: rated(mixed.ins1), expected: 0.2 },
  { expr: 'histogram_quantile(0.2, rate(empty_bucket[10m]))', q: 0.2, buckets: at50m({ '0.1': 0, '0.2': 0, '+Inf': 0 }), expected: NaN },
  {
    expr: 'histogram_quantile(1.0, sum by (le) (rate(const_histogram_bucket[5m])))',
    q: 1,
    buckets: at50m({ '0.0': 0, '1.0': 0, '2.0': 0, '+Inf': 0 }),
    expected: NaN,
  },
];

describe('histogramQuantile on PromQL test cases (promqltest testdata/histograms.test)', () => {
  it.each(PROMQL_CASES)('$expr = $expected', ({ q, buckets, expected }) => {
    const value = histogramQuantile(q, buckets);
    if (Number.isNaN(expected)) expect(value).toBeNaN();
    else if (!Number.isFinite(expected)) expect(value).toBe(expected);
    else expect(value).toBeCloseTo(expected, 9);
  });

  it('covers at least fifty of them', () => {
    expect(PROMQL_CASES.length).toBeGreaterThanOrEqual(50);
  });
});

describe('histogramQuantile special cases', () => {
  const twoBuckets = [
    { le: 1, count: 4 },
    { le: Infinity, count: 4 },
  ];

  it('is NaN without a +Inf bucket, with fewer than two buckets, or with no buckets', () => {
    expect(
      histogramQuantile(0.5, [
        { le: 1, count: 4 },
        { le: 2, count: 8 },
      ]),
    ).toBeNaN();
    expect(histogramQuantile(0.5, [{ le: Infinity, count: 8 }])).toBeNaN();
    expect(histogramQuantile(0.5, [])).toBeNaN();
  });

  it('reads the buckets in any order', () => {
    expect(
      histogramQuantile(0.5, [
        { le: Infinity, count: 4 },
        { le: 1, count: 4 },
      ]),
    ).toBe(histogramQuantile(0.5, twoBuckets));
  });

  it("does not change the caller's buckets", () => {
    const buckets = [
      { le: Infinity, count: 3 },
      { le: 1, count: 5 },
    ];
    histogramQuantile(0.5, buckets);
    expect(buckets).toEqual([
      { le: Infinity, count: 3 },
      { le: 1, count: 5 },
    ]);
  });

  it('says when the answer is approximate: forced monotonic, or clamped to the highest finite bound', () => {
    expect(histogramQuantileDetailed(0.5, nonmonotonic)).toMatchObject({ forcedMonotonic: true, clampedToHighestBound: false });
    expect(
      histogramQuantileDetailed(0.99, [
        { le: 1, count: 1 },
        { le: Infinity, count: 10 },
      ]),
    ).toMatchObject({ value: 1, clampedToHighestBound: true, forcedMonotonic: false });
    expect(histogramQuantileDetailed(0.5, twoBuckets)).toMatchObject({ value: 0.5, forcedMonotonic: false, clampedToHighestBound: false });
  });

  it('snaps counts that differ by float noise only: relative to the count, against the last count kept', () => {
    const noisy = [
      { le: 1, count: 3 },
      { le: 2, count: 3 + 3e-13 },
      { le: Infinity, count: 3 },
    ];
    expect(histogramQuantileDetailed(1, noisy)).toMatchObject({ value: 1, fixedPrecision: true, forcedMonotonic: false });
    // 2e-11 on 100 is noise (2e-13 relative); the same difference on a count of 1e-3 is not.
    expect(
      histogramQuantileDetailed(0.5, [
        { le: 1, count: 100 },
        { le: 2, count: 100 + 2e-11 },
        { le: Infinity, count: 100 },
      ]).fixedPrecision,
    ).toBe(true);
    expect(
      histogramQuantileDetailed(0.5, [
        { le: 1, count: 1e-3 },
        { le: 2, count: 1e-3 + 2e-11 },
        { le: Infinity, count: 1e-3 + 2e-11 },
      ]).fixedPrecision,
    ).toBe(false);
    // After a real rise from 1 to 5, noise is judged against 5, not 1.
    expect(
      histogramQuantileDetailed(0.5, [
        { le: 1, count: 1 },
        { le: 2, count: 5 },
        { le: 3, count: 5 + 2.5e-12 },
        { le: Infinity, count: 5 + 2.5e-12 },
      ]).fixedPrecision,
    ).toBe(true);
  });

  it('snaps a difference of exactly 1e-12 of the count, as PromQL does (at or below the tolerance)', () => {
    expect(
      histogramQuantileDetailed(0.5, [
        { le: 1, count: 1e12 + 1 },
        { le: Infinity, count: 1e12 },
      ]),
    ).toMatchObject({ fixedPrecision: true, forcedMonotonic: false });
  });

  it('answers a rank in a lowest bucket bounded at or below 0 with that bound, exact (not clamped)', () => {
    expect(
      histogramQuantileDetailed(0.25, [
        { le: -1, count: 4 },
        { le: Infinity, count: 8 },
      ]),
    ).toEqual({ value: -1, forcedMonotonic: false, fixedPrecision: false, clampedToHighestBound: false });
  });

  it('raises no approximation flag on the early answers (NaN q, q outside [0, 1], no +Inf bucket)', () => {
    for (const q of [Number.NaN, -1, 2])
      expect(histogramQuantileDetailed(q, testhistogram.positive)).toMatchObject({
        forcedMonotonic: false,
        fixedPrecision: false,
        clampedToHighestBound: false,
      });
    expect(
      histogramQuantileDetailed(0.5, [
        { le: 1, count: 1 },
        { le: 2, count: 0 },
      ]),
    ).toMatchObject({ forcedMonotonic: false, clampedToHighestBound: false });
  });

  it('always lies between the lowest bound (or 0) and the highest finite bound for q in [0, 1]', () => {
    // Except q = 0 over an empty lowest bucket: PromQL interpolates 0 of 0 observations there and
    // answers NaN (bucketQuantile's rank/count), so this does too; the property says exactly when.
    const bounds = fc.uniqueArray(fc.double({ min: 0.001, max: 1000, noNaN: true }), { minLength: 1, maxLength: 8 });
    fc.assert(
      fc.property(bounds, fc.array(fc.nat(1000), { minLength: 9, maxLength: 9 }), fc.double({ min: 0, max: 1, noNaN: true }), (les, counts, q) => {
        const sorted = [...les].sort((a, b) => a - b);
        let running = 0;
        const buckets = [...sorted, Infinity].map((le, index) => ({ le, count: (running += counts[index] ?? 0) }));
        const value = histogramQuantile(q, buckets);
        if (running === 0) return Number.isNaN(value);
        if (q === 0 && counts[0] === 0) return Number.isNaN(value);
        return value >= 0 && value <= (sorted.at(-1) ?? 0);
      }),
      {
        examples: [
          [[0.001], [0, 1, 0, 0, 0, 0, 0, 0, 0], 0],
          [[0.001], [1, 1, 0, 0, 0, 0, 0, 0, 0], 0],
        ],
      },
    );
  });
});
