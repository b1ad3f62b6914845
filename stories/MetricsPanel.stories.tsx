import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { MetricsPanel } from '../src/widgets/panels/MetricsPanel';

const meta = {
  title: 'Panels/MetricsPanel',
  component: MetricsPanel,
} satisfies Meta<typeof MetricsPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loaded: Story = {
  parameters: { scenario: 'happy' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Approval wait (min)')).toBeVisible();
  },
};
export const Empty: Story = {
  parameters: { scenario: 'empty' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No metrics yet.')).toBeVisible();
  },
};
export const ServerError: Story = {
  parameters: { scenario: 'server-error' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent('HTTP 500');
  },
};
