import type { HealthState } from '../../api/contract';
import type { MetricsPoint } from '../metrics/derive';
import type { ActiveCondition, AlertRule, AlertSeverity } from './engine';
import { RULE_FILE } from './rule-file';

/** What a rule's condition reads: each service's current health and newest metrics point. */
export interface RuleInput {
  service: string;
  health: HealthState | undefined;
  metrics: MetricsPoint | undefined;
}

export interface AlertRuleDefinition extends AlertRule {
  /** The label sets for which the condition holds now. */
  condition: (inputs: readonly RuleInput[]) => ActiveCondition[];
}

/** A rule of monitoring/rules.yml as the embedded engine reads it (./rule-file.ts, generated from the YAML). */
export interface EmbeddedRule {
  alert: string;
  forMs: number;
  keepFiringForMs: number;
  labels: Record<string, string>;
  summary: string;
  /** The number the expression compares with (`… > 0.05`), or the health state it selects (`state="unhealthy"`). */
  threshold: number | string;
}

type Condition = AlertRuleDefinition['condition'];

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

const healthIs =
  (state: number | string): Condition =>
  (inputs) =>
    inputs.filter((input) => input.health === state).map((input) => ({ labels: { service: input.service }, value: String(state) }));

/**
 * Each rule's condition, the embedded engine's reading of its PromQL expression in monitoring/rules.yml
 * (src/observability/alerts/rules-file.test.ts holds the two together), given the rule's threshold.
 */
const CONDITIONS: Record<string, { id: string; condition: (threshold: number | string) => Condition }> = {
  // max by (service) (service_health_state{state="…"}) == 1
  ServiceUnhealthy: { id: 'service-unhealthy', condition: healthIs },
  ServiceDegraded: { id: 'service-degraded', condition: healthIs },
  // sum by (service) (rate(…{status="error"}[5m])) / sum by (service) (rate(…[5m])) > threshold
  HighErrorRate: {
    id: 'high-error-rate',
    condition: (limit) => (inputs) =>
      inputs.flatMap((input) => {
        const ratio = input.metrics?.errorRatio;
        return ratio !== null && ratio !== undefined && ratio > Number(limit) ? [{ labels: { service: input.service }, value: percent(ratio) }] : [];
      }),
  },
  // histogram_quantile(0.95, sum by (service, agent, le) (rate(…_bucket[5m]))) > threshold
  SlowAgentP95: {
    id: 'slow-agent',
    condition: (limit) => (inputs) =>
      inputs.flatMap((input) =>
        (input.metrics?.latency ?? []).flatMap((point) =>
          point.quantile === 0.95 && point.seconds !== null && point.seconds > Number(limit)
            ? [{ labels: { service: input.service, agent: point.agent }, value: `${point.seconds.toFixed(2)} s` }]
            : [],
        ),
      ),
  },
};

const SEVERITIES: readonly AlertSeverity[] = ['info', 'warning', 'critical'];

/** The rules of monitoring/rules.yml that have a condition here (a test fails for one that has none). */
export const DEFAULT_RULES: readonly AlertRuleDefinition[] = RULE_FILE.flatMap((rule) => {
  const known = CONDITIONS[rule.alert];
  if (!known) return [];
  const { severity, ...labels } = rule.labels;
  return [
    {
      id: known.id,
      name: rule.alert,
      severity: SEVERITIES.find((candidate) => candidate === severity) ?? 'warning',
      summary: rule.summary,
      forMs: rule.forMs,
      keepFiringForMs: rule.keepFiringForMs,
      labels,
      condition: known.condition(rule.threshold),
    },
  ];
});

export function conditionsFor(rules: readonly AlertRuleDefinition[], inputs: readonly RuleInput[]): Record<string, ActiveCondition[]> {
  return Object.fromEntries(rules.map((rule) => [rule.id, rule.condition(inputs)]));
}
