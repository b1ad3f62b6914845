import type { Locator } from '@playwright/test';

/** The notice that says live updates are paused or off, with its "Reconnect now" button. */
export class LiveNotice {
  readonly root: Locator;
  readonly reconnectNow: Locator;

  constructor(scope: Locator) {
    this.root = scope
      .getByRole('status')
      .or(scope.getByRole('alert'))
      .filter({ hasText: /^Live updates/ });
    this.reconnectNow = scope.getByRole('button', { name: 'Reconnect now' });
  }
}
