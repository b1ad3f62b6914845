import { diffArrays } from 'diff';
import type { StructureNode } from './structure';

/**
 * Which element of the new snapshot is which element of the old one. Keys carry sibling indices
 * (`p[2]`), so removing one paragraph would renumber the next and read as "its text changed";
 * instead each parent's children are aligned: first the longest common run of children that are
 * identical (tag, classes, own text, their children's tags), then, between those anchors, children
 * with the same tag and classes in order (the same element, changed). The rest were added or removed.
 */
export function matchNodes(before: StructureNode[], after: StructureNode[]): Map<string, StructureNode> {
  const oldTree = childrenByParent(before);
  const newTree = childrenByParent(after);
  const pairs = new Map<string, StructureNode>();
  const align = (parentBefore: string | undefined, parentAfter: string) => {
    const was = parentBefore === undefined ? [] : (oldTree.get(parentBefore) ?? []);
    const now = newTree.get(parentAfter) ?? [];
    for (const [oldNode, newNode] of alignSiblings(was, now, oldTree, newTree)) {
      pairs.set(newNode.key, oldNode);
      align(oldNode.key, newNode.key);
    }
  };
  align('', '');
  return pairs;
}

const parentOf = (key: string) => key.slice(0, Math.max(0, key.lastIndexOf('/')));

function childrenByParent(nodes: StructureNode[]): Map<string, StructureNode[]> {
  const tree = new Map<string, StructureNode[]>();
  const keys = new Set(nodes.map((node) => node.key));
  for (const node of nodes) {
    // The capture's roots (and any element whose parent was not recorded) are aligned as one list.
    const parent = keys.has(parentOf(node.key)) ? parentOf(node.key) : '';
    tree.set(parent, [...(tree.get(parent) ?? []), node]);
  }
  return tree;
}

function alignSiblings(
  was: StructureNode[],
  now: StructureNode[],
  oldTree: Map<string, StructureNode[]>,
  newTree: Map<string, StructureNode[]>,
): [StructureNode, StructureNode][] {
  const signature = (node: StructureNode, tree: Map<string, StructureNode[]>) =>
    `${node.label}|${node.text ?? ''}|${(tree.get(node.key) ?? []).map((child) => child.label).join(',')}`;
  const anchors = longestCommonRun(
    was.map((node) => signature(node, oldTree)),
    now.map((node) => signature(node, newTree)),
  );
  const pairs: [StructureNode, StructureNode][] = [];
  let [i, j] = [0, 0];
  for (const [anchorI, anchorJ] of [...anchors, [was.length, now.length] as const]) {
    // Between two anchors: the same tag and classes, in order, is the same element changed.
    const gapOld = was.slice(i, anchorI);
    const gapNew = now.slice(j, anchorJ);
    for (const [a, b] of longestCommonRun(
      gapOld.map((node) => node.label),
      gapNew.map((node) => node.label),
    ))
      pairs.push([gapOld[a] as StructureNode, gapNew[b] as StructureNode]);
    if (anchorI < was.length && anchorJ < now.length) pairs.push([was[anchorI] as StructureNode, now[anchorJ] as StructureNode]);
    [i, j] = [anchorI + 1, anchorJ + 1];
  }
  return pairs;
}

/** Index pairs of a longest common subsequence of two lists, from jsdiff's Myers diff: its unchanged runs. */
export function longestCommonRun(a: string[], b: string[]): [number, number][] {
  const pairs: [number, number][] = [];
  let [i, j] = [0, 0];
  for (const change of diffArrays(a, b)) {
    if (change.added) j += change.count;
    else if (change.removed) i += change.count;
    else
      for (let step = 0; step < change.count; step += 1) {
        pairs.push([i, j]);
        i += 1;
        j += 1;
      }
  }
  return pairs;
}
