import { useState, type ReactNode } from 'react';
import { describeError } from '../api/errors';
import { NAME_CHARS, shownText, TEXT_PREVIEW_CHARS } from '../ui/agent-text';
import { clockTime } from '../ui/clock-time';
import { WidgetFrame } from '../ui/WidgetFrame';
import type { AlertGroup } from './alertmanager/client';
import type { AlertmanagerAlert, AlertmanagerSilence } from './alertmanager/schemas';
import type { AlertingView, SourceState } from './monitor/service-monitor';
import type { RuleState } from './prometheus/client';

interface MonitoringAlertsPanelProps {
  alerting: AlertingView;
  /** Who creates silences from here: the signed-in reviewer; undefined for a viewer (read only). */
  author?: string;
  onSilence?: (matchers: Record<string, string>, author: string, comment: string) => Promise<void>;
  onExpireSilence?: (id: string) => Promise<void>;
  onRetry?: () => void;
}

const RULE_ORDER = { firing: 0, pending: 1, inactive: 2 } as const;

/** `{service="media-engine", agent="transcoder"}` without the labels every alert of the rule shares. */
function labelText(labels: Record<string, string>, leaveOut: readonly string[] = ['alertname', 'severity', 'team']): string {
  const shown = Object.entries(labels).filter(([name]) => !leaveOut.includes(name));
  return shown.length === 0 ? '' : shownText(shown.map(([name, value]) => `${name}="${value}"`).join(', '), TEXT_PREVIEW_CHARS);
}

/**
 * Alerts as the monitoring system holds them: the rules' states as Prometheus evaluates them, the
 * groups Alertmanager made of the firing ones (each alert active, silenced or inhibited) and its
 * silences, which a reviewer creates and expires here for everyone.
 */
export function MonitoringAlertsPanel({ alerting, author, onSilence, onExpireSilence, onRetry }: MonitoringAlertsPanelProps) {
  const { rules, groups, silences } = alerting;
  const silenceList = silences?.data ?? [];
  // Each source is its own section: Prometheus failing leaves Alertmanager's groups and silences shown.
  const loading = [rules, groups, silences].every((source) => source === undefined || source.status === 'loading');
  return (
    <WidgetFrame title="Alert rules" status={loading ? 'loading' : 'loaded'} onRetry={onRetry}>
      <p className="muted">
        Evaluated by Prometheus{groups ? '; grouped and silenced in Alertmanager, the same for everyone' : ''}
        {rules.lastGoodAt === undefined ? '' : `; read at ${clockTime(rules.lastGoodAt)}`}.
      </p>
      <SourceSection title="Rules" source={rules}>
        {(list) => <RuleList rules={list} />}
      </SourceSection>
      {groups && (
        <SourceSection title="Alertmanager groups" source={groups}>
          {(list) => <GroupList groups={list} silences={silenceList} author={author} onSilence={onSilence} />}
        </SourceSection>
      )}
      {silences && (
        <SourceSection title="Silences" source={silences}>
          {(list) => <SilenceList silences={list} canExpire={author !== undefined} onExpire={onExpireSilence} />}
        </SourceSection>
      )}
    </WidgetFrame>
  );
}

function SourceSection<T>({ title, source, children }: { title: string; source: SourceState<T>; children: (data: T) => ReactNode }) {
  return (
    <section aria-label={title}>
      <h3 className="approval-card__label">{title}</h3>
      {source.error && (
        <p className="notice" role="note">
          {source.status === 'stale' && source.lastGoodAt !== undefined ? `Shown as read at ${clockTime(source.lastGoodAt)}: ` : ''}
          {source.error}
        </p>
      )}
      {source.status === 'loading' && <p className="muted">Loading…</p>}
      {source.data !== undefined && children(source.data)}
    </section>
  );
}

