import type { ServiceHealth } from '../api/contract';

const STATUS_LABEL: Record<ServiceHealth['status'], string> = { healthy: 'Healthy', degraded: 'Degraded', unhealthy: 'Unhealthy' };

export function ServiceHealthCard({ health }: { health: ServiceHealth }) {
  const failing = health.dependencies.filter((dependency) => dependency.status !== 'healthy');
  return (
    <article className="card health-card" aria-label={`${health.service} health`} data-status={health.status}>
      <header className="card__header">
        <h3 className="card__title">{health.service}</h3>
        <span className={`badge badge--${health.status}`}>{STATUS_LABEL[health.status]}</span>
      </header>
      <p className="muted">Latency {health.latencyMs} ms</p>
      {failing.length > 0 && (
        <>
          <h4 className="approval-card__label">Failing dependencies</h4>
          <ul>{failing.map((dependency) => <li key={dependency.name}>{dependency.name}: {STATUS_LABEL[dependency.status]}</li>)}</ul>
        </>
      )}
    </article>
  );
}
