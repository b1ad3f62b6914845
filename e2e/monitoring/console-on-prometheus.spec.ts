import type { Browser, Page } from '@playwright/test';
import { MOCK_PASSWORD } from '../../fixtures/db';
import { SERVICE_NAMES } from '../../src/api/contract';
import { PrometheusClient } from '../../src/observability/prometheus/client';
import { expect, test } from '../fixtures/monitoring';
import { ObservabilityPage } from '../pages/ObservabilityPage';
import { SignInPage } from '../pages/SignInPage';

// The observability page as a front end to the real Prometheus and Alertmanager (the stack of
// e2e/support/monitoring-stack.ts serves the console, proxies both and enforces who may write).

const POLL = { timeout: 20_000 };
const ALERTS = { timeout: 20_000 };

async function signedIn(page: Page, username: 'riley' | 'val'): Promise<ObservabilityPage> {
  const signIn = new SignInPage(page);
  await signIn.goto();
  await signIn.signIn(username, MOCK_PASSWORD);
  return new ObservabilityPage(page);
}

async function secondReader(browser: Browser, baseURL: string, username: 'riley' | 'val'): Promise<ObservabilityPage> {
  const context = await browser.newContext({ baseURL });
  return signedIn(await context.newPage(), username);
}

test.describe('the observability page on Prometheus and Alertmanager', () => {
  test('shows the history Prometheus keeps on its first load', async ({ page, monitoring }) => {
    const prometheus = new PrometheusClient(monitoring.prometheusUrl);
    // Prometheus has scraped for a while before the page opens: eight seconds of request rates.
    const points = async () => {
      const now = Date.now();
      const answer = await prometheus.queryRange('sum by (service) (rate(a2a_requests_total[10s]))', { startMs: now - 7_000, endMs: now, stepMs: 1_000 });
      return Math.min(...SERVICE_NAMES.map((service) => answer.items.find((series) => series.labels.service === service)?.points.length ?? 0));
    };
    await expect.poll(points, POLL).toBe(8);

    const observability = await signedIn(page, 'riley');
    // The page's own refresh timer is held: whatever the charts show came from the first load alone.
    await page.clock.install();
    await page.clock.pauseAt(Date.now() + 1_000);
    await observability.goto();
    await expect(observability.metricsSource).toHaveText(
      'Metrics and rules from Prometheus (/monitoring/prometheus), alerts and silences from Alertmanager (/monitoring/alertmanager).',
    );
    for (const service of SERVICE_NAMES) {
      await expect(observability.plot(service, 'Request rate')).toHaveAccessibleName(/; (\d{2,}|[8-9]) refreshes$/);
    }
    await expect(observability.ruleState('ServiceUnhealthy', 'inactive')).toBeVisible();
    await expect(observability.alerts.root.getByText('No alerts in Alertmanager.')).toBeVisible();
  });

  test('the incident fires as Prometheus evaluates it; a reviewer silences it in Alertmanager, everyone sees it silenced, a viewer cannot', async ({
    page,
    browser,
    monitoring,
    services,
    request,
  }) => {
    await services.useScenario('incident');
    const reviewer = await signedIn(page, 'riley');
    await reviewer.goto();
    await expect(reviewer.ruleState('ServiceUnhealthy', 'firing')).toBeVisible(ALERTS);
    await expect(reviewer.alertIn('ServiceUnhealthy', 'media-engine', 'active')).toBeVisible(ALERTS);
    // The critical alert holds back media-engine's warnings (the inhibit rule of monitoring/alertmanager.yml).
    await expect(reviewer.alertIn('HighErrorRate', 'media-engine', 'inhibited')).toBeVisible(ALERTS);
    await expect(reviewer.alertIn('HighErrorRate', 'media-engine', 'inhibited')).toContainText('Held back by ServiceUnhealthy.');

    await reviewer.silence('ServiceUnhealthy', 'media-engine');
    await expect(reviewer.alertIn('ServiceUnhealthy', 'media-engine', 'silenced')).toContainText('Silenced by Riley Reviewer');

    // Another person, another browser: the silence is Alertmanager's, so they see it too, and as a
    // viewer they have no control that writes one; the proxy refuses a viewer who tries anyway.
    const viewer = await secondReader(browser, monitoring.mockUrl, 'val');
    await viewer.goto();
    await expect(viewer.alertIn('ServiceUnhealthy', 'media-engine', 'silenced')).toBeVisible(ALERTS);
    await expect(viewer.alerts.root.getByRole('list', { name: 'Silences' })).toContainText(
      'alertname="ServiceUnhealthy", service="media-engine" by Riley Reviewer',
    );
    await expect(viewer.silenceControls).toHaveCount(0);
    const refused = await request.post(`${monitoring.mockUrl}/monitoring/alertmanager/api/v2/silences`, {
      headers: { authorization: 'Bearer mock.val' },
      data: {
        matchers: [{ name: 'alertname', value: 'HighErrorRate', isRegex: false }],
        startsAt: new Date().toISOString(),
        endsAt: new Date(Date.now() + 60_000).toISOString(),
        createdBy: 'val',
        comment: '',
      },
    });
    expect(refused.status()).toBe(403);

    // The incident ends: the rule clears in Prometheus and the alert leaves Alertmanager, for both readers.
    await services.service('media-engine', { health: 'healthy', latencyFactor: 1 });
    await expect(reviewer.ruleState('ServiceUnhealthy', 'inactive')).toBeVisible(ALERTS);
    await expect(viewer.alert('ServiceUnhealthy', 'media-engine')).toHaveCount(0, ALERTS);
    await reviewer.expireSilence();
    await expect(viewer.alerts.root.getByText('No active silences.')).toBeVisible(ALERTS);
    await viewer.page.context().close();
  });

  test('a Prometheus that stops answering is named on the page, and health keeps working', async ({ page, monitoring }) => {
    const observability = await signedIn(page, 'riley');
    await observability.goto();
    await expect(observability.ruleState('ServiceUnhealthy', 'inactive')).toBeVisible(ALERTS);
    await monitoring.stopPrometheus();
    for (const service of SERVICE_NAMES) await expect(observability.metrics(service).root).toContainText('Prometheus', ALERTS);
    await expect(observability.metrics('media-engine').root).toContainText('could not be reached');
    await expect(observability.alerts.root).toContainText('Prometheus answered HTTP 502 for the alerting rules: Prometheus could not be reached.');
    // Health is each service's own /health, and Alertmanager still answers: both stay current.
    await expect(observability.healthStatus('media-engine')).toHaveText('Healthy');
    await expect(observability.health('media-engine').root).not.toContainText('could not');
    await expect(observability.alerts.root.getByText('No alerts in Alertmanager.')).toBeVisible();
  });
});
