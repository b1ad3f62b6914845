import { matchNodes } from './match-nodes';
/**
 * A structural snapshot of what a story shows: each element with its role, accessible name,
 * own text and the computed styles that paint. Kept beside each PNG baseline so a pixel change
 * can be explained ("span.badge.badge--pending color #8a5a00 → #b06f00"), offline.
 */
export interface StructureNode {
  /** Stable-ish address: tag.class[n] segments from the capture root. */
  key: string;
  /** How a person would name the element in a report. */
  label: string;
  role?: string;
  name?: string;
  text?: string;
  styles: Record<string, string>;
  /** The keys of the author style rules that match this element, in stylesheet order. */
  rules?: string[];
}

/** An author style rule as the stylesheet declares it: what a reviewer would edit. */
export interface StyleRule {
  /** The selector, prefixed with its conditions (`@media (max-width: 40rem) .card`). */
  key: string;
  /** Property → value as declared (shorthands as written where the browser keeps them). */
  declarations: Record<string, string>;
  /** Set when the rule styles only a state the capture does not show (`:hover`, `:focus`) on its elements. */
  unshown?: true;
}

export interface Structure {
  nodes: StructureNode[];
  /** Every author rule that matches an element of the capture or one of its ancestors (`:root`, `body`). */
  rules?: StyleRule[];
  truncated?: boolean;
}

/** The computed properties that decide what pixels an element paints. */
export const PAINTED_PROPERTIES = [
  'color',
  'background-color',
  'background-image',
  'border-color',
  'border-width',
  'border-style',
  'border-radius',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'text-decoration-line',
  'text-transform',
  'line-height',
  'letter-spacing',
  'white-space',
  'overflow-wrap',
  'text-align',
  'opacity',
  'box-shadow',
  'outline-style',
  'padding',
  'margin',
  'gap',
  'display',
  'position',
  'flex-direction',
  'flex-wrap',
  'justify-content',
  'align-items',
  'grid-template-columns',
  'transform',
  'overflow-x',
  'overflow-y',
  'visibility',
  'left',
  'top',
  'width',
  'height',
] as const;

/** Lines that say what changed between two snapshots, most telling first. */
export function explainChange(before: Structure, after: Structure, limit = 40): string[] {
  const pairs = matchNodes(before.nodes, after.nodes);
  const matchedBefore = new Set([...pairs.values()].map((node) => node.key));
  const text: string[] = [];
  const added: string[] = [];
  const removed: string[] = [];
  const styles: string[] = [];
  const geometry: string[] = [];
  for (const node of after.nodes) {
    const was = pairs.get(node.key);
    if (!was) {
      added.push(`added ${node.label}${node.text ? ` "${short(node.text)}"` : ''}`);
      continue;
    }
    if ((was.text ?? '') !== (node.text ?? '')) text.push(`${node.label} text "${short(was.text ?? '')}" → "${short(node.text ?? '')}"`);
    // A name that is the element's own text changed with it (said above); a name lost is said too.
    if ((was.name ?? '') !== (node.name ?? '') && (node.name === undefined || node.name !== node.text))
      text.push(`${node.label} accessible name "${short(was.name ?? '')}" → "${short(node.name ?? '')}"`);
    for (const property of PAINTED_PROPERTIES) {
      const before = was.styles[property];
      const after = node.styles[property];
      if (before === after) continue;
      const line = `${node.label} ${property} ${before ?? '(none)'} → ${after ?? '(none)'}`;
      (['left', 'top', 'width', 'height'].includes(property) ? geometry : styles).push(line);
    }
  }
  for (const node of before.nodes) if (!matchedBefore.has(node.key)) removed.push(`removed ${node.label}${node.text ? ` "${short(node.text)}"` : ''}`);
  // A moved parent moves every child: geometry lines only when nothing else explains the change.
  const lines = [
    ...text,
    ...added,
    ...removed,
    ...styles,
    ...(text.length + added.length + removed.length + styles.length === 0 ? geometry : geometry.slice(0, 3)),
  ];
  return lines.length > limit ? [...lines.slice(0, limit), `and ${lines.length - limit} more differences`] : lines;
}

/** A text on one line, cut at 60 characters: how reports quote what an element says. */
export function short(text: string): string {
  const oneLine = text.replace(/\s+/g, ' ').trim();
  return oneLine.length > 60 ? `${oneLine.slice(0, 60)}…` : oneLine;
}
