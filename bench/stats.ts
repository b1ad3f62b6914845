/** The middle value (the mean of the two middle ones for an even count). */
export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const middle = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? (sorted[middle] ?? 0) : ((sorted[middle - 1] ?? 0) + (sorted[middle] ?? 0)) / 2;
}

export interface Figure { section: string; name: string; unit: string; median: number; min: number; max: number; runs: number; goal?: string; note?: string }

export interface BenchResults {
  measuredAt: string;
  commit: string;
  rounds: number;
  machine: { cpus: number; cpu: string; memoryGb: number; os: string; node: string; chromium: string };
  figures: Figure[];
}

/** One figure from its runs: median, min and max. */
export function figure(section: string, name: string, unit: string, runs: number[], extra: { goal?: string; note?: string } = {}): Figure {
  return { section, name, unit, median: median(runs), min: Math.min(...runs), max: Math.max(...runs), runs: runs.length, ...extra };
}
