import { api } from '../../api/endpoints';
import { useResource } from '../../api/use-resource';
import { ProjectStatus } from '../ProjectStatus';
import { WidgetFrame } from '../../ui/WidgetFrame';
import { LIVE_REFRESH_MS, type PanelProps } from './panel-props';

/** A dashboard widget wired to the API: data through useResource, shown in a WidgetFrame. */
export function ProjectStatusPanel({ onRemove }: PanelProps) {
  const resource = useResource(api.projectStatus, { refreshEveryMs: LIVE_REFRESH_MS });
  return (
    <WidgetFrame title="Project status" status={resource.status} error={resource.error} onRetry={resource.reload} onRemove={onRemove}>
      {resource.data && <ProjectStatus status={resource.data} />}
    </WidgetFrame>
  );
}
