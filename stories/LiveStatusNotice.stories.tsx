import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { LiveStatusView } from '../src/streaming/LiveStatusNotice';

const meta = {
  title: 'Streaming/LiveStatusNotice',
  component: LiveStatusView,
  args: { onReconnect: fn(), status: { state: 'reconnecting', attempt: 2, retryAt: 0, reason: 'The connection to the server was lost.' } },
} satisfies Meta<typeof LiveStatusView>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Reconnecting: Story = {
  play: async ({ canvas, args, userEvent }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Live updates paused: The connection to the server was lost. Reconnecting (attempt 2)…');
    await userEvent.click(canvas.getByRole('button', { name: 'Reconnect now' }));
    await expect(args.onReconnect).toHaveBeenCalledOnce();
  },
};
export const Stalled: Story = { args: { status: { state: 'reconnecting', attempt: 1, retryAt: 0, reason: 'No data from the server for 45 s.' } } };
export const Off: Story = { args: { status: { state: 'off', reason: 'The server does not allow this account to receive live updates (HTTP 403).' } } };
