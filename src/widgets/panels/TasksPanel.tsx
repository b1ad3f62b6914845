import { useCallback, useEffect } from 'react';
import { api } from '../../api/endpoints';
import { describeError } from '../../api/errors';
import { useResource } from '../../api/use-resource';
import { streamNotice, useTaskProgress } from '../../streaming/use-task-progress';
import { TaskCard } from '../TaskCard';
import { WidgetFrame } from '../WidgetFrame';
import type { PanelProps } from './panel-props';

/** A dashboard widget wired to the API: data through useResource, shown in a WidgetFrame. */
export function TasksPanel({ onRemove }: PanelProps) {
  const resource = useResource(useCallback((signal: AbortSignal) => api.tasks(signal).then((body) => body.tasks), []));
  const { tasks, streams, follow, markStarted } = useTaskProgress(resource.data);

  useEffect(() => {
    for (const task of resource.data ?? []) if (task.status === 'active') follow(task.id, true);
  }, [resource.data, follow]);

  const start = async (taskId: string) => {
    try {
      markStarted(await api.startTask(taskId));
      follow(taskId, false);
    } catch (error) {
      console.warn(`Could not start ${taskId}: ${describeError(error)}`);
    }
  };

  return (
    <WidgetFrame title="Tasks" status={resource.status} error={resource.error} onRetry={resource.reload} onRemove={onRemove}>
      {tasks.length === 0 ? <p className="muted">No tasks yet.</p> : (
        <div className="stack">
          {tasks.map((task) => (
            <TaskCard key={task.id} task={task} streamNotice={streamNotice(streams[task.id])} onStart={(id) => void start(id)} onRetry={(id) => void start(id)} />
          ))}
        </div>
      )}
    </WidgetFrame>
  );
}
