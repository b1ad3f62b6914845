import { composeStories } from '@storybook/react-vite';
import { render, screen } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { fn } from 'storybook/test';
import { afterEach, describe, expect, it } from 'vitest';
import * as stories from '../../stories/MonitoringAlertsPanel.stories';
import { ApiError } from '../api/errors';
import { runtimeConfig } from '../config/runtime-config';

const { Incident, Silenced, AlertmanagerUnreachable, RuleCannotBeEvaluated } = composeStories(stories);

describe('MonitoringAlertsPanel', () => {
  it('dates a firing alert from when it fired (active since + for) and a pending one from when it became active', () => {
    render(<Incident />);
    // ServiceUnhealthy became active at 08:58:00 and waits 60 s; SlowAgentP95 became active at 08:59:30.
    expect(screen.getByRole('listitem', { name: 'ServiceUnhealthy: firing' })).toHaveTextContent('firing since 08:59:00 UTC: service="media-engine"');
    expect(screen.getByRole('listitem', { name: 'SlowAgentP95: pending' })).toHaveTextContent('pending since 08:59:30 UTC: service="media-engine"');
    // Values as Prometheus writes them (`3.5e-01`, `2.16e+01`), shown to three significant digits.
    expect(screen.getByRole('listitem', { name: 'HighErrorRate: firing' })).toHaveTextContent('(value 0.35)');
    expect(screen.getByRole('listitem', { name: 'SlowAgentP95: pending' })).toHaveTextContent('(value 21.6)');
  });

  it('says why a silence was not created and lets the reviewer try again', async () => {
    const refuse = () => Promise.reject(new ApiError('forbidden', 'Alertmanager refused the silence: Only a reviewer can create or expire silences.', 403));
    render(<Incident onSilence={fn(refuse)} />);
    await userEvent.click(screen.getByRole('button', { name: 'Silence for 1 hour' }));
    expect(await screen.findByRole('alert')).toHaveTextContent(
      'The silence was not created: Alertmanager refused the silence: Only a reviewer can create or expire silences.',
    );
    expect(screen.getByRole('button', { name: 'Silence for 1 hour' })).toBeEnabled();
  });

  it('says why a silence was not expired', async () => {
    render(<Silenced onExpireSilence={fn(() => Promise.reject(new ApiError('network', 'Alertmanager could not be reached at http://localhost:9093.')))} />);
    await userEvent.click(screen.getByRole('button', { name: 'Expire silence' }));
    expect(await screen.findByRole('alert')).toHaveTextContent('The silence was not expired: Alertmanager could not be reached at http://localhost:9093.');
  });

  it('keeps the rules when Alertmanager cannot be read, naming it in its own sections', () => {
    render(<AlertmanagerUnreachable />);
    expect(screen.getByRole('listitem', { name: 'ServiceUnhealthy: firing' })).toBeVisible();
    expect(screen.getByRole('region', { name: 'Alertmanager groups' })).toHaveTextContent('Alertmanager could not be reached at http://localhost:9093.');
    expect(screen.getByRole('region', { name: 'Silences' })).toHaveTextContent('Alertmanager could not be reached at http://localhost:9093.');
  });

  it("shows a rule Prometheus cannot evaluate with Prometheus' reason", () => {
    render(<RuleCannotBeEvaluated />);
    expect(screen.getByRole('listitem', { name: 'SlowAgentP95: inactive' })).toHaveTextContent(
      'Prometheus cannot evaluate this rule: vector cannot contain metrics with the same labelset',
    );
  });
});

describe('the console configuration for Prometheus and Alertmanager', () => {
  afterEach(() => {
    delete window.__CONSOLE_CONFIG__;
  });

  it('reads Prometheus and Alertmanager only when named, without a trailing slash, and the rate window with a floor', () => {
    expect(runtimeConfig()).not.toHaveProperty('prometheusUrl');
    expect(runtimeConfig().rateWindowMs).toBe(300_000);
    window.__CONSOLE_CONFIG__ = { prometheusUrl: ' https://prometheus.example.com/ ', alertmanagerUrl: '/monitoring/alertmanager/', rateWindowMs: 60_000 };
    expect(runtimeConfig()).toMatchObject({
      prometheusUrl: 'https://prometheus.example.com',
      alertmanagerUrl: '/monitoring/alertmanager',
      rateWindowMs: 60_000,
    });
    window.__CONSOLE_CONFIG__ = { alertmanagerUrl: '/monitoring/alertmanager', rateWindowMs: 10 };
    // Alertmanager alone is not read (its groups without the rules behind them); a window under 1 s is refused.
    expect(runtimeConfig()).not.toHaveProperty('alertmanagerUrl');
    expect(runtimeConfig().rateWindowMs).toBe(300_000);
  });
});
