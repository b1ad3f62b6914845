import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { createServiceView } from '../fixtures/factories';
import { ServiceHealthPanel } from '../src/observability/ServiceHealthPanel';

const meta = {
  title: 'Observability/ServiceHealthPanel',
  component: ServiceHealthPanel,
  args: { view: createServiceView({ service: 'media-engine' }), onRetry: () => undefined },
} satisfies Meta<typeof ServiceHealthPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { view: createServiceView({ service: 'media-engine', healthSource: 'loading' }) } };
export const Healthy: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByTestId('health-status')).toHaveTextContent('Healthy');
    await expect(canvas.getByText(/All 2 dependencies healthy/)).toBeVisible();
  },
};
export const Degraded: Story = { args: { view: createServiceView({ service: 'media-engine', health: 'degraded' }) } };
export const Unhealthy: Story = {
  args: { view: createServiceView({ service: 'integration-controller', health: 'unhealthy' }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByTestId('health-status')).toHaveTextContent('Unhealthy');
    await expect(canvas.getByText(/gmail_api: Unhealthy/)).toBeVisible();
    await expect(canvas.queryByText(/slack_api/)).toBeNull();
  },
};
export const Stale: Story = {
  args: { view: createServiceView({ service: 'media-engine', health: 'degraded', healthSource: 'stale' }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('status')).toHaveTextContent('Showing the last data we had (from 08:59:00 UTC); refreshing failed');
    await expect(canvas.getByTestId('health-status')).toHaveTextContent('Degraded');
  },
};
export const Errored: Story = { args: { view: createServiceView({ service: 'media-engine', healthSource: 'error' }) } };
