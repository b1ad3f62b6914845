import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { createServiceHealth } from '../fixtures/factories';
import { ServiceHealthCard } from '../src/observability/ServiceHealthCard';

const meta = {
  title: 'Observability/ServiceHealthCard',
  component: ServiceHealthCard,
  args: { health: createServiceHealth() },
} satisfies Meta<typeof ServiceHealthCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Healthy: Story = {};
export const Degraded: Story = {
  args: { health: createServiceHealth({ status: 'degraded', latencyMs: 870, dependencies: [{ name: 'postgres', status: 'healthy' }, { name: 'queue', status: 'degraded' }] }) },
};
export const Unhealthy: Story = {
  args: { health: createServiceHealth({ status: 'unhealthy', latencyMs: 5_000, dependencies: [{ name: 'postgres', status: 'unhealthy' }, { name: 'queue', status: 'degraded' }, { name: 'cache', status: 'healthy' }] }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('postgres: Unhealthy')).toBeVisible();
    await expect(canvas.queryByText(/cache/)).toBeNull();
  },
};
