import { useState, type ReactNode } from 'react';
import { z } from 'zod';
import { ErrorBoundary } from '../ui/ErrorBoundary';
import { usePersisted } from '../storage/use-persisted';
import { AlertsPanel } from '../widgets/panels/AlertsPanel';
import { MetricsPanel } from '../widgets/panels/MetricsPanel';
import type { PanelProps } from '../widgets/panels/panel-props';
import { ProjectStatusPanel } from '../widgets/panels/ProjectStatusPanel';
import { TasksPanel } from '../widgets/panels/TasksPanel';

type WidgetId = 'tasks' | 'project-status' | 'metrics' | 'alerts';
interface Layout {
  widgets: WidgetId[];
}
/** A saved layout may name widgets this version does not have (a newer tab wrote it): they are skipped. */
const layoutSchema = z.object({ widgets: z.array(z.string()) }).transform((layout): Layout => ({ widgets: layout.widgets.filter(isWidgetId) }));

const WIDGETS: Record<WidgetId, { title: string; Component: (props: PanelProps) => ReactNode }> = {
  tasks: { title: 'Tasks', Component: TasksPanel },
  'project-status': { title: 'Project status', Component: ProjectStatusPanel },
  metrics: { title: 'Metrics', Component: MetricsPanel },
  alerts: { title: 'Alerts', Component: AlertsPanel },
};
const DEFAULT_LAYOUT: Layout = { widgets: ['tasks', 'project-status', 'metrics', 'alerts'] };

function isWidgetId(id: string): id is WidgetId {
  return Object.hasOwn(WIDGETS, id);
}

export function DashboardPage() {
  const layout = usePersisted<Layout>('layout', 'dashboard', DEFAULT_LAYOUT, layoutSchema as z.ZodType<Layout>);
  const shown = layout.value.widgets;
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
      {layout.lastSave?.warning && (
        <p role="status" className="notice">
          {layout.lastSave.warning}
        </p>
      )}
      {hidden.length > 0 && (
        <div className="add-widget">
          <label htmlFor="add-widget">Add a widget</label>
          <select id="add-widget" value={toAdd} onChange={(event) => setToAdd(event.target.value as WidgetId | '')}>
            <option value="">Choose…</option>
            {hidden.map((id) => (
              <option key={id} value={id}>
                {WIDGETS[id].title}
              </option>
            ))}
          </select>
          <button type="button" onClick={add} disabled={!toAdd}>
            Add widget
          </button>
        </div>
      )}
      {layout.ready && (
        <div className="dashboard-grid">
          {shown.map((id, index) => {
            const { Component, title } = WIDGETS[id];
            // A saved layout may hold a widget more than once (a larger dashboard, or one a newer
            // version wrote): each copy is its own instance, and Remove takes away only that one.
            const instance = shown.slice(0, index).filter((other) => other === id).length;
            const remove = () => layout.update({ widgets: shown.filter((_, position) => position !== index) });
            // One widget that throws shows its own error; the rest of the dashboard keeps working.
            return (
              <ErrorBoundary key={`${id}#${instance}`} what={`The ${title} widget`}>
                <Component onRemove={remove} />
              </ErrorBoundary>
            );
          })}
        </div>
      )}
    </>
  );
}
