import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { createAlert } from '../fixtures/factories';
import { AlertWidget } from '../src/widgets/AlertWidget';

const meta = {
  title: 'Widgets/AlertWidget',
  component: AlertWidget,
  args: { alerts: [createAlert({ id: 'alert-001' })], onDismiss: fn() },
} satisfies Meta<typeof AlertWidget>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Info: Story = {
  args: { alerts: [createAlert({ id: 'alert-info', severity: 'info', title: 'Deploy finished', message: 'agent-runner 4.2.0 is live.' })] },
};
export const Warning: Story = {
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Dismiss alert: Queue latency rising' }));
    await expect(args.onDismiss).toHaveBeenCalledWith('alert-001');
  },
};
export const Errored: Story = {
  args: { alerts: [createAlert({ id: 'alert-error', severity: 'error', title: 'Agent crashed', message: 'cobalt exited with code 137 (out of memory).' })] },
};
const SEVEN_ALERTS = Array.from({ length: 7 }, (_, index) =>
  createAlert({ id: `alert-${index}`, title: `Alert number ${index + 1}`, severity: index % 2 ? 'info' : 'warning' }),
);
export const ManyCollapsed: Story = {
  args: { alerts: SEVEN_ALERTS },
  play: async ({ canvas }) => {
    await expect(canvas.getAllByRole('listitem')).toHaveLength(3);
    await expect(canvas.getByRole('button', { name: 'Show 4 more alerts' })).toHaveAttribute('aria-expanded', 'false');
  },
};
export const ManyExpanded: Story = {
  args: { alerts: SEVEN_ALERTS },
  play: async ({ canvas, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Show 4 more alerts' }));
    await expect(canvas.getAllByRole('listitem')).toHaveLength(7);
  },
};
export const Empty: Story = { args: { alerts: [] } };