function RuleList({ rules }: { rules: readonly RuleState[] }) {
  const sorted = [...rules].sort((a, b) => RULE_ORDER[a.state] - RULE_ORDER[b.state] || a.name.localeCompare(b.name));
  if (sorted.length === 0) return <p className="muted">Prometheus has no alerting rules loaded.</p>;
  return (
    <ul className="alert-rules__list" aria-label="Rule states">
      {sorted.map((rule) => (
        <li key={`${rule.group}/${rule.name}`} className={`alert-rule alert-rule--${rule.state}`} aria-label={`${rule.name}: ${rule.state}`}>
          <p className="alert-rule__title">
            <span className={`badge badge--${rule.state === 'firing' ? (rule.labels.severity ?? 'warning') : rule.state}`}>{rule.state}</span>{' '}
            <strong>{shownText(rule.name, NAME_CHARS)}</strong>{' '}
            <span className="muted">
              ({rule.labels.severity ?? 'no severity'}, for {rule.duration} s{rule.keepFiringFor ? `, keeps firing ${rule.keepFiringFor} s` : ''})
            </span>
          </p>
          {rule.annotations.summary && <p className="muted">{shownText(rule.annotations.summary, TEXT_PREVIEW_CHARS)}</p>}
          {rule.health === 'err' && (
            <p className="notice" role="note">
              Prometheus cannot evaluate this rule: {shownText(rule.lastError ?? 'no reason given', TEXT_PREVIEW_CHARS)}
            </p>
          )}
          {rule.alerts.length > 0 && (
            <ul>
              {rule.alerts.map((alert) => (
                <li key={JSON.stringify(alert.labels)}>
                  {alert.state} since {clockTime(stateSince(alert.state, Date.parse(alert.activeAt), rule.duration))}: {labelText(alert.labels)} (value{' '}
                  {sampleValue(alert.value)})
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

const significant = new Intl.NumberFormat('en-US', { maximumSignificantDigits: 3 });

/** Prometheus writes values as Go floats (`4.2004450468003374e-01`): shown to three significant digits (0.42), anything else as sent. */
function sampleValue(value: string): string {
  const number = Number(value);
  return value.trim() !== '' && Number.isFinite(number) ? significant.format(number) : shownText(value, NAME_CHARS);
}

/**
 * When an alert entered its state. Prometheus reports `activeAt`, when the condition began to hold
 * (pending); it fires at its first evaluation once the condition has held for `for`, so "firing
 * since" is `activeAt + for`, to within one evaluation interval.
 */
function stateSince(state: 'pending' | 'firing', activeAt: number, forSeconds: number): number {
  return state === 'firing' ? activeAt + forSeconds * 1000 : activeAt;
}

function alertState(alert: AlertmanagerAlert): 'silenced' | 'inhibited' | 'active' | 'unprocessed' {
  if (alert.status.silencedBy.length > 0) return 'silenced';
  if (alert.status.inhibitedBy.length > 0) return 'inhibited';
  return alert.status.state === 'unprocessed' ? 'unprocessed' : 'active';
}

function GroupList({
  groups,
  silences,
  author,
  onSilence,
}: {
  groups: readonly AlertGroup[];
  silences: readonly AlertmanagerSilence[];
  author?: string;
  onSilence?: MonitoringAlertsPanelProps['onSilence'];
}) {
  const withAlerts = groups.filter((group) => group.alerts.length > 0);
  if (withAlerts.length === 0) return <p className="muted">No alerts in Alertmanager.</p>;
  const byFingerprint = new Map(withAlerts.flatMap((group) => group.alerts.map((alert) => [alert.fingerprint, alert] as const)));
  return (
    <ul className="alert-rules__list" aria-label="Alert groups">
      {withAlerts.map((group) => (
        <li key={JSON.stringify(group.labels)} aria-label={`group ${labelText(group.labels, [])}`}>
          <p className="alert-rule__title">
            <strong>{labelText(group.labels, [])}</strong> <span className="muted">to {shownText(group.receiver, NAME_CHARS)}</span>
          </p>
          <ul>
            {group.alerts.map((alert) => (
              <GroupAlert key={alert.fingerprint} alert={alert} silences={silences} byFingerprint={byFingerprint} author={author} onSilence={onSilence} />
            ))}
          </ul>
        </li>
      ))}
    </ul>
  );
}

function GroupAlert({
  alert,
  silences,
  byFingerprint,
  author,
  onSilence,
}: {
  alert: AlertmanagerAlert;
  silences: readonly AlertmanagerSilence[];
  byFingerprint: ReadonlyMap<string, AlertmanagerAlert>;
  author?: string;
  onSilence?: MonitoringAlertsPanelProps['onSilence'];
}) {
  const [asked, setAsked] = useState(false);
  const [problem, setProblem] = useState<string>();
  const state = alertState(alert);
  const name = alert.labels.alertname ?? 'alert';
  const silence = silences.find((candidate) => alert.status.silencedBy.includes(candidate.id));
  const inhibitors = alert.status.inhibitedBy.map((fingerprint) => byFingerprint.get(fingerprint)?.labels.alertname ?? `alert ${fingerprint}`);
  const matchers = Object.fromEntries(Object.entries(alert.labels).filter(([label]) => label === 'alertname' || label === 'service'));
  return (
    <li aria-label={`${name} ${alert.labels.service ?? ''}: ${state}`.trim()}>
      <span className={`badge badge--${state === 'active' ? (alert.labels.severity ?? 'warning') : 'resolved'}`}>{state}</span> {shownText(name, NAME_CHARS)}{' '}
      {labelText(alert.labels)} <span className="muted">since {clockTime(Date.parse(alert.startsAt))}</span>
      {silence && (
        <span className="muted">
          {' '}
          Silenced by {shownText(silence.createdBy, NAME_CHARS)} until {clockTime(Date.parse(silence.endsAt))}
          {silence.comment ? `: ${shownText(silence.comment, TEXT_PREVIEW_CHARS)}` : ''}.
        </span>
      )}
      {inhibitors.length > 0 && <span className="muted"> Held back by {shownText(inhibitors.join(', '), TEXT_PREVIEW_CHARS)}.</span>}
      {onSilence && author && state === 'active' && (
        <button
          type="button"
          className="link-button"
          disabled={asked}
          onClick={() => {
            setAsked(true);
            setProblem(undefined);
            onSilence(matchers, author, 'Silenced from the console').catch((error: unknown) => {
              setAsked(false);
              setProblem(describeError(error));
            });
          }}
        >
          Silence for 1 hour
        </button>
      )}
      {problem && (
        <p className="notice" role="alert">
          The silence was not created: {problem}
        </p>
      )}
    </li>
  );
}

function SilenceList({
  silences,
  canExpire,
  onExpire,
}: {
  silences: readonly AlertmanagerSilence[];
  canExpire: boolean;
  onExpire?: (id: string) => Promise<void>;
}) {
  const current = silences.filter((silence) => silence.status.state !== 'expired');
  if (current.length === 0) return <p className="muted">No active silences.</p>;
  return (
    <ul aria-label="Silences">
      {current.map((silence) => (
        <SilenceRow key={silence.id} silence={silence} canExpire={canExpire} onExpire={onExpire} />
      ))}
    </ul>
  );
}

function SilenceRow({ silence, canExpire, onExpire }: { silence: AlertmanagerSilence; canExpire: boolean; onExpire?: (id: string) => Promise<void> }) {
  const [problem, setProblem] = useState<string>();
  const matchers = silence.matchers.map((m) => `${m.name}${m.isEqual === false ? '!' : ''}${m.isRegex ? '~' : '='}"${m.value}"`).join(', ');
  return (
    <li>
      {shownText(matchers, TEXT_PREVIEW_CHARS)} by {shownText(silence.createdBy, NAME_CHARS)} until {clockTime(Date.parse(silence.endsAt))}
      {silence.status.state === 'pending' ? ` (starts ${clockTime(Date.parse(silence.startsAt))})` : ''}
      {silence.comment ? `: ${shownText(silence.comment, TEXT_PREVIEW_CHARS)}` : ''}
      {canExpire && onExpire && (
        <button type="button" className="link-button" onClick={() => onExpire(silence.id).catch((error: unknown) => setProblem(describeError(error)))}>
          Expire silence
        </button>
      )}
      {problem && (
        <p className="notice" role="alert">
          The silence was not expired: {problem}
        </p>
      )}
    </li>
  );
}
