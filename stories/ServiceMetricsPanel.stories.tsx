import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { createServiceView } from '../fixtures/factories';
import { ServiceMetricsPanel } from '../src/observability/ServiceMetricsPanel';

const meta = {
  title: 'Observability/ServiceMetricsPanel',
  component: ServiceMetricsPanel,
  args: { view: createServiceView({ service: 'delivery-gateway' }), onRetry: () => undefined },
} satisfies Meta<typeof ServiceMetricsPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { view: createServiceView({ service: 'delivery-gateway', metricsSource: 'loading' }) } };
export const Healthy: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('img', { name: /^Request rate: latest requests \d+\.\d\d\/s; 6 refreshes$/ })).toBeVisible();
    await expect(canvas.queryByRole('note')).toBeNull();
  },
};
export const Unhealthy: Story = {
  // Latency past the highest bucket: the chart must say its p95/p99 are lower limits.
  args: { view: createServiceView({ service: 'media-engine', health: 'unhealthy', latencyFactor: 2 }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('note')).toHaveTextContent(/Approximate \(dashed\): .*above the highest histogram bucket/);
  },
};
export const SkippedLines: Story = {
  args: { view: createServiceView({ service: 'content-engine', skippedLines: 3 }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('note')).toHaveTextContent('The last scrape had 3 lines this console could not read');
  },
};
export const Empty: Story = { args: { view: createServiceView({ service: 'delivery-gateway', scrapes: 1 }) } };
export const Stale: Story = { args: { view: createServiceView({ service: 'delivery-gateway', metricsSource: 'stale' }) } };
export const Errored: Story = { args: { view: createServiceView({ service: 'delivery-gateway', metricsSource: 'error' }) } };
