import type { Cause } from './causes';

/** One capture's outcome in a visual run: what the report, the PR comment and review read. */
export type VisualStatus = 'unchanged' | 'changed' | 'new' | 'removed' | 'error';
export interface StoryResult {
  id: string;
  title: string;
  name: string;
  mode: string;
  status: VisualStatus;
  diffRatio: number;
  reason?: string;
  /** What changed in the structure and painted styles, when both snapshots are known. */
  why?: string[];
  /** The changes that explain it (the first lines of why), each with the id its group goes by. */
  causes?: Cause[];
  /** A reviewer's rejection of exactly these pixels (visual/review.json): who, when, why. */
  rejected?: string;
  /** What could not be settled or honoured at capture. */
  notes?: string[];
  /**
   * Accessibility against the capture's baseline (visual/a11y.ts), each violation in words: new ones
   * fail the capture, known ones are debt listed on every run, resolved ones leave the baseline on
   * accept. `unrecorded`: no accessibility baseline yet; accepting or updating writes this run's.
   */
  a11y?: { added: string[]; known: string[]; resolved: string[]; unrecorded?: boolean };
  files?: { baseline?: string; current?: string; diff?: string };
}

export const percent = (ratio: number) => `${(ratio * 100).toFixed(2)}%`;

export function countByStatus(results: StoryResult[]): Record<VisualStatus, number> {
  const counts: Record<VisualStatus, number> = { unchanged: 0, changed: 0, new: 0, removed: 0, error: 0 };
  for (const result of results) counts[result.status] += 1;
  return counts;
}

export const needsAttention = (result: StoryResult) =>
  result.status !== 'unchanged' || result.reason !== undefined || (result.notes?.length ?? 0) > 0 || (result.a11y?.known.length ?? 0) > 0;

/** A capture a reviewer can accept or reject: it differs, is new or gone, or its accessibility baseline would change. */
export const isDecidable = (result: Pick<StoryResult, 'status' | 'a11y'>) =>
  ['changed', 'new', 'removed'].includes(result.status) ||
  (result.a11y?.resolved.length ?? 0) > 0 ||
  Boolean(result.a11y?.unrecorded && result.a11y.known.length);

/** The terminal command that accepts a capture or a group (the report shows it beside each). */
export const acceptCommand = (target: string) => `npm run test:visual -- --accept ${target}`;
