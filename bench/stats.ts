/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface Figure {
  section: string;
  name: string;
  unit: string;
  median: number;
  min: number;
  max: number;
  runs: number;
  goal?: string;
  note?: string;
}

/** When, where and how often one section's figures were measured. */
export interface SectionStamp {
  measuredAt: string;
  commit: string;
  rounds: number;
}

export interface BenchResults {
  measuredAt: string;
  commit: string;
  rounds: number;
  machine: { cpus: number; cpu: string; memoryGb: number; os: string; node: string; chromium: string };
  figures: Figure[];
  /** Per section: a partial run keeps the sections it did not measure, each with its own stamp. */
  sections?: Record<string, SectionStamp>;
}

/**
 * This run's results with the sections it did not measure kept from `previous`, each section
 * stamped with the run that measured it (files written before stamps existed lend their own
 * stamp to their sections), figures in `order` of sections.
 */
export function mergeResults(previous: BenchResults | undefined, current: BenchResults, order: readonly string[]): BenchResults {
  const measured = new Set(current.figures.map((item) => item.section));
  const stamp = (results: BenchResults): SectionStamp => ({ measuredAt: results.measuredAt, commit: results.commit, rounds: results.rounds });
  const kept = (previous?.figures ?? []).filter((item) => !measured.has(item.section));
  const sections: Record<string, SectionStamp> = {};
  for (const item of kept) sections[item.section] = previous?.sections?.[item.section] ?? stamp(previous as BenchResults);
  for (const section of measured) sections[section] = stamp(current);
  const rank = (section: string) => (order.includes(section) ? order.indexOf(section) : order.length);
  const figures = [...kept, ...current.figures]
    .map((item, index) => ({ item, index }))
    .sort((a, b) => rank(a.item.section) - rank(b.item.section) || a.index - b.index)
    .map(({ item }) => item);
  return { ...current, figures, sections };
}

/** One figure from its runs: median, min and max. */
export function figure(section: string, name: string, unit: string, runs: number[], extra: { goal?: string; note?: string } = {}): Figure {
  return { section, name, unit, median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: runs.length, ...extra };
}
