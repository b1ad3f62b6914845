import { useEffect, useState } from 'react';
import { api } from '../../api/endpoints';
import { withAction } from '../../telemetry/tracing';
import { describeError } from '../../api/errors';
import { useResource } from '../../api/use-resource';
import { useAuth } from '../../session/auth';
import { LiveStatusNotice } from '../../streaming/LiveStatusNotice';
import { useTaskProgress } from '../../streaming/use-task-progress';
import { TaskCard } from '../TaskCard';
import { UnreadableRecords } from '../../ui/UnreadableRecords';
import { WidgetFrame } from '../../ui/WidgetFrame';
import type { PanelProps } from './panel-props';

/** The running agents: the task list, moved live by the tab's one live connection. */
export function TasksPanel({ onRemove }: PanelProps) {
  const { session } = useAuth();
  const canStart = session?.user.role === 'reviewer';
  const resource = useResource(api.tasks);
  const { tasks, follow, markStarted } = useTaskProgress(resource.data?.items);
  const [startError, setStartError] = useState<string | undefined>();

  useEffect(() => {
    follow((resource.data?.items ?? []).filter((task) => task.status === 'active').map((task) => task.id));
  }, [resource.data, follow]);

  const start = async (taskId: string) => {
    setStartError(undefined);
    try {
      markStarted(await withAction('start task', (action) => api.startTask(taskId, action), { 'task.id': taskId }));
      follow([taskId]);
    } catch (error) {
      setStartError(`Could not start the task: ${describeError(error)}`);
    }
  };

  const unreadable = resource.data?.unreadable ?? [];
  return (
    <WidgetFrame title="Tasks" status={resource.status} error={resource.error} onRetry={resource.reload} onRemove={onRemove}>
      <LiveStatusNotice />
      {startError && (
        <p role="alert" className="error-text">
          {startError}
        </p>
      )}
      {tasks.length === 0 && unreadable.length === 0 ? (
        <p className="muted">No tasks yet.</p>
      ) : (
        <div className="stack">
          {tasks.map((task) => (
            <TaskCard key={task.id} task={task} {...(canStart ? { onStart: (id: string) => void start(id), onRetry: (id: string) => void start(id) } : {})} />
          ))}
          <UnreadableRecords records={unreadable} noun="task" />
        </div>
      )}
    </WidgetFrame>
  );
}
