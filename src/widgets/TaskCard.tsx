import type { Task } from '../api/contract';
import { shownText, NAME_CHARS, TEXT_PREVIEW_CHARS } from '../ui/agent-text';
import { HiddenCharactersWarning } from '../ui/HiddenCharactersWarning';
import { ProgressIndicator } from './ProgressIndicator';

interface TaskCardProps {
  task: Task;
  onStart?: (taskId: string) => void;
  onRetry?: (taskId: string) => void;
}

const STATUS_LABEL: Record<Task['status'], string> = { pending: 'Pending', active: 'Running', completed: 'Completed', error: 'Failed' };

export function TaskCard({ task, onStart, onRetry }: TaskCardProps) {
  const name = shownText(task.title, NAME_CHARS);
  return (
    <article className="card task-card" aria-labelledby={`${task.id}-title`} data-status={task.status}>
      <header className="card__header">
        <h3 id={`${task.id}-title`} className="card__title">
          {name}
        </h3>
        <span data-testid="status" className={`badge badge--${task.status}`}>
          {STATUS_LABEL[task.status]}
        </span>
      </header>
      <p className="muted">Agent {shownText(task.agent, NAME_CHARS)}</p>
      <HiddenCharactersWarning texts={[task.title, task.agent, task.error ?? '']} what="task" />
      {task.status !== 'pending' && (
        <ProgressIndicator
          label={`${name} progress`}
          value={task.progress}
          error={task.status === 'error' ? shownText(task.error ?? 'Unknown error', NAME_CHARS) : undefined}
        />
      )}
      {task.status === 'error' && (
        <p role="alert" className="error-text">
          {shownText(task.error ?? 'The task failed.', TEXT_PREVIEW_CHARS)}
        </p>
      )}
      <div className="card__actions">
        {/* The card's heading names the task: the visible label is the verb alone, so no name of any length can widen or break it. */}
        {task.status === 'pending' && onStart && (
          <button type="button" aria-label={`Start ${name}`} onClick={() => onStart(task.id)}>
            Start
          </button>
        )}
        {task.status === 'error' && onRetry && (
          <button type="button" aria-label={`Retry ${name}`} onClick={() => onRetry(task.id)}>
            Retry
          </button>
        )}
      </div>
    </article>
  );
}
