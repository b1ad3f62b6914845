import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { createTask } from '../fixtures/factories';
import { TaskCard } from '../src/widgets/TaskCard';

const meta = {
  title: 'Widgets/TaskCard',
  component: TaskCard,
  args: { task: createTask({ id: 'task-001', title: 'Summarise support tickets', agent: 'atlas' }), onStart: fn(), onRetry: fn() },
} satisfies Meta<typeof TaskCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Pending: Story = {
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Start Summarise support tickets' }));
    await expect(args.onStart).toHaveBeenCalledWith('task-001');
  },
};
export const Active: Story = { args: { task: { ...meta.args.task, status: 'active', progress: 45 } } };
export const Completed: Story = { args: { task: { ...meta.args.task, status: 'completed', progress: 100 } } };
export const Errored: Story = {
  args: { task: { ...meta.args.task, status: 'error', progress: 70, error: 'The ticket API answered 503 three times.' } },
  play: async ({ canvas, args, userEvent }) => {
    await expect(canvas.getByRole('alert')).toHaveTextContent('The ticket API answered 503 three times.');
    await userEvent.click(canvas.getByRole('button', { name: 'Retry Summarise support tickets' }));
    await expect(args.onRetry).toHaveBeenCalledWith('task-001');
  },
};
export const LongTitle: Story = {
  args: {
    task: {
      ...meta.args.task,
      status: 'active',
      progress: 12,
      title: 'Reconcile every invoice from the 2025 fiscal year against the ledger exports of all eleven subsidiaries, including the ones acquired mid-year',
    },
  },
};
