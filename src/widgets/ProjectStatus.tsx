import type { ProjectStatus as ProjectStatusData } from '../api/contract';
import { NAME_CHARS, shownText } from '../ui/agent-text';
import { AgentText } from '../ui/AgentText';

const STATE_LABEL: Record<ProjectStatusData['state'], string> = { healthy: 'Healthy', warning: 'Needs attention', critical: 'Critical' };

export function ProjectStatus({ status }: { status: ProjectStatusData }) {
  return (
    <div className="project-status" data-state={status.state}>
      <p className="project-status__name">{shownText(status.name, NAME_CHARS)}</p>
      <p>
        <span className={`badge badge--${status.state}`}>{STATE_LABEL[status.state]}</span>
      </p>
      <AgentText text={status.summary} label="project summary" />
      <p className="muted">{status.openTasks.toLocaleString('en-US')} open tasks</p>
    </div>
  );
}
