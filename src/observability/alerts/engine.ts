/**
 * Alert rules evaluated in the browser on every refresh, with Prometheus' rule semantics and the
 * parts of Alertmanager a console needs:
 *
 * - an alert is one rule × one label set (so the same condition seen twice is one alert);
 * - pending while the condition holds for less than `forMs`, firing once it has held that long
 *   (measured from the first evaluation that saw it), dropped if it clears while pending;
 * - a firing alert keeps firing for `keepFiringForMs` after the condition first clears, then
 *   resolves; resolved alerts stay listed as history;
 * - notifications go out when an alert starts firing, unless the same alert notified less than
 *   `cooldownMs` ago or a silence matches it.
 *
 * Pure functions over plain data: the caller keeps the state and passes the clock.
 */

export type AlertSeverity = 'info' | 'warning' | 'critical';
export type AlertState = 'pending' | 'firing' | 'resolved';

export interface AlertRule {
  id: string;
  name: string;
  severity: AlertSeverity;
  /** What the rule checks, in words people can read ("error rate above 5%"). */
  summary: string;
  forMs: number;
  keepFiringForMs: number;
  /** Extra labels every alert of this rule carries. */
  labels: Record<string, string>;
}

/** One label set for which a rule's condition holds right now, and the value that made it true. */
export interface ActiveCondition {
  labels: Record<string, string>;
  value: number | string;
}

export interface AlertInstance {
  /** rule id + sorted labels: the de-duplication key. */
  key: string;
  ruleId: string;
  name: string;
  severity: AlertSeverity;
  labels: Record<string, string>;
  state: AlertState;
  value: number | string;
  /** When the condition was first seen holding in this episode. */
  activeAt: number;
  firedAt?: number;
  /** When the condition first stopped holding while firing. */
  keepFiringSince?: number;
  resolvedAt?: number;
}

export interface Silence {
  id: string;
  /** Every listed label must be equal on the alert for the silence to match. */
  matchers: Record<string, string>;
  author: string;
  comment: string;
  createdAt: number;
  expiresAt: number;
}

export interface Transition {
  key: string;
  name: string;
  from: AlertState | 'inactive';
  to: AlertState | 'inactive';
  at: number;
}

export interface Notification {
  key: string;
  name: string;
  severity: AlertSeverity;
  labels: Record<string, string>;
  at: number;
}

export interface AlertsState {
  instances: Record<string, AlertInstance>;
  /** Last notification time by alert key, for the cooldown. */
  notifiedAt: Record<string, number>;
  history: Transition[];
  notifications: Notification[];
}

export interface EvaluationSettings {
  cooldownMs: number;
  /** Resolved alerts older than this leave the list (history keeps their transitions). */
  resolvedRetentionMs: number;
  /** Newest transitions and notifications kept. */
  historyLimit: number;
}

export const DEFAULT_SETTINGS: EvaluationSettings = { cooldownMs: 15 * 60_000, resolvedRetentionMs: 15 * 60_000, historyLimit: 200 };

export function emptyAlertsState(): AlertsState {
  return { instances: {}, notifiedAt: {}, history: [], notifications: [] };
}

export function alertKey(ruleId: string, labels: Record<string, string>): string {
  const sorted = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `${ruleId}{${sorted.join(',')}}`;
}

export function isSilenced(instance: Pick<AlertInstance, 'labels'>, silences: readonly Silence[], now: number): Silence | undefined {
  return silences.find((silence) => silence.expiresAt > now && Object.entries(silence.matchers).every(([name, value]) => instance.labels[name] === value));
}

/**
 * One evaluation of every rule at `now`. `conditions` holds, per rule id, the label sets for which
 * the rule's condition is true now (duplicates allowed: they are one alert).
 */
export function evaluateAlerts(
  previous: AlertsState,
  rules: readonly AlertRule[],
  conditions: Readonly<Record<string, readonly ActiveCondition[]>>,
  silences: readonly Silence[],
  now: number,
  settings: EvaluationSettings = DEFAULT_SETTINGS,
): AlertsState {
  const instances: Record<string, AlertInstance> = {};
  const notifiedAt = { ...previous.notifiedAt };
  const history = [...previous.history];
  const notifications = [...previous.notifications];
  const move = (instance: AlertInstance, from: AlertState | 'inactive', to: AlertState | 'inactive') => {
    history.push({ key: instance.key, name: instance.name, from, to, at: now });
  };
  const fire = (instance: AlertInstance) => {
    instance.state = 'firing';
    instance.firedAt = now;
    const last = notifiedAt[instance.key];
    if ((last === undefined || now - last >= settings.cooldownMs) && !isSilenced(instance, silences, now)) {
      notifiedAt[instance.key] = now;
      notifications.push({ key: instance.key, name: instance.name, severity: instance.severity, labels: instance.labels, at: now });
    }
  };

  for (const rule of rules) {
    const active = new Map<string, ActiveCondition>();
    for (const condition of conditions[rule.id] ?? []) {
      const labels = { ...condition.labels, ...rule.labels, alertname: rule.name, severity: rule.severity };
      active.set(alertKey(rule.id, labels), { labels, value: condition.value });
    }
    const seen = new Set<string>();
    for (const [key, condition] of active) {
      seen.add(key);
      const old = previous.instances[key];
      if (old && (old.state === 'pending' || old.state === 'firing')) {
        const instance: AlertInstance = { ...old, value: condition.value, keepFiringSince: undefined };
        if (old.state === 'pending' && now - old.activeAt >= rule.forMs) {
          fire(instance);
          move(instance, 'pending', 'firing');
        }
        instances[key] = instance;
        continue;
      }
      const instance: AlertInstance = {
        key,
        ruleId: rule.id,
        name: rule.name,
        severity: rule.severity,
        labels: condition.labels,
        state: 'pending',
        value: condition.value,
        activeAt: now,
      };
      move(instance, old?.state ?? 'inactive', 'pending');
      if (rule.forMs <= 0) {
        fire(instance);
        move(instance, 'pending', 'firing');
      }
      instances[key] = instance;
    }
    for (const [key, old] of Object.entries(previous.instances)) {
      if (old.ruleId !== rule.id || seen.has(key)) continue;
      if (old.state === 'pending') {
        move(old, 'pending', 'inactive');
      } else if (old.state === 'firing') {
        const keepFiringSince = old.keepFiringSince ?? now;
        if (now - keepFiringSince < rule.keepFiringForMs) {
          instances[key] = { ...old, keepFiringSince };
        } else {
          instances[key] = { ...old, state: 'resolved', resolvedAt: now, keepFiringSince: undefined };
          move(old, 'firing', 'resolved');
        }
      } else if (old.resolvedAt !== undefined && now - old.resolvedAt < settings.resolvedRetentionMs) {
        instances[key] = old;
      }
    }
  }
  return {
    instances,
    notifiedAt,
    history: history.slice(-settings.historyLimit),
    notifications: notifications.slice(-settings.historyLimit),
  };
}
