export interface CoverageRow { metric: string; pct: number; floor: number; ok: boolean; covered: number; total: number }
export const METRICS: string[];
export const GOAL: number;
export function standing(summary: { total: Record<string, { pct: number; covered: number; total: number }> }, floors: Record<string, number>): CoverageRow[];
export function raised(rows: CoverageRow[], floors: Record<string, number>): Record<string, number>;
export function markdown(rows: CoverageRow[]): string;
