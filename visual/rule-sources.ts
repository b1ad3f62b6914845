import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import postcss, { type AtRule, type Container, type Rule } from 'postcss';

/** Finds where a rule the browser reported is written: `src/app/theme.css:221`. */
export type LocateRule = (ruleKey: string, property: string, value: string | undefined) => string | undefined;

interface Written {
  key: string;
  declarations: Map<string, string>;
  at: string;
}

/** Selectors and values as the browser serialises them: one space around combinators, none inside parentheses. */
const normalise = (text: string) =>
  text
    .replace(/\s+/g, ' ')
    .replace(/\s*([>+~,])\s*/g, ' $1 ')
    .replace(/\(\s+/g, '(')
    .replace(/\s+\)/g, ')')
    .replace(/ , /g, ', ')
    .trim();

/**
 * The rules of the stylesheets git tracks under `root`, keyed the way the structure snapshot keys them
 * (`@media (max-width: 40rem) .card`). A rule is located only where its selector and the declaration with the
 * value the capture shows are both written, so a same-named rule elsewhere is never blamed.
 */
export function readRuleSources(root: string): LocateRule {
  const rules: Written[] = [];
  for (const file of trackedStylesheets(root)) {
    let tree;
    try {
      tree = postcss.parse(readFileSync(join(root, file), 'utf8'), { from: file });
    } catch {
      continue; // A stylesheet postcss cannot read is not named; the cause still is.
    }
    collect(tree, '', file, rules);
  }
  return (ruleKey, property, value) => {
    // A selector written twice is keyed `.card (2)` in the snapshot; either place may hold the declaration.
    const key = normalise(ruleKey.replace(/ \(\d+\)$/, ''));
    const wanted = value === undefined ? undefined : normalise(value);
    const found = rules.find(
      (rule) => rule.key === key && rule.declarations.has(property) && (wanted === undefined || rule.declarations.get(property) === wanted),
    );
    return found?.at;
  };
}

function collect(container: Container, prefix: string, file: string, into: Written[]): void {
  container.each((node) => {
    if (node.type === 'atrule' && (node as AtRule).name === 'media') {
      // The browser writes a media feature as `(max-width: 40rem)`.
      const media = normalise((node as AtRule).params).replace(/\s*:\s*/g, ': ');
      collect(node as AtRule, `${prefix}@media ${media} `, file, into);
    } else if (node.type === 'atrule' && ['supports', 'layer', 'container'].includes((node as AtRule).name)) {
      collect(node as AtRule, prefix, file, into);
    } else if (node.type === 'rule') {
      const rule = node as Rule;
      const declarations = new Map<string, string>();
      rule.walkDecls((declaration) => {
        if (declaration.parent === rule) declarations.set(declaration.prop, normalise(declaration.value));
      });
      into.push({ key: normalise(`${prefix}${rule.selector}`), declarations, at: `${file}:${rule.source?.start?.line ?? 0}` });
    }
  });
}

function trackedStylesheets(root: string): string[] {
  try {
    return execFileSync('git', ['ls-files', '-z', '--', '*.css'], { cwd: root, encoding: 'utf8' }).split('\0').filter(Boolean);
  } catch {
    return []; // Not a git checkout: causes name their rule without its file.
  }
}
