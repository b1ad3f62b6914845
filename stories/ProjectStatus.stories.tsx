import type { Meta, StoryObj } from '@storybook/react-vite';
import { createProjectStatus } from '../fixtures/factories';
import { ProjectStatus } from '../src/widgets/ProjectStatus';

const meta = {
  title: 'Widgets/ProjectStatus',
  component: ProjectStatus,
  args: { status: createProjectStatus() },
} satisfies Meta<typeof ProjectStatus>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Healthy: Story = {};
export const Warning: Story = { args: { status: createProjectStatus({ state: 'warning', summary: 'Two agents are behind schedule.' }) } };
export const Critical: Story = {
  args: { status: createProjectStatus({ state: 'critical', summary: 'The billing agent has stopped.', openTasks: 1_284_907 }) },
};
