import { useCallback, useEffect, useState, type ReactNode } from 'react';
import { api } from '../api/endpoints';
import { describeError } from '../api/errors';
import { useResource } from '../api/use-resource';
import { usePersisted } from '../storage/use-persisted';
import { streamNotice, useTaskProgress } from '../streaming/use-task-progress';
import { AlertWidget } from '../widgets/AlertWidget';
import { MetricsWidget } from '../widgets/MetricsWidget';
import { ProjectStatus } from '../widgets/ProjectStatus';
import { TaskCard } from '../widgets/TaskCard';
import { WidgetFrame } from '../widgets/WidgetFrame';

type WidgetId = 'tasks' | 'project-status' | 'metrics' | 'alerts';
interface Layout { widgets: WidgetId[] }

const WIDGETS: Record<WidgetId, { title: string; Component: (props: { onRemove: () => void }) => ReactNode }> = {
  tasks: { title: 'Tasks', Component: TasksWidget },
  'project-status': { title: 'Project status', Component: ProjectStatusWidget },
  metrics: { title: 'Metrics', Component: MetricsPanel },
  alerts: { title: 'Alerts', Component: AlertsPanel },
};
const DEFAULT_LAYOUT: Layout = { widgets: ['tasks', 'project-status', 'metrics', 'alerts'] };

export function DashboardPage() {
  const layout = usePersisted<Layout>('layout', 'dashboard', DEFAULT_LAYOUT);
  const shown = layout.value.widgets.filter((id) => id in WIDGETS);
  const hidden = (Object.keys(WIDGETS) as WidgetId[]).filter((id) => !shown.includes(id));
  const [toAdd, setToAdd] = useState<WidgetId | ''>('');
  const add = () => {
    if (!toAdd) return;
    layout.update({ widgets: [...shown, toAdd] });
    setToAdd('');
  };
  return (
    <>
      <h1>Dashboard</h1>
      {layout.lastSave?.warning && <p role="status" className="notice">{layout.lastSave.warning}</p>}
      {hidden.length > 0 && (
        <div className="add-widget">
          <label htmlFor="add-widget">Add a widget</label>
          <select id="add-widget" value={toAdd} onChange={(event) => setToAdd(event.target.value as WidgetId | '')}>
            <option value="">Choose…</option>
            {hidden.map((id) => <option key={id} value={id}>{WIDGETS[id].title}</option>)}
          </select>
          <button type="button" onClick={add} disabled={!toAdd}>Add widget</button>
        </div>
      )}
      {layout.ready && (
        <div className="dashboard-grid">
          {shown.map((id) => {
            const { Component } = WIDGETS[id];
            return <Component key={id} onRemove={() => layout.update({ widgets: shown.filter((other) => other !== id) })} />;
          })}
        </div>
      )}
    </>
  );
}

function TasksWidget({ onRemove }: { onRemove: () => void }) {
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

function ProjectStatusWidget({ onRemove }: { onRemove: () => void }) {
  const resource = useResource(useCallback((signal: AbortSignal) => api.projectStatus(signal), []));
  return (
    <WidgetFrame title="Project status" status={resource.status} error={resource.error} onRetry={resource.reload} onRemove={onRemove}>
      {resource.data && <ProjectStatus status={resource.data} />}
    </WidgetFrame>
  );
}

function MetricsPanel({ onRemove }: { onRemove: () => void }) {
  const resource = useResource(useCallback((signal: AbortSignal) => api.metrics(signal).then((body) => body.metrics), []));
  return (
    <WidgetFrame title="Metrics" status={resource.status} error={resource.error} onRetry={resource.reload} onRemove={onRemove}>
      {resource.data?.length === 0 && <p className="muted">No metrics yet.</p>}
      <div className="metrics-row">{resource.data?.map((metric) => <MetricsWidget key={metric.name} metric={metric} />)}</div>
    </WidgetFrame>
  );
}

function AlertsPanel({ onRemove }: { onRemove: () => void }) {
  const resource = useResource(useCallback((signal: AbortSignal) => api.alerts(signal).then((body) => body.alerts), []));
  const dismissed = usePersisted<string[]>('widget-settings', 'dismissed-alerts', []);
  return (
    <WidgetFrame title="Alerts" status={resource.status} error={resource.error} onRetry={resource.reload} onRemove={onRemove}>
      {resource.data && <AlertWidget alerts={resource.data.filter((alert) => !dismissed.value.includes(alert.id))} onDismiss={(id) => dismissed.update([...dismissed.value, id])} />}
    </WidgetFrame>
  );
}
