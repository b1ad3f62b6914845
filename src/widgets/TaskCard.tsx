import type { Task } from '../api/contract';
import { clip, NAME_CHARS, TEXT_PREVIEW_CHARS } from './agent-text';
import { ProgressIndicator } from './ProgressIndicator';

interface TaskCardProps {
  task: Task;
  onStart?: (taskId: string) => void;
  onRetry?: (taskId: string) => void;
}

const STATUS_LABEL: Record<Task['status'], string> = { pending: 'Pending', active: 'Running', completed: 'Completed', error: 'Failed' };

export function TaskCard({ task, onStart, onRetry }: TaskCardProps) {
  const name = clip(task.title, NAME_CHARS);
  return (
    <article className="card task-card" aria-labelledby={`${task.id}-title`} data-status={task.status}>
      <header className="card__header">
        <h3 id={`${task.id}-title`} className="card__title">{name}</h3>
        <span data-testid="status" className={`badge badge--${task.status}`}>{STATUS_LABEL[task.status]}</span>
      </header>
      <p className="muted">Agent {task.agent}</p>
      {task.status !== 'pending' && (
        <ProgressIndicator label={`${name} progress`} value={task.progress} error={task.status === 'error' ? clip(task.error ?? 'Unknown error', NAME_CHARS) : undefined} />
      )}
      {task.status === 'error' && <p role="alert" className="error-text">{clip(task.error ?? 'The task failed.', TEXT_PREVIEW_CHARS)}</p>}
      <div className="card__actions">
        {task.status === 'pending' && onStart && <button type="button" onClick={() => onStart(task.id)}>Start {name}</button>}
        {task.status === 'error' && onRetry && <button type="button" onClick={() => onRetry(task.id)}>Retry {name}</button>}
      </div>
    </article>
  );
}
