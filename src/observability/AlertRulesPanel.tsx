import { useState } from 'react';
import { clockTime } from '../ui/clock-time';
import { WidgetFrame } from '../ui/WidgetFrame';
import { isSilenced, type AlertInstance, type AlertsState, type Silence } from './alerts/engine';
import type { AlertRuleDefinition } from './alerts/rules';

interface AlertRulesPanelProps {
  alerts: AlertsState;
  rules: readonly AlertRuleDefinition[];
  silences: readonly Silence[];
  /** When the rules were last evaluated; undefined until the first refresh finished. */
  evaluatedAt: number | undefined;
  now: number;
  /** Who creates silences from here (the signed-in user). */
  author?: string;
  onSilence?: (matchers: Record<string, string>, author: string, comment: string, durationMs: number) => void;
  onExpireSilence?: (id: string) => void;
}

const ORDER = { firing: 0, pending: 1, resolved: 2 } as const;
const SILENCE_MS = 60 * 60_000;

/** The alerts the rules raise (firing, pending, resolved), their silences, the rules and the history. */
export function AlertRulesPanel({ alerts, rules, silences, evaluatedAt, now, author, onSilence, onExpireSilence }: AlertRulesPanelProps) {
  const instances = Object.values(alerts.instances).sort((a, b) => ORDER[a.state] - ORDER[b.state] || a.key.localeCompare(b.key));
  const activeSilences = silences.filter((silence) => silence.expiresAt > now);
  return (
    <WidgetFrame title="Alert rules" status={evaluatedAt === undefined ? 'loading' : 'loaded'}>
      <p className="muted">Evaluated in this browser on every refresh{evaluatedAt === undefined ? '' : `, last at ${clockTime(evaluatedAt)}`}.</p>
      {instances.length === 0 ? (
        <p className="muted">No alerts: every rule's condition is clear.</p>
      ) : (
        <ul className="alert-rules__list" aria-label="Rule alerts">
          {instances.map((instance) => (
            <AlertRow key={instance.key} instance={instance} silence={isSilenced(instance, silences, now)} author={author} onSilence={onSilence} />
          ))}
        </ul>
      )}
      {activeSilences.length > 0 && (
        <>
          <h3 className="approval-card__label">Silences</h3>
          <ul aria-label="Silences">
            {activeSilences.map((silence) => (
              <li key={silence.id}>
                {Object.entries(silence.matchers)
                  .map(([name, value]) => `${name}="${value}"`)
                  .join(', ')}{' '}
                by {silence.author} until {clockTime(silence.expiresAt)}
                {silence.comment ? `: ${silence.comment}` : ''}
                {onExpireSilence && (
                  <button type="button" className="link-button" onClick={() => onExpireSilence(silence.id)}>
                    Expire silence
                  </button>
                )}
              </li>
            ))}
          </ul>
        </>
      )}
      <details>
        <summary>Rules ({rules.length})</summary>
        <ul>
          {rules.map((rule) => (
            <li key={rule.id}>
              <strong>{rule.name}</strong> ({rule.severity}): {rule.summary} For {rule.forMs / 1000} s
              {rule.keepFiringForMs ? `, keeps firing ${rule.keepFiringForMs / 1000} s after it clears` : ''}.
            </li>
          ))}
        </ul>
      </details>
      <details>
        <summary>Notifications sent ({alerts.notifications.length})</summary>
        <p className="muted">One when an alert starts firing; the same alert waits out a cooldown before it notifies again, and a silenced one does not.</p>
        <ol reversed>
          {newestFirst(alerts.notifications, 20).map((notification, index) => (
            <li key={`${notification.key}-${notification.at}-${index}`}>
              {clockTime(notification.at)} {notification.name} {labelText(notification.key)} ({notification.severity})
            </li>
          ))}
        </ol>
      </details>
      <details>
        <summary>History ({alerts.history.length})</summary>
        <ol reversed>
          {newestFirst(alerts.history, 30).map((transition, index) => (
            <li key={`${transition.key}-${transition.at}-${index}`}>
              {clockTime(transition.at)} {transition.name} {labelText(transition.key)}: {transition.from} → {transition.to}
            </li>
          ))}
        </ol>
      </details>
    </WidgetFrame>
  );
}

function AlertRow({
  instance,
  silence,
  author,
  onSilence,
}: {
  instance: AlertInstance;
  silence: Silence | undefined;
  author?: string;
  onSilence?: AlertRulesPanelProps['onSilence'];
}) {
  const [asked, setAsked] = useState(false);
  const state = silence && instance.state === 'firing' ? 'silenced' : instance.state;
  const service = instance.labels.service ?? '';
  const target = [service, instance.labels.agent].filter(Boolean).join(' / ');
  return (
    <li className={`alert-rule alert-rule--${state}`} aria-label={`${instance.name} ${target}: ${state}`}>
      <p className="alert-rule__title">
        <span className={`badge badge--${instance.state === 'firing' ? instance.severity : instance.state}`}>{state}</span> <strong>{instance.name}</strong>{' '}
        {target}{' '}
        <span className="muted">
          ({instance.severity}, value {String(instance.value)})
        </span>
      </p>
      <p className="muted">
        {instance.state === 'pending' && `Pending since ${clockTime(instance.activeAt)}.`}
        {instance.state === 'firing' &&
          `Firing since ${clockTime(instance.firedAt ?? instance.activeAt)}${instance.keepFiringSince ? `; condition clear since ${clockTime(instance.keepFiringSince)}, kept firing` : ''}.`}
        {instance.state === 'resolved' && `Resolved at ${clockTime(instance.resolvedAt ?? 0)}.`}
        {silence && ` Silenced by ${silence.author} until ${clockTime(silence.expiresAt)}.`}
      </p>
      {onSilence && author && instance.state !== 'resolved' && !silence && (
        <button
          type="button"
          className="link-button"
          disabled={asked}
          onClick={() => {
            setAsked(true);
            onSilence({ alertname: instance.name, service }, author, 'Silenced from the console', SILENCE_MS);
          }}
        >
          Silence for 1 hour
        </button>
      )}
    </li>
  );
}

function labelText(key: string): string {
  return key.slice(key.indexOf('{'));
}

/** The last `count` entries of a log kept oldest first, newest first. */
function newestFirst<T>(log: readonly T[], count: number): T[] {
  return log.slice(-count).reverse();
}
