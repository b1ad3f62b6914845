import type { ServiceHealth } from '../api/contract';

const STATUS_LABEL: Record<ServiceHealth['status'], string> = { healthy: 'Healthy', degraded: 'Degraded', unhealthy: 'Unhealthy' };

function uptime(seconds: number): string {
  if (seconds < 3_600) return `${Math.floor(seconds / 60)} min`;
  if (seconds < 86_400) return `${Math.floor(seconds / 3_600)} h ${Math.floor((seconds % 3_600) / 60)} min`;
  return `${Math.floor(seconds / 86_400)} d ${Math.floor((seconds % 86_400) / 3_600)} h`;
}

/** One service's health report: state, the dependencies that are not healthy, system load, queue and connections. */
export function ServiceHealthCard({ health }: { health: ServiceHealth }) {
  const failing = health.dependencies.filter((dependency) => dependency.status !== 'healthy');
  return (
    <div className="health-card" data-status={health.status}>
      <p className="health-card__state">
        <span className={`badge badge--${health.status}`} data-testid="health-status">{STATUS_LABEL[health.status]}</span>
        <span className="muted"> v{health.version} · up {uptime(health.uptimeSeconds)} · check {health.latencyMs} ms</span>
      </p>
      <dl className="health-card__facts">
        <div><dt>CPU</dt><dd>{health.system.cpuPercent}%</dd></div>
        <div><dt>Memory</dt><dd>{health.system.memoryPercent}%</dd></div>
        <div><dt>Disk</dt><dd>{health.system.diskPercent}%</dd></div>
        <div><dt>Queue</dt><dd>{health.queueDepth}</dd></div>
        <div><dt>Connections</dt><dd>{health.activeConnections}</dd></div>
      </dl>
      {failing.length > 0 ? (
        <>
          <h3 className="approval-card__label">Failing dependencies</h3>
          <ul>{failing.map((dependency) => <li key={dependency.name}>{dependency.name}: {STATUS_LABEL[dependency.status]}{dependency.latencyMs === undefined ? '' : ` (${dependency.latencyMs} ms)`}</li>)}</ul>
        </>
      ) : (
        <p className="muted">All {health.dependencies.length} dependencies healthy ({health.dependencies.map((d) => d.name).join(', ')}).</p>
      )}
    </div>
  );
}
