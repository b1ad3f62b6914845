import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { FIXED_NOW } from '../fixtures/clock';
import { AlertRulesPanel } from '../src/observability/AlertRulesPanel';
import { emptyAlertsState, evaluateAlerts, type AlertsState, type Silence } from '../src/observability/alerts/engine';
import { DEFAULT_RULES } from '../src/observability/alerts/rules';

const NOW = FIXED_NOW.getTime();
const unhealthy = { 'service-unhealthy': [{ labels: { service: 'media-engine' }, value: 'unhealthy' }] };

/** The engine run over evaluations 30 s apart, ending at FIXED_NOW. */
function after(steps: readonly Record<string, { labels: Record<string, string>; value: string }[]>[]): AlertsState {
  return steps.reduce(
    (state, conditions, index) => evaluateAlerts(state, DEFAULT_RULES, conditions, [], NOW - (steps.length - 1 - index) * 30_000),
    emptyAlertsState(),
  );
}

const silence: Silence = {
  id: 'silence-1',
  matchers: { alertname: 'ServiceUnhealthy', service: 'media-engine' },
  author: 'Riley Reviewer',
  comment: 'Restarting the GPU pool',
  createdAt: NOW - 60_000,
  expiresAt: NOW + 3_600_000,
};

const meta = {
  title: 'Observability/AlertRulesPanel',
  component: AlertRulesPanel,
  args: {
    alerts: emptyAlertsState(),
    rules: DEFAULT_RULES,
    silences: [],
    evaluatedAt: NOW,
    now: NOW,
    author: 'Riley Reviewer',
    onSilence: fn(),
    onExpireSilence: fn(),
  },
} satisfies Meta<typeof AlertRulesPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { evaluatedAt: undefined } };
export const NoAlerts: Story = {};
export const Pending: Story = {
  args: { alerts: after([unhealthy, unhealthy]) },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('listitem', { name: 'ServiceUnhealthy media-engine: pending' })).toHaveTextContent('Pending since 08:59:30 UTC.');
  },
};
export const Firing: Story = {
  args: { alerts: after([unhealthy, unhealthy, unhealthy]) },
  play: async ({ canvas, args, userEvent }) => {
    await userEvent.click(canvas.getByRole('button', { name: 'Silence for 1 hour' }));
    await expect(args.onSilence).toHaveBeenCalledWith(
      { alertname: 'ServiceUnhealthy', service: 'media-engine' },
      'Riley Reviewer',
      'Silenced from the console',
      3_600_000,
    );
  },
};
export const Silenced: Story = {
  args: { alerts: after([unhealthy, unhealthy, unhealthy]), silences: [silence] },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('listitem', { name: 'ServiceUnhealthy media-engine: silenced' })).toHaveTextContent(
      'Silenced by Riley Reviewer until 10:00:00 UTC.',
    );
    await expect(canvas.queryByRole('button', { name: 'Silence for 1 hour' })).toBeNull();
  },
};
export const Resolved: Story = { args: { alerts: after([unhealthy, unhealthy, unhealthy, {}]) } };
