import type { HealthState } from '../../api/contract';
import type { MetricsPoint } from '../metrics/derive';
import type { ActiveCondition, AlertRule } from './engine';

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

const percent = (ratio: number) => `${(ratio * 100).toFixed(1)}%`;

/** Like an alerting rule file: one threshold per rule, on a series or on a health state. */
export const DEFAULT_RULES: readonly AlertRuleDefinition[] = [
  {
    id: 'service-unhealthy',
    name: 'ServiceUnhealthy',
    severity: 'critical',
    summary: 'The service reports itself unhealthy.',
    forMs: 60_000,
    keepFiringForMs: 0,
    labels: { team: 'platform' },
    condition: (inputs) => inputs.filter((input) => input.health === 'unhealthy').map((input) => ({ labels: { service: input.service }, value: 'unhealthy' })),
  },
  {
    id: 'service-degraded',
    name: 'ServiceDegraded',
    severity: 'warning',
    summary: 'The service reports itself degraded.',
    forMs: 120_000,
    keepFiringForMs: 0,
    labels: { team: 'platform' },
    condition: (inputs) => inputs.filter((input) => input.health === 'degraded').map((input) => ({ labels: { service: input.service }, value: 'degraded' })),
  },
  {
    id: 'high-error-rate',
    name: 'HighErrorRate',
    severity: 'warning',
    summary: 'More than 5% of agent requests fail.',
    forMs: 60_000,
    keepFiringForMs: 60_000,
    labels: { team: 'agents' },
    condition: (inputs) =>
      inputs.flatMap((input) => {
        const ratio = input.metrics?.errorRatio;
        return ratio !== null && ratio !== undefined && ratio > 0.05 ? [{ labels: { service: input.service }, value: percent(ratio) }] : [];
      }),
  },
  {
    id: 'slow-agent',
    name: 'SlowAgentP95',
    severity: 'warning',
    summary: "An agent's 95th percentile latency is above 5 s.",
    forMs: 120_000,
    keepFiringForMs: 0,
    labels: { team: 'agents' },
    condition: (inputs) =>
      inputs.flatMap((input) =>
        (input.metrics?.latency ?? []).flatMap((point) =>
          point.quantile === 0.95 && point.seconds !== null && point.seconds > 5
            ? [{ labels: { service: input.service, agent: point.agent }, value: `${point.seconds.toFixed(2)} s` }]
            : [],
        ),
      ),
  },
];

export function conditionsFor(rules: readonly AlertRuleDefinition[], inputs: readonly RuleInput[]): Record<string, ActiveCondition[]> {
  return Object.fromEntries(rules.map((rule) => [rule.id, rule.condition(inputs)]));
}
