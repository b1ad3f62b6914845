import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { explainCauses } from './causes';
import { readRuleSources, type LocateRule } from './rule-sources';

let root: string;
let locate: LocateRule;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'rule-sources-'));
  mkdirSync(join(root, 'src'));
  writeFileSync(
    join(root, 'src/theme.css'),
    [
      ':root {',
      '  --accent: #5b8cff;',
      '}',
      '.badge {',
      '  padding: 0.05rem   0.45rem;',
      '}',
      '@media (max-width:40rem) {',
      '  .card>.badge { padding: 0; }',
      '}',
      '.badge { color: red; }',
    ].join('\n'),
  );
  writeFileSync(join(root, 'src/other.css'), '.badge {\n  padding: 1rem;\n}\n');
  writeFileSync(join(root, 'untracked.css'), '.banner { color: blue; }\n');
  execFileSync('git', ['init', '-q'], { cwd: root });
  execFileSync('git', ['add', 'src'], { cwd: root });
  locate = readRuleSources(root);
});
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('where a changed rule is written', () => {
  it('finds the tracked file and line that declare the rule with the value the capture shows', () => {
    expect(locate('.badge', 'padding', '0.05rem 0.45rem')).toBe('src/theme.css:4');
    expect(locate('.badge', 'padding', '1rem')).toBe('src/other.css:1');
    expect(locate(':root', '--accent', '#5b8cff')).toBe('src/theme.css:1');
  });

  it('keys rules inside media queries and selectors with combinators the way the browser serialises them', () => {
    expect(locate('@media (max-width: 40rem) .card > .badge', 'padding', '0')).toBe('src/theme.css:8');
  });

  it('reads a selector written twice from either place', () => {
    expect(locate('.badge (2)', 'color', 'red')).toBe('src/theme.css:10');
  });

  it('blames no file whose rule does not declare that value, and reads no untracked stylesheet', () => {
    expect(locate('.badge', 'padding', '0.5rem')).toBeUndefined();
    expect(locate('.badge', 'margin', '0')).toBeUndefined();
    expect(locate('.banner', 'color', 'blue')).toBeUndefined();
  });

  it('names the file in the cause, so a reviewer opens the line that changed', () => {
    const structure = (padding: string) => ({
      rules: [{ key: '.badge', declarations: { padding } }],
      nodes: [{ key: 'root', label: 'span.badge', styles: {}, rules: ['.badge'] }],
    });
    const { causes } = explainCauses(structure('0.05rem 0.5rem'), structure('0.05rem 0.45rem'), locate);
    expect(causes.map((c) => c.text)).toEqual(['rule .badge in src/theme.css:4: padding 0.05rem 0.5rem → 0.05rem 0.45rem']);
  });
});
