import type { Meta, StoryObj } from '@storybook/react-vite';
import { expect, fn } from 'storybook/test';
import { FIXED_NOW } from '../fixtures/clock';
import { createAlertGroup, createAlertmanagerAlert, createQuietRules, createRuleState, createSilence } from '../fixtures/factories';
import { MonitoringAlertsPanel } from '../src/observability/MonitoringAlertsPanel';
import type { AlertingView } from '../src/observability/monitor/service-monitor';

const NOW = FIXED_NOW.getTime();
const ok = <T,>(data: T) => ({ status: 'ok' as const, data, lastGoodAt: NOW });

const unhealthy = createAlertmanagerAlert({ alertname: 'ServiceUnhealthy', service: 'media-engine', severity: 'critical', team: 'platform' });
const errors = createAlertmanagerAlert(
  { alertname: 'HighErrorRate', service: 'media-engine', severity: 'warning', team: 'agents' },
  { inhibitedBy: [unhealthy.fingerprint] },
  90_000,
);
const incidentRules = [
  createRuleState('ServiceUnhealthy', [['media-engine', 'firing', 120_000, '1e+00']]),
  createRuleState('HighErrorRate', [['media-engine', 'firing', 90_000, '3.5e-01']]),
  createRuleState('SlowAgentP95', [['media-engine', 'pending', 30_000, '2.16e+01']]),
  createRuleState('ServiceDegraded'),
];
const incident: AlertingView = {
  rules: ok(incidentRules),
  groups: ok([createAlertGroup([unhealthy]), createAlertGroup([errors])]),
  silences: ok([]),
};
const silence = createSilence();

const meta = {
  title: 'Observability/MonitoringAlertsPanel',
  component: MonitoringAlertsPanel,
  args: {
    alerting: { rules: ok(createQuietRules()), groups: ok([]), silences: ok([]) },
    author: 'Riley Reviewer',
    onSilence: fn(() => Promise.resolve()),
    onExpireSilence: fn(() => Promise.resolve()),
    onRetry: fn(),
  },
} satisfies Meta<typeof MonitoringAlertsPanel>;
export default meta;
type Story = StoryObj<typeof meta>;

export const Loading: Story = { args: { alerting: { rules: { status: 'loading' }, groups: { status: 'loading' }, silences: { status: 'loading' } } } };
export const Quiet: Story = {
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('listitem', { name: 'ServiceUnhealthy: inactive' })).toBeVisible();
    await expect(canvas.getByText('No alerts in Alertmanager.')).toBeVisible();
  },
};
export const Incident: Story = {
  args: { alerting: incident },
  play: async ({ canvas, args, userEvent }) => {
    await expect(canvas.getByRole('listitem', { name: 'HighErrorRate media-engine: inhibited' })).toHaveTextContent('Held back by ServiceUnhealthy.');
    await userEvent.click(canvas.getByRole('button', { name: 'Silence for 1 hour' }));
    await expect(args.onSilence).toHaveBeenCalledWith(
      { alertname: 'ServiceUnhealthy', service: 'media-engine' },
      'Riley Reviewer',
      'Silenced from the console',
    );
  },
};
export const Silenced: Story = {
  args: {
    alerting: {
      ...incident,
      groups: ok([createAlertGroup([createAlertmanagerAlert(unhealthy.labels, { silencedBy: [silence.id] })]), createAlertGroup([errors])]),
      silences: ok([silence]),
    },
  },
  play: async ({ canvas }) => {
    await expect(canvas.getByRole('listitem', { name: 'ServiceUnhealthy media-engine: silenced' })).toHaveTextContent(
      'Silenced by Riley Reviewer until 10:00:00 UTC: Restarting the GPU pool.',
    );
  },
};
export const ViewerReadOnly: Story = {
  args: { alerting: { ...incident, silences: ok([silence]) }, author: undefined },
  play: async ({ canvas }) => {
    await expect(canvas.queryAllByRole('button', { name: /Silence for 1 hour|Expire silence/ })).toEqual([]);
  },
};
export const AlertmanagerUnreachable: Story = {
  args: {
    alerting: {
      rules: ok(incidentRules),
      groups: { status: 'error', error: 'Alertmanager could not be reached at http://localhost:9093.' },
      silences: { status: 'error', error: 'Alertmanager could not be reached at http://localhost:9093.' },
    },
  },
};
export const RuleCannotBeEvaluated: Story = {
  args: {
    alerting: {
      rules: ok([
        createRuleState('SlowAgentP95', [], {
          health: 'err',
          lastError: 'vector cannot contain metrics with the same labelset',
        }),
        ...createQuietRules().filter((rule) => rule.name !== 'SlowAgentP95'),
      ]),
      groups: ok([]),
      silences: ok([]),
    },
  },
};
