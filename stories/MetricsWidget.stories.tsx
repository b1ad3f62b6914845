import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { createMetric } from '../fixtures/factories';
import { MetricsWidget } from '../src/widgets/MetricsWidget';

const meta = {
  title: 'Widgets/MetricsWidget',
  component: MetricsWidget,
  args: { metric: createMetric({ series: [30, 31, 33, 32, 35, 36, 38, 37, 40, 41, 42, 42] }) },
} satisfies Meta<typeof MetricsWidget>;
export default meta;
type Story = StoryObj<typeof meta>;

export const PositiveTrend: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Rising +20.0%')).toBeVisible();
  },
};
export const NegativeTrend: Story = {
  args: { metric: createMetric({ name: 'Approval wait', unit: 'min', value: 8, previous: 11, series: [12, 12, 11, 11, 10, 10, 9, 9, 9, 8, 8, 8] }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('Falling -27.3%')).toBeVisible();
  },
};
export const Flat: Story = { args: { metric: createMetric({ value: 40, previous: 40, series: [40, 40, 40, 40, 40, 40] }) } };
export const NoData: Story = {
  args: { metric: createMetric({ value: null, previous: null, series: [] }) },
  play: async ({ canvas }) => {
    await expect(canvas.getByText('No data for this period.')).toBeVisible();
  },
};
export const LargeNumbers: Story = {
  args: { metric: createMetric({ name: 'Tokens used', value: 9_876_543_210, previous: 9_000_000_000, series: [1, 2, 3, 5, 8, 13] }) },
};
