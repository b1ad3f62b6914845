/**
 * How many runs a fast-check property makes: as written in the test, scaled down under mutation
 * testing (PROPERTY_RUNS_SCALE, set by vitest.mutation.config.ts), where each property runs once
 * per mutant and a tenth of the runs still finds what a mutant broke.
 */
export function propertyRuns(runs: number): number {
  const scale = Number(process.env.PROPERTY_RUNS_SCALE ?? '1');
  return Number.isFinite(scale) && scale > 0 ? Math.max(20, Math.round(runs * scale)) : runs;
}
