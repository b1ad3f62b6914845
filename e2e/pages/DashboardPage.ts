import type { Locator, Page } from '@playwright/test';
import { encodeRecord, ownKey, SCHEMA_VERSION } from '../../src/storage/record';
import { LiveNotice } from './components/LiveNotice';
import { Shell } from './components/Shell';
import { ProgressPanel } from './components/ProgressPanel';
import { WidgetFrame } from './components/WidgetFrame';

export class DashboardPage {
  readonly heading: Locator;
  readonly tasks: WidgetFrame;
  readonly projectStatus: WidgetFrame;
  readonly metrics: WidgetFrame;
  readonly alerts: WidgetFrame;
  readonly shell: Shell;
  readonly addWidgetChoice: Locator;
  readonly addWidgetButton: Locator;
  readonly liveNotice: LiveNotice;
  readonly progressBars: Locator;
  readonly unreadableTasks: Locator;
  readonly storageNotice: Locator;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Dashboard', level: 1 });
    this.tasks = new WidgetFrame(page, 'Tasks');
    this.projectStatus = new WidgetFrame(page, 'Project status');
    this.metrics = new WidgetFrame(page, 'Metrics');
    this.alerts = new WidgetFrame(page, 'Alerts');
    this.shell = new Shell(page);
    this.addWidgetChoice = page.getByLabel('Add a widget');
    this.addWidgetButton = page.getByRole('button', { name: 'Add widget' });
    this.liveNotice = new LiveNotice(this.tasks.root);
    this.progressBars = this.tasks.root.getByRole('progressbar');
    this.unreadableTasks = this.tasks.root.getByRole('list', { name: 'Unreadable tasks' });
    this.storageNotice = this.shell.notice('Saved data this console could not read was set aside');
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/dashboard${query}`);
  }

  /** Saves a layout (widget ids, in order) before the page first loads; reloads keep what the page saved since. */
  async seedLayout(widgets: string[]): Promise<void> {
    const key = ownKey('layout', 'dashboard');
    const value = encodeRecord({ v: SCHEMA_VERSION, kind: 'layout', rev: 1, usedAt: 1, data: { widgets } });
    await this.page.addInitScript(([seedKey, seedValue]) => {
      if (sessionStorage.getItem('layout-seeded')) return;
      sessionStorage.setItem('layout-seeded', '1');
      localStorage.setItem(seedKey, seedValue);
    }, [key, value] as const);
  }

  /** Every frame of the widget with this title (a layout may hold one more than once). */
  framesTitled(title: string): Locator {
    return this.page.getByRole('region', { name: title });
  }

  async addWidget(title: string): Promise<void> {
    await this.addWidgetChoice.selectOption(title);
    await this.addWidgetButton.click();
  }

  task(title: string): ProgressPanel {
    return new ProgressPanel(this.tasks.root, title);
  }
}
