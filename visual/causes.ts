import { createHash } from 'node:crypto';
import { matchNodes } from './match-nodes';
import type { LocateRule } from './rule-sources';
import { explainChange, PAINTED_PROPERTIES, short, type Structure, type StructureNode, type StyleRule } from './structure';

/**
 * What a reviewer changed, named as they would have written it: a stylesheet rule's declaration,
 * a design token, a text, an element added or removed, or (when no rule explains it) a style on
 * one element. The same change gets the same id in every capture, so captures group by cause.
 */
export interface Cause {
  id: string;
  text: string;
}

export interface Explanation {
  causes: Cause[];
  /** What the causes did to the capture: styles inherited or computed from them, moved and resized boxes. */
  consequences: string[];
}

const GEOMETRY = new Set(['left', 'top', 'width', 'height']);
/** Computed properties a child takes from its parent: a change there on the parent explains the child's. */
const INHERITED = new Set([
  'color',
  'font-family',
  'font-size',
  'font-weight',
  'font-style',
  'line-height',
  'letter-spacing',
  'text-transform',
  'text-align',
  'white-space',
  'overflow-wrap',
  'visibility',
]);

const parentKey = (key: string) => key.slice(0, Math.max(0, key.lastIndexOf('/')));

export function causeId(text: string): string {
  return `c-${createHash('sha256').update(text).digest('hex').slice(0, 8)}`;
}

const cause = (text: string): Cause => ({ id: causeId(text), text });

/**
 * Splits what changed between two snapshots into its causes and their consequences; with `locate`, a
 * changed rule is named with the file and line that now declare it.
 */
export function explainCauses(before: Structure, after: Structure, locate?: LocateRule): Explanation {
  const causes = new Map<string, Cause>();
  const add = (text: string) => causes.set(text, cause(text));
  const changedRules = new Set<string>();
  const allRules = [...(before.rules ?? []), ...(after.rules ?? [])];
  const usedTokens = tokensUsed(allRules);
  const changedTokens = new Set<string>();
  // A rule for a state nobody is in (:hover) changed, but what the capture shows came from the others.
  const unshown = new Set<string>();
  // A change whose new value some element now shows where it showed another (a token's colour now
  // painted as a background) is what the reader sees; one nobody shows (a focus ring) comes after.
  const pairs = matchNodes(before.nodes, after.nodes);
  const now = new Map(after.nodes.map((node) => [node.key, node]));
  const newlyShown = changedStyleValues(pairs, now);
  // How much of the capture now shows each change's value: the most shown is named first.
  const seen = new Map<string, number>();
  for (const change of ruleChanges(before.rules ?? [], after.rules ?? [], locate)) {
    // A token no rule of this capture reads did not change what it shows.
    if (change.token && !usedTokens.has(change.token)) continue;
    if (change.token) changedTokens.add(change.token);
    if (change.unshown) unshown.add(change.text);
    const showing = change.value ? timesShown(newlyShown, change.value) : 0;
    if (showing > 0) seen.set(change.text, showing);
    changedRules.add(change.rule);
    add(change.text);
  }
  const tokenRules = rulesReading(allRules, tokensAffected(allRules, changedTokens));

  const matchedBefore = new Set([...pairs.values()].map((node) => node.key));
  const old = new Map(before.nodes.map((node) => [node.key, node]));
  for (const node of after.nodes) {
    const was = pairs.get(node.key);
    const parent = now.get(parentKey(node.key));
    if (!was) {
      // Only the topmost element that came: its children came with it.
      if (!parent || pairs.has(parent.key)) add(`added ${describe(node, after.nodes)}`);
      continue;
    }
    if ((was.text ?? '') !== (node.text ?? '')) add(`${node.label} text "${short(was.text ?? '')}" → "${short(node.text ?? '')}"`);
    const byRule = [...(was.rules ?? []), ...(node.rules ?? [])].some((key) => changedRules.has(key) || tokenRules.has(key));
    const parentWas = parent ? pairs.get(parent.key) : undefined;
    for (const property of PAINTED_PROPERTIES) {
      if (GEOMETRY.has(property) || byRule) continue;
      const from = was.styles[property];
      const to = node.styles[property];
      if (from === to) continue;
      const inherited = INHERITED.has(property) && parentWas?.styles[property] === from && parent?.styles[property] === to;
      if (!inherited) add(`${node.label} ${property} ${from ?? '(none)'} → ${to ?? '(none)'}`);
    }
  }
  for (const node of before.nodes) {
    const parent = old.get(parentKey(node.key));
    if (!matchedBefore.has(node.key) && (!parent || matchedBefore.has(parent.key))) add(`removed ${describe(node, before.nodes)}`);
  }

  const rank = (text: string) => (unshown.has(text) ? 2 : seen.has(text) ? 0 : 1);
  const list = [...causes.values()].sort((a, b) => rank(a.text) - rank(b.text) || (seen.get(b.text) ?? 0) - (seen.get(a.text) ?? 0));
  const shown = new Set(list.map((c) => c.text));
  const consequences = explainChange(before, after).filter((line) => !shown.has(line));
  if (list.length === 0 && consequences.length > 0) {
    // Geometry alone: the boxes moved or resized and nothing else says why.
    return { causes: [cause(`moved or resized: ${consequences[0]}`)], consequences: consequences.slice(1) };
  }
  return { causes: list, consequences };
}

interface RuleChange {
  rule: string;
  token?: string;
  text: string;
  unshown: boolean;
  /** The value it declares now, when it still declares one. */
  value?: string;
}

