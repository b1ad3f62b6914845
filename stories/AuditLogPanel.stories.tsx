import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, waitFor } from 'storybook/test';
import { visualParameters } from '../.storybook/visual-parameters';
import { api } from '../src/api/endpoints';
import { AuditLogPanel, type AuditSource } from '../src/observability/AuditLogPanel';

const fromMockApi: AuditSource = (query, signal) => api.audit(query, signal);
const never: AuditSource = () => new Promise(() => undefined);

const meta = {
  title: 'Observability/AuditLogPanel',
  component: AuditLogPanel,
  args: { source: fromMockApi },
} satisfies Meta<typeof AuditLogPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { source: never } };
// The log scrolls within its card; the capture shows all 45 events (fullScroll).
export const Loaded: Story = {
  parameters: visualParameters({ fullScroll: '[aria-label="Audit events table"]' }),
  play: async ({ canvas, userEvent }) => {
    await waitFor(() => expect(canvas.getAllByTestId('audit-row')).toHaveLength(20));
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(canvas.getAllByTestId('audit-row')).toHaveLength(40));
    await userEvent.click(canvas.getByRole('button', { name: 'Load more' }));
    await waitFor(() => expect(canvas.getByText('45 events: the end of the log.')).toBeVisible());
  },
};
// Each state that arrives from the mock API is awaited by its play function, so the story is
// finished (for its test and the visual capture) only once it shows what it is named for.
export const Empty: Story = {
  parameters: { scenario: 'empty' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByText('No audit events yet.')).toBeVisible();
  },
};
export const Errored: Story = {
  parameters: { scenario: 'server-error' },
  play: async ({ canvas }) => {
    await expect(await canvas.findByRole('alert')).toHaveTextContent('Could not load Audit log: The server failed (HTTP 500).');
  },
};
