import type { ServiceHealth } from '../api/contract';
import { NAME_CHARS, shownText, TEXT_PREVIEW_CHARS } from '../ui/agent-text';
import { formatDuration, formatQuantity } from '../ui/quantity';

const STATUS_LABEL: Record<ServiceHealth['status'], string> = { healthy: 'Healthy', degraded: 'Degraded', unhealthy: 'Unhealthy' };

const uptime = (seconds: number) => formatDuration(seconds * 1_000, { smallest: 'min' });
const percent = (value: number) => `${formatQuantity(value)}%`;

/** One service's health report: state, the dependencies that are not healthy, system load, queue and connections. */
export function ServiceHealthCard({ health }: { health: ServiceHealth }) {
  const failing = health.dependencies.filter((dependency) => dependency.status !== 'healthy');
  const facts = [
    ['CPU', percent(health.system.cpuPercent)],
    ['Memory', percent(health.system.memoryPercent)],
    ['Disk', percent(health.system.diskPercent)],
    ['Queue', formatQuantity(health.queueDepth)],
    ['Connections', formatQuantity(health.activeConnections)],
  ] as const;
  return (
    <div className="health-card" data-status={health.status}>
      <p className="health-card__state">
        <span className={`badge badge--${health.status}`} data-testid="health-status">
          {STATUS_LABEL[health.status]}
        </span>
        <span className="muted">
          {' '}
          v{shownText(health.version, NAME_CHARS)} · up {uptime(health.uptimeSeconds)} · check {formatDuration(health.latencyMs)}
        </span>
      </p>
      <dl className="health-card__facts">
        {facts.map(([term, value]) => (
          <div key={term}>
            <dt>{term}</dt>
            <dd>{value}</dd>
          </div>
        ))}
      </dl>
      {failing.length > 0 ? (
        <>
          <h3 className="approval-card__label">Failing dependencies</h3>
          <ul>
            {failing.map((dependency) => (
              <li key={dependency.name}>
                {shownText(dependency.name, NAME_CHARS)}: {STATUS_LABEL[dependency.status]}
                {dependency.latencyMs === undefined ? '' : ` (${formatDuration(dependency.latencyMs)})`}
              </li>
            ))}
          </ul>
        </>
      ) : (
        <p className="muted">
          All {health.dependencies.length} dependencies healthy ({shownText(health.dependencies.map((d) => d.name).join(', '), TEXT_PREVIEW_CHARS)}).
        </p>
      )}
    </div>
  );
}