/** `rule .badge: padding 0.25rem 0.5rem → 0.25rem 0.45rem`, `token --accent #5b8cff → #ff00ff (rule :root)`. */
function ruleChanges(before: StyleRule[], after: StyleRule[], locate: LocateRule | undefined): RuleChange[] {
  const now = new Map(after.map((rule) => [rule.key, rule.declarations]));
  const changes: RuleChange[] = [];
  // A rule that matches only now (or no more) usually means an element came or went; the element says so.
  const unshown = new Set(after.filter((rule) => rule.unshown).map((rule) => rule.key));
  for (const { key, declarations: from } of before) {
    const to = now.get(key);
    if (!to) continue;
    for (const property of new Set([...Object.keys(from), ...Object.keys(to)])) {
      if (from[property] === to[property]) continue;
      const change = `${from[property] ?? '(not set)'} → ${to[property] ?? '(not set)'}`;
      const at = to[property] === undefined ? undefined : locate?.(key, property, to[property]);
      const where = at ? `${key} in ${at}` : key;
      changes.push(
        property.startsWith('--')
          ? { rule: key, token: property, text: `token ${property} ${change} (rule ${where})`, unshown: unshown.has(key), value: to[property] }
          : { rule: key, text: `rule ${where}: ${property} ${change}`, unshown: unshown.has(key), value: to[property] },
      );
    }
  }
  return changes;
}

/**
 * The values elements show now in a painted property that showed another value there before, each
 * with how much of the capture shows it: a background its element's area in pixels, anything else
 * (a text colour, a border, a shadow) one per element (an inherited one only where it was set).
 */
function changedStyleValues(pairs: ReturnType<typeof matchNodes>, now: Map<string, StructureNode>): { value: string; weight: number }[] {
  const values: { value: string; weight: number }[] = [];
  for (const [key, was] of pairs) {
    const node = now.get(key);
    if (!node) continue;
    const parent = now.get(parentKey(key));
    const parentWas = parent ? pairs.get(parent.key) : undefined;
    const area = Math.max(1, (Number.parseFloat(node.styles.width ?? '') || 0) * (Number.parseFloat(node.styles.height ?? '') || 0));
    for (const property of PAINTED_PROPERTIES) {
      const value = node.styles[property];
      if (value === undefined || value === was.styles[property]) continue;
      // A text colour its parent passed down counts once, on the element that set it.
      if (INHERITED.has(property) && parent?.styles[property] === value && parentWas?.styles[property] === was.styles[property]) continue;
      values.push({ value: canonical(value), weight: property.startsWith('background') ? area : 1 });
    }
  }
  return values;
}

/** How much of the capture shows `declared` (both as `canonical` writes them); 0 when nothing does. */
function timesShown(shown: { value: string; weight: number }[], declared: string): number {
  const value = canonical(declared);
  // Short values (0, auto, 1px) are shown everywhere and say nothing of this change.
  if (value.length < 4 || value.includes('var(')) return 0;
  return shown.reduce((sum, one) => sum + (one.value.includes(value) ? one.weight : 0), 0);
}

/** Lower case, colours as the structure writes them: `rgb(255, 0, 255)` → `#ff00ff`. */
export function canonical(value: string): string {
  return value.toLowerCase().replace(/rgba?\((\d+),\s*(\d+),\s*(\d+)(?:,\s*([\d.]+))?\)/g, (_, r: string, g: string, b: string, a?: string) => {
    const code = `#${[r, g, b].map((part) => Number(part).toString(16).padStart(2, '0')).join('')}`;
    return a === undefined || a === '1' ? code : `${code} at ${a}`;
  });
}

/** The changed tokens with every token defined from them (`--badge-bg: var(--accent)`). */
function tokensAffected(rules: StyleRule[], changed: Set<string>): Set<string> {
  const affected = new Set(changed);
  for (let grew = true; grew;) {
    grew = false;
    for (const rule of rules)
      for (const [property, value] of Object.entries(rule.declarations))
        if (property.startsWith('--') && !affected.has(property) && [...affected].some((token) => value.includes(`var(${token}`))) {
          affected.add(property);
          grew = true;
        }
  }
  return affected;
}

/** The tokens the rules read, with the tokens those tokens read. */
function tokensUsed(rules: StyleRule[]): Set<string> {
  const reads = (value: string) => [...value.matchAll(/var\(\s*(--[\w-]+)/g)].map((match) => match[1] ?? '');
  const used = new Set<string>();
  const definitions = new Map<string, string[]>();
  for (const rule of rules)
    for (const [property, value] of Object.entries(rule.declarations)) {
      if (property.startsWith('--')) definitions.set(property, [...(definitions.get(property) ?? []), ...reads(value)]);
      else for (const token of reads(value)) used.add(token);
    }
  const queue = [...used];
  for (let token = queue.pop(); token !== undefined; token = queue.pop())
    for (const next of definitions.get(token) ?? [])
      if (!used.has(next)) {
        used.add(next);
        queue.push(next);
      }
  return used;
}

/** Rules whose declarations read one of the tokens (directly), so their elements' changes are explained. */
function rulesReading(rules: StyleRule[], tokens: Set<string>): Set<string> {
  const keys = new Set<string>();
  if (tokens.size === 0) return keys;
  for (const rule of rules)
    if (Object.values(rule.declarations).some((value) => [...tokens].some((token) => value.includes(`var(${token}`)))) keys.add(rule.key);
  return keys;
}

/** The element with its text, its accessible name, or else the first text inside it. */
function describe(node: StructureNode, nodes: StructureNode[]): string {
  const inside = node.text ?? node.name ?? nodes.find((other) => other.key.startsWith(`${node.key}/`) && other.text)?.text;
  return `${node.label}${inside ? ` "${short(inside)}"` : ''}`;
}
