import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { createApproval, HOSTILE_TEXT } from '../fixtures/factories';
import { ApprovalCard } from '../src/hitl/ApprovalCard';
import { NARROW_MODE, THEME_MODES } from '../.storybook/visual-parameters';

const meta = {
  title: 'HITL/ApprovalCard',
  component: ApprovalCard,
  args: {
    approval: createApproval({
      id: 'approval-001',
      title: 'Refund order #4471',
      agent: 'atlas',
      rationale: 'The customer was charged twice; the second charge has no shipment.',
      payload: JSON.stringify({ action: 'refund', orderId: 4471, amountEur: 89.9 }, null, 2),
    }),
    onApprove: fn(),
    onReject: fn(),
    onRetry: fn(),
  },
} satisfies Meta<typeof ApprovalCard>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Pending: Story = {
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Approve' }));
    await expect(args.onApprove).toHaveBeenCalledWith('approval-001');
  },
};
export const RejectingWithReason: Story = {
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Reject' }));
    const confirm = canvas.getByRole('button', { name: 'Confirm rejection' });
    await expect(confirm).toBeDisabled();
    await userEvent.type(canvas.getByLabelText('Reason for rejecting'), 'Order was already refunded by support.');
    await userEvent.click(confirm);
    await expect(args.onReject).toHaveBeenCalledWith('approval-001', 'Order was already refunded by support.');
  },
};
export const Approved: Story = { args: { approval: { ...meta.args.approval, status: 'approved', decidedBy: 'Riley Reviewer' } } };
export const Rejected: Story = {
  args: { approval: { ...meta.args.approval, status: 'rejected', decidedBy: 'Riley Reviewer', reason: 'Duplicate of a refund already issued.' } },
  play: async ({ canvas }) => {
    await expect(canvas.getByText(/Duplicate of a refund already issued/)).toBeVisible();
  },
};
export const Expired: Story = { args: { approval: { ...meta.args.approval, status: 'expired' } } };
export const Submitting: Story = {
  args: { submit: { phase: 'submitting' } },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('button', { name: 'Approve' })).toBeDisabled();
  },
};
export const FailedToSubmit: Story = {
  args: { submit: { phase: 'failed', message: 'The server failed (HTTP 503). Retry in a moment.' } },
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Retry decision' }));
    await expect(args.onRetry).toHaveBeenCalledOnce();
  },
};
export const ReadOnlyForViewer: Story = {
  args: { readOnly: true },
  play: async ({ canvas }) => {
    await expect(canvas.queryByRole('button', { name: 'Approve' })).toBeNull();
    await expect(canvas.getByText(/only reviewers can decide it/)).toBeVisible();
  },
};
export const HostileAgentText: Story = {
  args: { approval: { ...meta.args.approval, ...HOSTILE_TEXT } },
  play: async ({ canvasElement, canvas }) => {
    await expect(canvas.getByRole('heading', { name: HOSTILE_TEXT.title })).toBeVisible();
    await expect(canvasElement.querySelector('img, script, a, svg[onload]')).toBeNull();
    // An injected <img src=x onerror> would fire once its load fails. A control image with the
    // same broken source has failed by now, so a payload that ran would have set the flag.
    await new Promise((settled) => {
      const control = new Image();
      control.onerror = settled;
      control.onload = settled;
      control.src = 'x';
    });
    await expect((window as Window & { __pwned?: boolean }).__pwned).toBeUndefined();
  },
};
export const LongAgentText: Story = {
  // Long agent text must wrap, not overflow, on a phone too.
  parameters: { visual: { modes: [...THEME_MODES, NARROW_MODE] } },
  args: {
    approval: {
      ...meta.args.approval,
      title: 'Migrate all 14,302 customer records from the legacy CRM to the new platform and archive the originals',
      rationale: 'The legacy CRM reaches end of support next month. '.repeat(8),
      payload: JSON.stringify({ action: 'migrate', batches: Array.from({ length: 12 }, (_, index) => `batch-${index + 1}`) }, null, 2),
    },
  },
};
