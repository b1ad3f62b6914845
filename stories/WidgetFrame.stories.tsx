import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { createProjectStatus } from '../fixtures/factories';
import { ProjectStatus } from '../src/widgets/ProjectStatus';
import { WidgetFrame } from '../src/ui/WidgetFrame';

const meta = {
  title: 'Widgets/WidgetFrame',
  component: WidgetFrame,
  args: { title: 'Project status', status: 'loaded', onRetry: fn(), children: <ProjectStatus status={createProjectStatus()} /> },
} satisfies Meta<typeof WidgetFrame>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = {
  args: { status: 'loading' },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status', { name: 'Loading Project status' })).toBeVisible();
  },
};
export const Loaded: Story = {};
export const Refreshing: Story = { args: { status: 'refreshing' } };
export const Errored: Story = {
  args: { status: 'error', error: 'The server failed (HTTP 500). Retry in a moment.' },
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Retry Project status' }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
};
export const Stale: Story = {
  args: { status: 'stale', error: 'The server did not answer in time.' },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Checkout migration')).toBeVisible();
    await expect(canvas.getByText(/Showing the last data we had/)).toBeVisible();
  },
};
