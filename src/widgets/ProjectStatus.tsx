import type { ProjectStatus as ProjectStatusData } from '../api/contract';

const STATE_LABEL: Record<ProjectStatusData['state'], string> = { healthy: 'Healthy', warning: 'Needs attention', critical: 'Critical' };

export function ProjectStatus({ status }: { status: ProjectStatusData }) {
  return (
    <div className="project-status" data-state={status.state}>
      <p className="project-status__name">{status.name}</p>
      <p><span className={`badge badge--${status.state}`}>{STATE_LABEL[status.state]}</span></p>
      <p>{status.summary}</p>
      <p className="muted">{status.openTasks.toLocaleString('en-US')} open tasks</p>
    </div>
  );
}
