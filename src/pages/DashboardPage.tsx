import { useCallback, useEffect } from 'react';
import { api } from '../api/endpoints';
import { describeError } from '../api/errors';
import { useResource } from '../api/use-resource';
import { streamNotice, useTaskProgress } from '../streaming/use-task-progress';
import { AlertWidget } from '../widgets/AlertWidget';
import { MetricsWidget } from '../widgets/MetricsWidget';
import { ProjectStatus } from '../widgets/ProjectStatus';
import { TaskCard } from '../widgets/TaskCard';
import { WidgetFrame } from '../widgets/WidgetFrame';

export function DashboardPage() {
  return (
    <>
      <h1>Dashboard</h1>
      <div className="dashboard-grid">
        <TasksWidget />
        <ProjectStatusWidget />
        <MetricsPanel />
        <AlertsPanel />
      </div>
    </>
  );
}

function TasksWidget() {
  const resource = useResource(useCallback((signal: AbortSignal) => api.tasks(signal).then((body) => body.tasks), []));
  const { tasks, streams, follow, markStarted } = useTaskProgress(resource.data);

  useEffect(() => {
    for (const task of resource.data ?? []) if (task.status === 'active') follow(task.id);
  }, [resource.data, follow]);

  const start = async (taskId: string) => {
    try {
      markStarted(await api.startTask(taskId));
      follow(taskId);
    } catch (error) {
      console.warn(`Could not start ${taskId}: ${describeError(error)}`);
    }
  };

  return (
    <WidgetFrame title="Tasks" status={resource.status} error={resource.error} onRetry={resource.reload}>
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

function ProjectStatusWidget() {
  const resource = useResource(useCallback((signal: AbortSignal) => api.projectStatus(signal), []));
  return (
    <WidgetFrame title="Project status" status={resource.status} error={resource.error} onRetry={resource.reload}>
      {resource.data && <ProjectStatus status={resource.data} />}
    </WidgetFrame>
  );
}

function MetricsPanel() {
  const resource = useResource(useCallback((signal: AbortSignal) => api.metrics(signal).then((body) => body.metrics), []));
  return (
    <WidgetFrame title="Metrics" status={resource.status} error={resource.error} onRetry={resource.reload}>
      {resource.data?.length === 0 && <p className="muted">No metrics yet.</p>}
      <div className="metrics-row">{resource.data?.map((metric) => <MetricsWidget key={metric.name} metric={metric} />)}</div>
    </WidgetFrame>
  );
}

function AlertsPanel() {
  const resource = useResource(useCallback((signal: AbortSignal) => api.alerts(signal).then((body) => body.alerts), []));
  return (
    <WidgetFrame title="Alerts" status={resource.status} error={resource.error} onRetry={resource.reload}>
      {resource.data && <AlertWidget alerts={resource.data} />}
    </WidgetFrame>
  );
}
