import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { compressAlertmanagerConfig, compressDuration, compressExpression, compressRuleFile, durationMs } from './compress-time';

describe('compressed time for the monitoring tests', () => {
  it('reads Prometheus durations and refuses what is not one', () => {
    expect(durationMs('1m30s')).toBe(90_000);
    expect(durationMs('250ms')).toBe(250);
    expect(durationMs('2h')).toBe(7_200_000);
    expect(() => durationMs('5 minutes')).toThrow('Not a Prometheus duration: "5 minutes".');
    expect(() => durationMs('5m!')).toThrow('Not a Prometheus duration');
  });

  it('divides a duration by the factor, never down to nothing', () => {
    expect(compressDuration('5m', 30)).toBe('10000ms');
    expect(compressDuration('1m', 30)).toBe('2000ms');
    expect(compressDuration('1ms', 30)).toBe('1ms');
  });

  it('compresses range selectors and subqueries, and leaves label values alone', () => {
    expect(compressExpression('sum by (service) (rate(a2a_requests_total{status="5m"}[5m]))', 30)).toBe(
      'sum by (service) (rate(a2a_requests_total{status="5m"}[10000ms]))',
    );
    expect(compressExpression('max_over_time(up[1h:1m])', 60)).toBe('max_over_time(up[60000ms:1000ms])');
    expect(compressExpression('max_over_time(up[30m:])', 60)).toBe('max_over_time(up[30000ms:])');
  });

  it('compresses every wait of our rule file and keeps the rest of each rule', () => {
    const original = parse(readFileSync('monitoring/rules.yml', 'utf8')) as { groups: { rules: Record<string, string>[] }[] };
    const compressed = parse(compressRuleFile(readFileSync('monitoring/rules.yml', 'utf8'), 30)) as typeof original;
    const rules = compressed.groups.flatMap((group) => group.rules);
    expect(rules.map((rule) => rule.alert)).toEqual(original.groups.flatMap((group) => group.rules).map((rule) => rule.alert));
    expect(rules.find((rule) => rule.alert === 'HighErrorRate')).toMatchObject({ for: '2000ms', keep_firing_for: '2000ms' });
    expect(rules.find((rule) => rule.alert === 'HighErrorRate')?.expr).toContain('[10000ms]');
    expect(rules.find((rule) => rule.alert === 'ServiceDegraded')).toMatchObject({ for: '4000ms', labels: { severity: 'warning', team: 'platform' } });
  });

  it("compresses the Alertmanager route's waits", () => {
    const compressed = parse(compressAlertmanagerConfig(readFileSync('monitoring/alertmanager.yml', 'utf8'), 30)) as { route: Record<string, unknown> };
    expect(compressed.route).toMatchObject({
      group_wait: '1000ms',
      group_interval: '10000ms',
      repeat_interval: '480000ms',
      group_by: ['alertname', 'service'],
    });
  });
});
