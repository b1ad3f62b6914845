import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect } from 'storybook/test';
import { UnreadableRecords } from '../src/ui/UnreadableRecords';

const meta = {
  title: 'Widgets/UnreadableRecords',
  component: UnreadableRecords,
  args: {
    noun: 'task',
    records: [
      { index: 1, id: 'task-new', problems: ['status: Invalid option: expected one of "pending"|"active"|"completed"|"error" (got "paused")'] },
      { index: 4, problems: ['record: Invalid input: expected object, received string (got "not a record")'] },
    ],
  },
} satisfies Meta<typeof UnreadableRecords>;
export default meta;
type Story = StoryObj<typeof meta>;

export const SomeUnreadable: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('list', { name: 'Unreadable tasks' })).toHaveTextContent('This task could not be read (task-new)');
    await expect(canvas.getByText('This task could not be read (item 5)')).toBeVisible();
  },
};
