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

/** Index pairs of a longest common subsequence of two lists (dynamic programming; sibling lists are short). */
function longestCommonRun(a: string[], b: string[]): [number, number][] {
  if (a.length === 0 || b.length === 0) return [];
  // Common leading and trailing runs are matched directly, so long equal lists cost nothing.
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start += 1;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end += 1;
  const head: [number, number][] = Array.from({ length: start }, (_, index) => [index, index]);
  const tail: [number, number][] = Array.from({ length: end }, (_, index) => [a.length - end + index, b.length - end + index]);
  const midA = a.slice(start, a.length - end);
  const midB = b.slice(start, b.length - end);
  const table = Array.from({ length: midA.length + 1 }, () => new Array<number>(midB.length + 1).fill(0));
  for (let x = midA.length - 1; x >= 0; x -= 1)
    for (let y = midB.length - 1; y >= 0; y -= 1)
      (table[x] as number[])[y] =
        midA[x] === midB[y] ? ((table[x + 1] as number[])[y + 1] ?? 0) + 1 : Math.max((table[x + 1] as number[])[y] ?? 0, (table[x] as number[])[y + 1] ?? 0);
  const middle: [number, number][] = [];
  for (let x = 0, y = 0; x < midA.length && y < midB.length;) {
    if (midA[x] === midB[y]) {
      middle.push([start + x, start + y]);
      x += 1;
      y += 1;
    } else if (((table[x + 1] as number[])[y] ?? 0) >= ((table[x] as number[])[y + 1] ?? 0)) x += 1;
    else y += 1;
  }
  return [...head, ...middle, ...tail];
}
