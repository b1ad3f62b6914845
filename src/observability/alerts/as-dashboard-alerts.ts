import type { Alert } from '../../api/contract';
import { isSilenced, type AlertsState, type Silence } from './engine';
import type { AlertRuleDefinition } from './rules';

const SEVERITY = { critical: 'error', warning: 'warning', info: 'info' } as const;

/** Firing, unsilenced rule alerts in the shape the dashboard's AlertWidget shows, newest first. */
export function firingAsDashboardAlerts(state: AlertsState, rules: readonly AlertRuleDefinition[], silences: readonly Silence[], now: number): Alert[] {
  return Object.values(state.instances)
    .filter((instance) => instance.state === 'firing' && !isSilenced(instance, silences, now))
    .sort((a, b) => (b.firedAt ?? 0) - (a.firedAt ?? 0))
    .map((instance) => {
      const target = [instance.labels.service, instance.labels.agent].filter(Boolean).join(' / ');
      const rule = rules.find((candidate) => candidate.id === instance.ruleId);
      return {
        // One id per firing episode: dismissing it on the dashboard never hides the next time it fires.
        id: `rule:${instance.key}@${instance.firedAt ?? instance.activeAt}`,
        severity: SEVERITY[instance.severity],
        title: `${instance.name}: ${target}`,
        message: `${rule?.summary ?? ''} Value: ${String(instance.value)}.`.trim(),
        createdAt: new Date(instance.firedAt ?? instance.activeAt).toISOString(),
      };
    });
}
