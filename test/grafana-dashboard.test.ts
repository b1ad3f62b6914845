import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { SERVICE_PROFILES } from '../fixtures/services/catalog';
import { ServiceSimulation } from '../fixtures/services/simulation';
import { parsePrometheusText } from '../src/observability/metrics/prometheus-text';

interface Panel {
  id: number;
  title: string;
  gridPos: { x: number; w: number };
  targets: { expr: string }[];
}
const dashboard = JSON.parse(readFileSync('grafana/agent-console-services.json', 'utf8')) as { uid: string; panels: Panel[] };

/** Labels Prometheus itself adds to every scraped series. */
const SCRAPE_LABELS = new Set(['job', 'instance']);
const PROMQL_WORDS = new Set(['by', 'without', 'on', 'ignoring', 'group_left', 'group_right', 'bool', 'and', 'or', 'unless', 'offset']);

/** The metric names and label names a PromQL expression refers to (functions, keywords and durations left out). */
function referencesOf(expr: string): { metrics: string[]; labels: string[] } {
  const labels: string[] = [];
  let text = expr.replace(/"(?:[^"\\]|\\.)*"/g, '""').replace(/\[[^\]]*\]/g, '');
  text = text.replace(/\{([^}]*)\}/g, (_, matchers: string) => {
    for (const matcher of matchers.matchAll(/([a-zA-Z_]\w*)\s*(=~|!~|!=|=)/g)) labels.push(matcher[1] ?? '');
    return ' ';
  });
  text = text.replace(/\b(?:by|without|on|ignoring)\s*\(([^)]*)\)/g, (_, list: string) => {
    labels.push(
      ...list
        .split(',')
        .map((label) => label.trim())
        .filter(Boolean),
    );
    return ' ';
  });
  const metrics = [...text.matchAll(/([a-zA-Z_:][\w:]*)(\s*\()?/g)]
    .filter((match) => !match[2] && !PROMQL_WORDS.has(match[1] ?? '') && !/^\d/.test(match[1] ?? ''))
    .map((match) => match[1] ?? '');
  return { metrics, labels };
}

/** What the four services expose: each sample name with the label names it carries. */
function exposed(): Map<string, Set<string>> {
  const names = new Map<string, Set<string>>();
  for (const profile of SERVICE_PROFILES) {
    const simulation = new ServiceSimulation(profile, 1);
    simulation.scrape();
    for (const family of parsePrometheusText(simulation.scrape()).families.values()) {
      for (const sample of family.samples) names.set(sample.name, new Set([...(names.get(sample.name) ?? []), ...Object.keys(sample.labels)]));
    }
  }
  return names;
}

describe('the Grafana dashboard', () => {
  const metrics = exposed();
  const targets = dashboard.panels.flatMap((panel) => panel.targets.map((target) => ({ panel: panel.title, expr: target.expr })));

  it('has panels, each with a unique id, a title and a place inside the 24-column grid', () => {
    expect(dashboard.panels.length).toBeGreaterThanOrEqual(6);
    expect(new Set(dashboard.panels.map((panel) => panel.id)).size).toBe(dashboard.panels.length);
    for (const panel of dashboard.panels) {
      expect(panel.title).not.toBe('');
      expect(panel.gridPos.x + panel.gridPos.w).toBeLessThanOrEqual(24);
      expect(panel.targets.length).toBeGreaterThan(0);
    }
  });

  it.each(targets)('$panel: every metric in "$expr" is one the services expose', ({ expr }) => {
    const { metrics: used } = referencesOf(expr);
    expect(used.length).toBeGreaterThan(0);
    for (const name of used) expect([...metrics.keys()], `${name} in ${expr}`).toContain(name);
  });

  it.each(targets)('$panel: every label in "$expr" exists on its metrics or is added by the scrape', ({ expr }) => {
    const { metrics: used, labels } = referencesOf(expr);
    const available = new Set([...SCRAPE_LABELS, ...used.flatMap((name) => [...(metrics.get(name) ?? [])])]);
    for (const label of labels) expect([...available], `${label} in ${expr}`).toContain(label);
  });

  it('the checks catch a misspelt metric and a label the metric does not have', () => {
    expect(referencesOf('sum by (agent) (rate(a2a_request_total{status="error"}[5m]))')).toEqual({
      metrics: ['a2a_request_total'],
      labels: ['status', 'agent'],
    });
    expect(metrics.has('a2a_request_total')).toBe(false);
    expect(metrics.get('process_memory_usage_bytes')?.has('agent')).toBe(false);
  });
});
