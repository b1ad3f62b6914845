import { needsAttention, type StoryResult } from './results';

/** The captures one change explains: reviewed, accepted or rejected together. */
export interface CauseGroup {
  id: string;
  cause: string;
  /** Capture ids (`story-id@mode`), in report order. */
  captures: string[];
}

export const captureId = (result: Pick<StoryResult, 'id' | 'mode'>) => `${result.id}@${result.mode}`;

/**
 * Changed captures grouped by the causes that explain them, largest group first (then by cause,
 * so the order is stable); a capture with two causes is in both. What no cause explains (a change
 * of pixels alone, new, removed, errors) is left for the per-capture list.
 */
export function groupByCause(results: StoryResult[]): { groups: CauseGroup[]; ungrouped: StoryResult[] } {
  const groups = new Map<string, CauseGroup>();
  const ungrouped: StoryResult[] = [];
  for (const result of results) {
    if (result.status !== 'changed' || !result.causes?.length) {
      if (needsAttention(result)) ungrouped.push(result);
      continue;
    }
    for (const cause of result.causes) {
      const group = groups.get(cause.id) ?? { id: cause.id, cause: cause.text, captures: [] };
      group.captures.push(captureId(result));
      groups.set(cause.id, group);
    }
  }
  const sorted = [...groups.values()].sort((a, b) => b.captures.length - a.captures.length || a.cause.localeCompare(b.cause));
  return { groups: sorted, ungrouped };
}
