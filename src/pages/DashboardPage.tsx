import { useState, type ReactNode } from 'react';
import { usePersisted } from '../storage/use-persisted';
import { AlertsPanel } from '../widgets/panels/AlertsPanel';
import { MetricsPanel } from '../widgets/panels/MetricsPanel';
import type { PanelProps } from '../widgets/panels/panel-props';
import { ProjectStatusPanel } from '../widgets/panels/ProjectStatusPanel';
import { TasksPanel } from '../widgets/panels/TasksPanel';

type WidgetId = 'tasks' | 'project-status' | 'metrics' | 'alerts';
interface Layout { widgets: WidgetId[] }

const WIDGETS: Record<WidgetId, { title: string; Component: (props: PanelProps) => ReactNode }> = {
  tasks: { title: 'Tasks', Component: TasksPanel },
  'project-status': { title: 'Project status', Component: ProjectStatusPanel },
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
