import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { ProjectStatusPanel } from '../src/widgets/panels/ProjectStatusPanel';

// Network data comes from the shared MSW handlers; each story names its scenario.
const meta = {
  title: 'Panels/ProjectStatusPanel',
  component: ProjectStatusPanel,
} satisfies Meta<typeof ProjectStatusPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loaded: Story = {
  parameters: { scenario: 'happy' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('Checkout migration')).toBeVisible();
  },
};
export const ServerError: Story = {
  parameters: { scenario: 'server-error' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent('The server failed (HTTP 500). Retry in a moment.');
    await expect(canvas.getByRole('button', { name: 'Retry Project status' })).toBeEnabled();
  },
};
export const Empty: Story = {
  parameters: { scenario: 'empty' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No agents are running.')).toBeVisible();
  },
};
