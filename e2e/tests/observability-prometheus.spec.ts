import { FIXED_NOW } from '../../fixtures/clock';
import { SERVICE_NAMES } from '../../src/api/contract';
import { expect, test } from '../fixtures/test';
import { ON_PROMETHEUS, withConsoleConfig } from '../support/console-config';

// The console configured for Prometheus and Alertmanager, answered by the mock layer from the same
// simulated services (fixtures/services/monitoring.ts): the page's states and faults, in the page.
// The real programs are e2e/monitoring/.

test.describe('the observability page on Prometheus (mock layer)', () => {
  test.beforeEach(async ({ page }) => {
    await withConsoleConfig(page, ON_PROMETHEUS);
    await page.clock.install({ time: FIXED_NOW });
    await page.clock.setFixedTime(FIXED_NOW);
  });

  test("the incident as Prometheus and Alertmanager hold it: an hour of history, rule states, groups; a silence leaves the dashboard's alerts", async ({
    observability,
    dashboard,
    mocks,
    consoleGuard,
  }) => {
    // media-engine's health check answers 503 when unhealthy, by contract; content-engine's audit store fails (502).
    consoleGuard.allow(/status of 50[23]/);
    await mocks.useScenario('incident');
    await observability.goto();
    await expect(observability.metricsSource).toHaveText(
      'Metrics and rules from Prometheus (/monitoring/prometheus), alerts and silences from Alertmanager (/monitoring/alertmanager).',
    );
    // The last hour at one point per 30 s refresh, on the first load (the hour's first step has no rate yet: one scrape).
    await expect(observability.plot('integration-controller', 'Request rate')).toHaveAccessibleName(/; 120 refreshes$/);
    await expect(observability.ruleState('ServiceUnhealthy', 'firing')).toBeVisible();
    await expect(observability.alertIn('ServiceUnhealthy', 'media-engine', 'active')).toBeVisible();
    await expect(observability.alertIn('HighErrorRate', 'media-engine', 'inhibited')).toContainText('Held back by ServiceUnhealthy.');
    await expect(observability.metricsNote('content-engine')).toContainText("Prometheus' last scrape of content-engine failed (up = 0)");

    await observability.shell.open('Dashboard');
    await expect(dashboard.alerts.root).toContainText('ServiceUnhealthy: media-engine');
    await observability.shell.open('Observability');
    await observability.silence('ServiceUnhealthy', 'media-engine');
    await expect(observability.alertIn('ServiceUnhealthy', 'media-engine', 'silenced')).toContainText('Silenced by Riley Reviewer until 10:00:00 UTC');
    await observability.shell.open('Dashboard');
    await expect(dashboard.alerts.root).not.toContainText('ServiceUnhealthy');
  });

  test("Prometheus' error, warning and partial answer are each named where they land; the rest is shown", async ({ observability, mocks, consoleGuard }) => {
    consoleGuard.allow(/status of 503/);
    await mocks.failOnLoad({
      method: 'GET',
      path: '/monitoring/prometheus/api/v1/rules',
      status: 503,
      body: { status: 'error', errorType: 'unavailable', error: 'TSDB not ready' },
    });
    await mocks.failOnLoad({
      method: 'GET',
      path: '/monitoring/prometheus/api/v1/query',
      status: 200,
      body: {
        status: 'success',
        warnings: ['remote read of the long-term store timed out: partial answer'],
        data: {
          resultType: 'vector',
          result: [
            { metric: { service: 'media-engine' }, value: [FIXED_NOW.getTime() / 1000, '1'] },
            { metric: { service: 'delivery-gateway' }, value: 'garbled' },
          ],
        },
      },
    });
    await observability.goto();
    await expect(observability.alerts.root).toContainText('Prometheus could not answer the alerting rules: unavailable: TSDB not ready');
    for (const service of SERVICE_NAMES) {
      await expect(observability.metricsNote(service)).toHaveText(
        'Prometheus warned: remote read of the long-term store timed out: partial answer; 1 series in its answer could not be read and were left out.',
      );
    }
    await expect(observability.plot('media-engine', 'Request rate')).toHaveAccessibleName(/; 120 refreshes$/);
    await expect(observability.alerts.root.getByText('No alerts in Alertmanager.')).toBeVisible();
  });

  test('a Prometheus that cannot be reached is named on every chart; health and Alertmanager stay current', async ({ observability, mocks, consoleGuard }) => {
    consoleGuard.allow(/Failed to fetch|ERR_FAILED/);
    await mocks.failOnLoad({ method: 'GET', path: '/monitoring/prometheus/api/v1/query_range', networkError: true, times: 100 });
    await observability.goto();
    for (const service of SERVICE_NAMES) {
      await expect(observability.metrics(service).root).toContainText(/Prometheus could not be reached at http:\/\/localhost:\d+\/monitoring\/prometheus\./);
      await expect(observability.health(service).root).toHaveAttribute('data-status', 'loaded');
    }
    await expect(observability.ruleState('ServiceUnhealthy', 'inactive')).toBeVisible();
  });

  test('a Prometheus that does not answer in time is named when the time is up, on the page clock', async ({ observability, mocks, page }) => {
    await mocks.failOnLoad({ method: 'GET', path: '/monitoring/prometheus/api/v1/query_range', hang: true, times: 8 });
    await observability.goto();
    await expect(observability.ruleState('ServiceUnhealthy', 'inactive')).toBeVisible();
    await expect(observability.metrics('media-engine').root).not.toContainText('did not answer');
    await page.clock.fastForward(10_000);
    for (const service of SERVICE_NAMES) await expect(observability.metrics(service).root).toContainText('Prometheus did not answer within 10 s.');
    await expect(observability.health('media-engine').root).toHaveAttribute('data-status', 'loaded');
  });
});
