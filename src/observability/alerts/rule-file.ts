// Generated from monitoring/rules.yml by `npm run rules:embed`: edit the YAML, then run it.
import type { EmbeddedRule } from './rules';

export const RULE_FILE: readonly EmbeddedRule[] = [
  {
    alert: 'ServiceUnhealthy',
    forMs: 60000,
    keepFiringForMs: 0,
    labels: {
      severity: 'critical',
      team: 'platform',
    },
    summary: 'The service reports itself unhealthy.',
    threshold: 'unhealthy',
  },
  {
    alert: 'ServiceDegraded',
    forMs: 120000,
    keepFiringForMs: 0,
    labels: {
      severity: 'warning',
      team: 'platform',
    },
    summary: 'The service reports itself degraded.',
    threshold: 'degraded',
  },
  {
    alert: 'HighErrorRate',
    forMs: 60000,
    keepFiringForMs: 60000,
    labels: {
      severity: 'warning',
      team: 'agents',
    },
    summary: 'More than 5% of agent requests fail.',
    threshold: 0.05,
  },
  {
    alert: 'SlowAgentP95',
    forMs: 120000,
    keepFiringForMs: 0,
    labels: {
      severity: 'warning',
      team: 'agents',
    },
    summary: "An agent's 95th percentile latency is above 5 s.",
    threshold: 5,
  },
];
