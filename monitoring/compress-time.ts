import { parse, stringify } from 'yaml';

/**
 * The monitoring tests run the real Prometheus and Alertmanager on compressed time: the mock services
 * advance one scrape interval of traffic (30 s) per scrape, and Prometheus scrapes them every second,
 * so one real second is 30 simulated seconds. These rewrite our configuration to match: every
 * duration a rule or a route waits on (`for`, `keep_firing_for`, range selectors, group waits) is
 * divided by the same factor, and nothing else changes, so the tests exercise the files we ship.
 */

const UNIT_MS: Record<string, number> = { ms: 1, s: 1_000, m: 60_000, h: 3_600_000, d: 86_400_000, w: 604_800_000, y: 31_536_000_000 };

/** Milliseconds of a Prometheus duration (`1m30s`, `5m`, `250ms`); throws on anything else. */
export function durationMs(text: string): number {
  const parts = [...text.matchAll(/(\d+)(ms|s|m|h|d|w|y)/g)];
  if (parts.length === 0 || parts.map((part) => part[0]).join('') !== text) throw new Error(`Not a Prometheus duration: "${text}".`);
  return parts.reduce((total, [, amount, unit]) => total + Number(amount) * (UNIT_MS[unit ?? ''] ?? 0), 0);
}

/** A duration divided by `factor`, in whole milliseconds (at least 1 ms), written the way Prometheus reads it. */
export function compressDuration(text: string, factor: number): string {
  return `${Math.max(1, Math.round(durationMs(text) / factor))}ms`;
}

/** Range selectors and subqueries in PromQL (`[5m]`, `[1h:1m]`) with their durations compressed. */
export function compressExpression(expr: string, factor: number): string {
  return expr.replace(/\[([0-9a-z]+)(?::([0-9a-z]*))?\]/g, (_, range: string, step: string | undefined) =>
    step === undefined ? `[${compressDuration(range, factor)}]` : `[${compressDuration(range, factor)}:${step ? compressDuration(step, factor) : ''}]`,
  );
}

interface RuleFile {
  groups: { name: string; interval?: string; rules: Record<string, unknown>[] }[];
}

/** A Prometheus rule file with its waits compressed: `for`, `keep_firing_for`, a group's `interval`, ranges in `expr`. */
export function compressRuleFile(text: string, factor: number): string {
  const file = parse(text) as RuleFile;
  for (const group of file.groups) {
    if (group.interval) group.interval = compressDuration(group.interval, factor);
    for (const rule of group.rules) {
      for (const key of ['for', 'keep_firing_for'] as const) if (typeof rule[key] === 'string') rule[key] = compressDuration(rule[key], factor);
      if (typeof rule.expr === 'string') rule.expr = compressExpression(rule.expr, factor);
    }
  }
  return stringify(file);
}

interface Route {
  group_wait?: string;
  group_interval?: string;
  repeat_interval?: string;
  routes?: Route[];
}

/** An Alertmanager configuration with every route's waits compressed (`group_wait`, `group_interval`, `repeat_interval`). */
export function compressAlertmanagerConfig(text: string, factor: number): string {
  const config = parse(text) as { route?: Route; global?: { resolve_timeout?: string } };
  const visit = (route: Route) => {
    for (const key of ['group_wait', 'group_interval', 'repeat_interval'] as const) if (route[key]) route[key] = compressDuration(route[key], factor);
    route.routes?.forEach(visit);
  };
  if (config.route) visit(config.route);
  if (config.global?.resolve_timeout) config.global.resolve_timeout = compressDuration(config.global.resolve_timeout, factor);
  return stringify(config);
}
