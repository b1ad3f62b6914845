import { describe, expect, it } from 'vitest';
import { explainCauses } from './causes';
import { matchNodes } from './match-nodes';
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
