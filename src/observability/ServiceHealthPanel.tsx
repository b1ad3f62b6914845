import { WidgetFrame } from '../ui/WidgetFrame';
import type { ServiceView } from './monitor/service-monitor';
import { ServiceHealthCard } from './ServiceHealthCard';
import { frameStatus } from './source-status';

/** One service's health, as its own panel: its loading, error and stale states are its own. */
export function ServiceHealthPanel({ view, onRetry }: { view: ServiceView; onRetry?: () => void }) {
  const { health } = view;
  return (
    <WidgetFrame title={`${view.name} health`} status={frameStatus(health.status)} error={health.error} lastGoodAt={health.lastGoodAt} onRetry={onRetry}>
      {health.data && <ServiceHealthCard health={health.data} />}
    </WidgetFrame>
  );
}
