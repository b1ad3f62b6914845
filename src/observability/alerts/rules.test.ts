import { describe, expect, it } from 'vitest';
import type { LatencyPoint, MetricsPoint } from '../metrics/derive';
import { conditionsFor, DEFAULT_RULES, type RuleInput } from './rules';

const metrics = (overrides: { errorRatio?: number | null; latency?: LatencyPoint[] }): MetricsPoint => ({
  at: 0,
  requestRate: 1,
  errorRatio: 0,
  latency: [],
  activeTasks: {},
  agentRates: {},
  resets: 0,
  unreadableSeries: [],
  ...overrides,
});
const point = (agent: string, quantile: LatencyPoint['quantile'], seconds: number | null): LatencyPoint => ({ agent, quantile, seconds, approximation: null });
const input = (service: string, overrides: Partial<RuleInput> = {}): RuleInput => ({ service, health: 'healthy', metrics: undefined, ...overrides });
const fired = (inputs: RuleInput[]) => conditionsFor(DEFAULT_RULES, inputs);

// Thresholds as monitoring/rules.yml sets them: an error share over 0.05, a p95 over 5 s.
describe("the embedded rules' conditions, at their thresholds", () => {
  it('every rule of the file with a condition, its severity from its labels and the rest of its labels kept', () => {
    expect(DEFAULT_RULES.map((rule) => [rule.id, rule.name, rule.severity])).toEqual([
      ['service-unhealthy', 'ServiceUnhealthy', 'critical'],
      ['service-degraded', 'ServiceDegraded', 'warning'],
      ['high-error-rate', 'HighErrorRate', 'warning'],
      ['slow-agent', 'SlowAgentP95', 'warning'],
    ]);
    for (const rule of DEFAULT_RULES) expect(rule.labels).not.toHaveProperty('severity');
  });

  it('health: each service in the state its rule selects, valued by that state', () => {
    const conditions = fired([input('a', { health: 'unhealthy' }), input('b', { health: 'degraded' }), input('c')]);
    expect(conditions['service-unhealthy']).toEqual([{ labels: { service: 'a' }, value: 'unhealthy' }]);
    expect(conditions['service-degraded']).toEqual([{ labels: { service: 'b' }, value: 'degraded' }]);
  });

  it('error share: over the threshold fires with the share in percent; at it, unknown or absent does not', () => {
    const conditions = fired([
      input('over', { metrics: metrics({ errorRatio: 0.0512 }) }),
      input('at', { metrics: metrics({ errorRatio: 0.05 }) }),
      input('unknown', { metrics: metrics({ errorRatio: null }) }),
      input('unread'),
    ]);
    expect(conditions['high-error-rate']).toEqual([{ labels: { service: 'over' }, value: '5.1%' }]);
  });

  it('p95 latency: per agent over the threshold, in seconds; the p50, a p95 at it, and one without requests do not', () => {
    const conditions = fired([
      input('svc', {
        metrics: metrics({
          latency: [point('slow', 0.95, 5.004), point('at', 0.95, 5), point('idle', 0.95, null), point('median', 0.5, 9)],
        }),
      }),
      input('unread'),
    ]);
    expect(conditions['slow-agent']).toEqual([{ labels: { service: 'svc', agent: 'slow' }, value: '5.00 s' }]);
  });
});
