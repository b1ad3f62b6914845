import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { durationMs } from '../../../monitoring/compress-time';
import { DEFAULT_RULES } from './rules';

interface RuleEntry {
  alert: string;
  expr: string;
  for?: string;
  keep_firing_for?: string;
  labels: Record<string, string>;
  annotations: Record<string, string>;
}

const file = parse(readFileSync('monitoring/rules.yml', 'utf8')) as { groups: { rules: RuleEntry[] }[] };
const fileRules = file.groups.flatMap((group) => group.rules);

// The rules Prometheus evaluates (monitoring/rules.yml) and the ones the embedded default evaluates in
// the browser are one set: same names, waits, labels, summaries and thresholds.
describe('the in-browser rules and monitoring/rules.yml', () => {
  it('name the same alerts', () => {
    expect(DEFAULT_RULES.map((rule) => rule.name).sort()).toEqual(fileRules.map((rule) => rule.alert).sort());
  });

  it.each(DEFAULT_RULES.map((rule) => [rule.name, rule] as const))('%s waits, labels and explains the same', (name, rule) => {
    const entry = fileRules.find((candidate) => candidate.alert === name);
    expect(entry).toBeDefined();
    if (!entry) return;
    expect(durationMs(entry.for ?? '0s')).toBe(rule.forMs);
    expect(durationMs(entry.keep_firing_for ?? '0s')).toBe(rule.keepFiringForMs);
    expect(entry.labels).toEqual({ ...rule.labels, severity: rule.severity });
    expect(entry.annotations.summary).toBe(rule.summary);
  });

  it('compare against the same thresholds', () => {
    const expr = (name: string) =>
      fileRules
        .find((rule) => rule.alert === name)
        ?.expr.replace(/\s+/g, ' ')
        .trim();
    expect(expr('HighErrorRate')).toMatch(/> 0\.05$/);
    expect(expr('SlowAgentP95')).toMatch(/^histogram_quantile\(0\.95, .*> 5$/);
    expect(expr('ServiceUnhealthy')).toContain('state="unhealthy"');
    expect(expr('ServiceDegraded')).toContain('state="degraded"');
  });
});
