import { expect, type Locator, type Page } from '@playwright/test';
import { DEFAULT_OBSERVABILITY_REFRESH_MS } from '../../src/config/refresh-interval';
import { WidgetFrame } from './components/WidgetFrame';
import { ConsolePage } from './ConsolePage';

/** An alert's state as the page names it: the in-browser engine's, or Alertmanager's (active, silenced, inhibited). */
export type AlertState = 'pending' | 'firing' | 'resolved' | 'silenced' | 'active' | 'inhibited';

export class ObservabilityPage extends ConsolePage {
  readonly alerts: WidgetFrame;
  readonly audit: WidgetFrame;
  readonly traces: WidgetFrame;
  readonly auditRows: Locator;
  readonly loadMoreAudit: Locator;
  /** Why the audit log stopped loading more (a server that repeated a page). */
  readonly auditNotice: Locator;
  /** The page's root: data-refreshing and data-refreshed-at say whether a read is in flight and when the last landed. */
  readonly root: Locator;
  /** Which system the metrics and rules come from (this browser, or Prometheus and Alertmanager). */
  readonly metricsSource: Locator;
  /** Every control that writes a silence (a viewer sees none). */
  readonly silenceControls: Locator;

  constructor(page: Page) {
    super(page, '/observability', 'Observability');
    this.alerts = new WidgetFrame(page, 'Alert rules');
    this.audit = new WidgetFrame(page, 'Audit log');
    this.traces = new WidgetFrame(page, 'Recent traces');
    this.auditRows = this.audit.root.getByTestId('audit-row');
    this.loadMoreAudit = this.audit.root.getByRole('button', { name: 'Load more' });
    this.auditNotice = this.audit.root.getByRole('note');
    this.root = page.getByTestId('observability-page');
    this.metricsSource = page.getByTestId('metrics-source');
    this.silenceControls = this.alerts.root.getByRole('button', { name: /^(Silence for 1 hour|Expire silence)$/ });
  }

  /**
   * Moves the page's clock (installed by the test) on to the next refresh and waits until it has
   * landed and nothing else is in flight: a clock that jumps while requests are out times them out,
   * and a long jump past the live stream's silence limit reconnects it (which re-reads every service's
   * health), so the next jump must wait for that too.
   */
  async advanceToNextRefresh(): Promise<void> {
    await this.settled();
    const before = await this.root.getAttribute('data-refreshed-at');
    await this.page.clock.fastForward(DEFAULT_OBSERVABILITY_REFRESH_MS);
    await expect(this.root).not.toHaveAttribute('data-refreshed-at', before ?? '');
    await this.settled();
  }

  /**
   * On a clock the test paused: runs `ms` of the page's time (every timer and frame due in it, in
   * order), then lets what that started land (requests answered, one more frame to draw them).
   * Every read then has an exact time, the same in every run.
   */
  async runPausedClock(ms: number): Promise<void> {
    await this.page.clock.runFor(ms);
    await expect(this.root).toHaveAttribute('data-refreshing', 'false');
    await this.page.clock.runFor(100);
    await expect(this.root).toHaveAttribute('data-refreshing', 'false');
  }

  /** Nothing in flight, and live updates connected. */
  async settled(): Promise<void> {
    await expect(this.liveNotice.root).toBeHidden();
    await expect(this.root).toHaveAttribute('data-refreshing', 'false');
  }

  /** A service's health panel (its own source: loading, stale and error are its own). */
  health(service: string): WidgetFrame {
    return new WidgetFrame(this.page, `${service} health`);
  }

  healthStatus(service: string): Locator {
    return this.health(service).root.getByTestId('health-status');
  }

  metrics(service: string): WidgetFrame {
    return new WidgetFrame(this.page, `${service} metrics`);
  }

  /** What a service's metrics panel says it left out (unreadable lines or series). */
  metricsNote(service: string): Locator {
    return this.metrics(service).root.getByRole('note');
  }

  chart(service: string, title: string): Locator {
    return this.metrics(service).root.getByRole('figure', { name: title });
  }

  /** One alert of a rule for a service; its accessible name ends with its state. */
  alert(rule: string, service: string): Locator {
    return this.alerts.root.getByRole('listitem', { name: new RegExp(`^${rule} ${service}: `) });
  }

  alertIn(rule: string, service: string, state: AlertState): Locator {
    return this.alerts.root.getByRole('listitem', { name: `${rule} ${service}: ${state}` });
  }

  /** A rule as Prometheus evaluates it: `inactive`, `pending` or `firing`. */
  ruleState(rule: string, state: 'inactive' | 'pending' | 'firing'): Locator {
    return this.alerts.root.getByRole('listitem', { name: `${rule}: ${state}` });
  }

  /** The chart's plot; its name ends with how many points it draws (`…; 12 refreshes`). */
  plot(service: string, title: string): Locator {
    return this.chart(service, title).getByRole('img');
  }

  async expireSilence(): Promise<void> {
    await this.alerts.root.getByRole('button', { name: 'Expire silence' }).click();
  }

  async silence(rule: string, service: string): Promise<void> {
    await this.alert(rule, service).getByRole('button', { name: 'Silence for 1 hour' }).click();
  }

  /** Opens a trace from the traces table by its root span's name (the newest such trace). */
  async openTrace(rootSpan: string): Promise<Locator> {
    const row = this.traces.root.getByRole('row').filter({ hasText: rootSpan }).first();
    const button = row.getByRole('button', { name: /: open trace [0-9a-f]{32}$/ });
    const traceId = (await button.getAttribute('aria-label'))?.split('open trace ')[1] ?? '';
    await button.click();
    return this.traces.root.getByRole('region', { name: `Trace ${traceId}` });
  }

  async filterAudit(filter: 'Service' | 'Event type' | 'Outcome', option: string): Promise<void> {
    await this.audit.root.getByLabel(filter).selectOption({ label: option });
  }

  async searchAudit(text: string): Promise<void> {
    await this.audit.root.getByRole('searchbox', { name: 'Search' }).fill(text);
    await this.audit.root.getByRole('button', { name: 'Search' }).click();
  }
}
