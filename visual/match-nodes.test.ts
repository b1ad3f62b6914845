import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { propertyRuns } from '../test/property-runs';
import { explainCauses } from './causes';
import { longestCommonRun, matchNodes } from './match-nodes';
import type { Structure, StructureNode } from './structure';

const node = (key: string, label: string, text?: string): StructureNode => ({ key, label, styles: {}, ...(text ? { text } : {}) });
/** A project status: its name, the paragraph holding the badge, the summary, the open tasks. */
const status = (withBadge: boolean): Structure => {
  const children: [string, string | undefined][] = [
    ['p.project-status__name', 'Billing'],
    ...(withBadge ? [['p', undefined] as [string, undefined]] : []),
    ['p', 'Two agents are behind schedule.'],
    ['p.muted', '3 open tasks'],
  ];
  const seen = new Map<string, number>();
  const nodes = [node('root', 'div.project-status')];
  for (const [label, text] of children) {
    const index = seen.get(label) ?? 0;
    seen.set(label, index + 1);
    nodes.push(node(`root/${label}[${index}]`, label, text));
    if (label === 'p' && !text) nodes.push(node(`root/${label}[${index}]/span.badge[0]`, 'span.badge', 'Needs attention'));
  }
  return { nodes };
};

describe('matching the elements of two snapshots', () => {
  it('pairs siblings by what they are, not by their index, when one before them is removed', () => {
    const pairs = matchNodes(status(true).nodes, status(false).nodes);
    // The summary paragraph was p[1] and is p[0] now: still the same element.
    expect(pairs.get('root/p[0]')?.key).toBe('root/p[1]');
    expect(explainCauses(status(true), status(false)).causes.map((c) => c.text)).toEqual(['removed p "Needs attention"']);
    expect(explainCauses(status(false), status(true)).causes.map((c) => c.text)).toEqual(['added p "Needs attention"']);
  });

  it('pairs a changed element with the one of the same tag and classes in its place', () => {
    const before = { nodes: [node('root', 'div'), node('root/span.muted[0]', 'span.muted', 'Refreshing…')] };
    const after = { nodes: [node('root', 'div'), node('root/span.muted[0]', 'span.muted', 'beta'), node('root/span.muted[1]', 'span.muted', 'Refreshing…')] };
    expect(explainCauses(before, after).causes.map((c) => c.text)).toEqual(['added span.muted "beta"']);
    const renamed = { nodes: [node('root', 'div'), node('root/span.muted[0]', 'span.muted', 'Updating…')] };
    expect(explainCauses(before, renamed).causes.map((c) => c.text)).toEqual(['span.muted text "Refreshing…" → "Updating…"']);
  });
});

/** The length of a longest common subsequence, by the textbook recursion (short lists only). */
function lcsLength(a: string[], b: string[]): number {
  if (a.length === 0 || b.length === 0) return 0;
  if (a[0] === b[0]) return 1 + lcsLength(a.slice(1), b.slice(1));
  return Math.max(lcsLength(a.slice(1), b), lcsLength(a, b.slice(1)));
}

describe('aligning two sibling lists', () => {
  it('property: the pairs are equal items, in order on both sides, and as many as a longest common subsequence has', () => {
    const list = fc.array(fc.constantFrom('p', 'div', 'span', 'li'), { maxLength: 8 });
    fc.assert(
      fc.property(list, list, (a, b) => {
        const pairs = longestCommonRun(a, b);
        expect(pairs).toHaveLength(lcsLength(a, b));
        for (const [index, [i, j]] of pairs.entries()) {
          expect(a[i]).toBe(b[j]);
          const previous = pairs[index - 1];
          if (previous) {
            expect(i).toBeGreaterThan(previous[0]);
            expect(j).toBeGreaterThan(previous[1]);
          }
        }
      }),
      { numRuns: propertyRuns(300) },
    );
  });

  it('equal lists pair item by item; with nothing on one side, nothing pairs', () => {
    expect(longestCommonRun(['a', 'b', 'c'], ['a', 'b', 'c'])).toEqual([
      [0, 0],
      [1, 1],
      [2, 2],
    ]);
    expect(longestCommonRun([], ['a'])).toEqual([]);
    expect(longestCommonRun(['a'], [])).toEqual([]);
    expect(longestCommonRun(['x', 'a', 'b'], ['a', 'b', 'y'])).toEqual([
      [1, 0],
      [2, 1],
    ]);
  });
});
