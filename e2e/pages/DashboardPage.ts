import type { Locator, Page } from '@playwright/test';
import { LiveNotice } from './components/LiveNotice';
import { ProgressPanel } from './components/ProgressPanel';
import { WidgetFrame } from './components/WidgetFrame';

export class DashboardPage {
  readonly heading: Locator;
  readonly tasks: WidgetFrame;
  readonly projectStatus: WidgetFrame;
  readonly metrics: WidgetFrame;
  readonly alerts: WidgetFrame;
  readonly banner: Locator;
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
    this.banner = page.locator('.shell__banner');
    this.liveNotice = new LiveNotice(this.tasks.root);
    this.progressBars = this.tasks.root.getByRole('progressbar');
    this.unreadableTasks = this.tasks.root.getByRole('list', { name: 'Unreadable tasks' });
    this.storageNotice = page.getByRole('status').filter({ hasText: 'Saved data this console could not read was set aside' });
  }

  async goto(query = ''): Promise<void> {
    await this.page.goto(`/dashboard${query}`);
  }

  task(title: string): ProgressPanel {
    return new ProgressPanel(this.tasks.root, title);
  }
}
