import type { Locator, Page } from '@playwright/test';
import { encodeRecord, ownKey, SCHEMA_VERSION } from '../../src/storage/record';
import { ProgressPanel } from './components/ProgressPanel';
import { WidgetFrame } from './components/WidgetFrame';
import { ConsolePage } from './ConsolePage';

export class DashboardPage extends ConsolePage {
  readonly tasks: WidgetFrame;
  readonly projectStatus: WidgetFrame;
  readonly metrics: WidgetFrame;
  readonly alerts: WidgetFrame;
  readonly addWidgetChoice: Locator;
  readonly addWidgetButton: Locator;
  readonly progressBars: Locator;
  readonly unreadableTasks: Locator;
  readonly storageNotice: Locator;

  constructor(page: Page) {
    // The live notice is the Tasks widget's: the dashboard's other widgets have none.
    const tasks = new WidgetFrame(page, 'Tasks');
    super(page, '/dashboard', 'Dashboard', tasks.root);
    this.tasks = tasks;
    this.projectStatus = new WidgetFrame(page, 'Project status');
    this.metrics = new WidgetFrame(page, 'Metrics');
    this.alerts = new WidgetFrame(page, 'Alerts');
    this.addWidgetChoice = page.getByLabel('Add a widget');
    this.addWidgetButton = page.getByRole('button', { name: 'Add widget' });
    this.progressBars = this.tasks.root.getByRole('progressbar');
    this.unreadableTasks = this.tasks.root.getByRole('list', { name: 'Unreadable tasks' });
    this.storageNotice = this.shell.notice('Saved data this console could not read was set aside');
  }

  /** Saves a layout (widget ids, in order) before the page first loads; reloads keep what the page saved since. */
  async seedLayout(widgets: string[]): Promise<void> {
    const key = ownKey('layout', 'dashboard');
    const value = encodeRecord({ v: SCHEMA_VERSION, kind: 'layout', rev: 1, usedAt: 1, data: { widgets } });
    await this.page.addInitScript(
      ([seedKey, seedValue]) => {
        if (sessionStorage.getItem('layout-seeded')) return;
        sessionStorage.setItem('layout-seeded', '1');
        localStorage.setItem(seedKey, seedValue);
      },
      [key, value] as const,
    );
  }

  /** Every frame of the widget with this title (a layout may hold one more than once). */
  framesTitled(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }

  async addWidget(title: string): Promise<void> {
    await this.addWidgetChoice.selectOption(title);
    await this.addWidgetButton.click();
  }

  async dismissAlert(title: string): Promise<void> {
    await this.alerts.root.getByRole('button', { name: `Dismiss alert: ${title}` }).click();
  }

  task(title: string): ProgressPanel {
    return new ProgressPanel(this.tasks.root, title);
  }
}
