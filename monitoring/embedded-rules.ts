import { parse } from 'yaml';
import type { EmbeddedRule } from '../src/observability/alerts/rules';
import { durationMs } from './compress-time';

/**
 * What the embedded engine (src/observability/alerts/rules.ts) takes from monitoring/rules.yml, so a
 * rule's name, waits, labels, summary and threshold are written once, in the file Prometheus loads.
 * `npm run rules:embed` writes it to src/observability/alerts/rule-file.ts; a test fails when that
 * file and the YAML disagree. The condition's shape (which series, compared how) stays code there,
 * kept to the expression by the same test's checks.
 */
interface RuleEntry {
  alert?: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels?: Record<string, string>;
  annotations?: Record<string, string>;
}

export const RULE_FILE_MODULE = 'src/observability/alerts/rule-file.ts';

export function embeddedRules(yamlText: string): EmbeddedRule[] {
  const file = parse(yamlText) as { groups: { rules: RuleEntry[] }[] };
  return file.groups
    .flatMap((group) => group.rules)
    .filter((rule): rule is RuleEntry & { alert: string } => typeof rule.alert === 'string')
    .map((rule) => {
      const expr = rule.expr.replace(/\s+/g, ' ').trim();
      const compared = /> (-?[0-9.]+)$/.exec(expr)?.[1];
      const state = /state="(\w+)"/.exec(expr)?.[1];
      const threshold = compared !== undefined ? Number(compared) : state;
      if (threshold === undefined) throw new Error(`Rule ${rule.alert}: no threshold (\`> N\` at the end) or health state (\`state="…"\`) in its expression.`);
      return {
        alert: rule.alert,
        forMs: durationMs(rule.for ?? '0s'),
        keepFiringForMs: durationMs(rule.keep_firing_for ?? '0s'),
        labels: rule.labels ?? {},
        summary: rule.annotations?.summary ?? '',
        threshold,
      };
    });
}

/** The module's text: the rules as a typed constant, with a header saying where they come from. */
export function ruleFileModule(rules: readonly EmbeddedRule[]): string {
  return [
    '// Generated from monitoring/rules.yml by `npm run rules:embed`: edit the YAML, then run it.',
    "import type { EmbeddedRule } from './rules';",
    '',
    `export const RULE_FILE: readonly EmbeddedRule[] = ${JSON.stringify(rules, null, 2)};`,
    '',
  ].join('\n');
}
