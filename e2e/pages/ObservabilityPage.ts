import type { Locator, Page } from '@playwright/test';
import { WidgetFrame } from './components/WidgetFrame';

export class ObservabilityPage {
  readonly heading: Locator;
  readonly health: WidgetFrame;
  readonly audit: WidgetFrame;
  readonly traces: WidgetFrame;

  constructor(readonly page: Page) {
    this.heading = page.getByRole('heading', { name: 'Observability', level: 1 });
    this.health = new WidgetFrame(page, 'Service health');
    this.audit = new WidgetFrame(page, 'Audit log');
    this.traces = new WidgetFrame(page, 'Recent traces');
  }

  async goto(): Promise<void> {
    await this.page.goto('/observability');
  }

  service(name: string): Locator {
    return this.health.root.getByRole('article', { name: `${name} health` });
  }
}
