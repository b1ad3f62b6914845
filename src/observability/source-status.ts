import type { ResourceStatus } from '../api/use-resource';
import type { SourceState } from './monitor/service-monitor';

/** A monitored source's state in the terms the WidgetFrame shows. */
export function frameStatus(status: SourceState<unknown>['status']): ResourceStatus {
  return status === 'ok' ? 'loaded' : status;
}
