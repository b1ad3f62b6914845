import { useState } from 'react';
import type { Alert } from '../api/contract';
import { shownText, NAME_CHARS } from '../ui/agent-text';
import { AgentText } from '../ui/AgentText';

interface AlertWidgetProps {
  alerts: Alert[];
  onDismiss?: (alertId: string) => void;
  /** How many alerts show before the rest collapse into a count. */
  visibleLimit?: number;
}

export function AlertWidget({ alerts, onDismiss, visibleLimit = 3 }: AlertWidgetProps) {
  const [expanded, setExpanded] = useState(false);
  if (alerts.length === 0) return <p className="muted">No alerts.</p>;
  const shown = expanded ? alerts : alerts.slice(0, visibleLimit);
  const hidden = alerts.length - shown.length;
  return (
    <div className="alerts">
      <ul className="alerts__list" aria-label="Alerts">
        {shown.map((alert) => (
          <li key={alert.id} className={`alert alert--${alert.severity}`}>
            <p className="alert__title">
              <span className="alert__severity">{alert.severity}</span> {shownText(alert.title, NAME_CHARS)}
            </p>
            <AgentText text={alert.message} className="alert__message" label="alert message" />
            {onDismiss && (
              <button
                type="button"
                className="link-button"
                onClick={() => onDismiss(alert.id)}
                aria-label={`Dismiss alert: ${shownText(alert.title, NAME_CHARS)}`}
              >
                Dismiss
              </button>
            )}
          </li>
        ))}
      </ul>
      {hidden > 0 && (
        <button type="button" className="link-button" aria-expanded={false} onClick={() => setExpanded(true)}>
          Show {hidden} more alerts
        </button>
      )}
      {expanded && alerts.length > visibleLimit && (
        <button type="button" className="link-button" aria-expanded onClick={() => setExpanded(false)}>
          Show fewer alerts
        </button>
      )}
    </div>
  );
}
