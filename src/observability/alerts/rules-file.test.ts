import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { embeddedRules } from '../../../monitoring/embedded-rules';
import { RULE_FILE } from './rule-file';
import { DEFAULT_RULES } from './rules';

const yamlText = readFileSync('monitoring/rules.yml', 'utf8');
const fileRules = (parse(yamlText) as { groups: { rules: { alert: string; expr: string; labels: Record<string, string> }[] }[] }).groups.flatMap(
  (group) => group.rules,
);
const expr = (name: string) =>
  fileRules
    .find((rule) => rule.alert === name)
    ?.expr.replace(/\s+/g, ' ')
    .trim();

// The rules Prometheus evaluates (monitoring/rules.yml) are the ones the embedded engine evaluates in
// the browser: it reads their names, waits, labels, summaries and thresholds from the file
// (./rule-file.ts, generated), and its conditions read the same series the expressions do.
describe('the embedded rules and monitoring/rules.yml', () => {
  it('are read from the file as it is now (after editing it, run `npm run rules:embed`)', () => {
    expect(RULE_FILE).toEqual(embeddedRules(yamlText));
  });

  it('have a condition for every rule in the file, with a severity the engine knows', () => {
    expect(DEFAULT_RULES.map((rule) => rule.name)).toEqual(fileRules.map((rule) => rule.alert));
    for (const rule of fileRules) expect(['info', 'warning', 'critical'], rule.alert).toContain(rule.labels.severity);
  });

  it('take their waits, labels and thresholds from the file', () => {
    expect(DEFAULT_RULES.find((rule) => rule.name === 'HighErrorRate')).toMatchObject({ forMs: 60_000, keepFiringForMs: 60_000, labels: { team: 'agents' } });
    expect(RULE_FILE.find((rule) => rule.alert === 'HighErrorRate')?.threshold).toBe(0.05);
    expect(RULE_FILE.find((rule) => rule.alert === 'SlowAgentP95')?.threshold).toBe(5);
    expect(RULE_FILE.find((rule) => rule.alert === 'ServiceUnhealthy')?.threshold).toBe('unhealthy');
  });

  it('read the series their expressions read, compared the same way', () => {
    expect(expr('ServiceUnhealthy')).toBe('max by (service) (service_health_state{state="unhealthy"}) == 1');
    expect(expr('ServiceDegraded')).toBe('max by (service) (service_health_state{state="degraded"}) == 1');
    expect(expr('HighErrorRate')).toMatch(
      /^sum by \(service\) \(rate\(a2a_requests_total\{status="error"\}\[5m\]\)\) \/ sum by \(service\) \(rate\(a2a_requests_total\[5m\]\)\) > [0-9.]+$/,
    );
    expect(expr('SlowAgentP95')).toMatch(
      /^histogram_quantile\(0\.95, sum by \(service, agent, le\) \(rate\(a2a_request_duration_seconds_bucket\[5m\]\)\)\) > [0-9.]+$/,
    );
  });

  it('refuse a rule whose expression has no threshold to read', () => {
    expect(() => embeddedRules('groups: [{ name: g, rules: [{ alert: Odd, expr: "up" }] }]')).toThrow('Rule Odd: no threshold');
  });
});
