// One observability refresh in Chromium, as the user sees it: the built console with its in-page
// mocks, signed in, on the observability page, the page clock moved on by one refresh interval;
// timed from the jump until every source has answered and the page has drawn it.
import { MOCK_SESSION_KEYS } from '../fixtures/adapters/session-keys';
import { DEFAULT_OBSERVABILITY_REFRESH_MS } from '../src/config/refresh-interval';
import { openConsole } from './console';

/** ms per refresh, `refreshes` of them on one page (the first load is not counted). */
export async function observabilityRefreshes(refreshes: number): Promise<number[]> {
  // Nothing moves on its own (manual streams), so only the refresh is timed.
  const { origin, page, close } = await openConsole({
    appMocks: true,
    initScripts: [`sessionStorage.setItem(${JSON.stringify(MOCK_SESSION_KEYS.streamMode)}, 'manual');`],
  });
  try {
    await page.clock.install();
    await page.goto(`${origin}/observability`);
    const root = page.getByTestId('observability-page');
    const settled = () =>
      page.waitForFunction(
        () =>
          document.querySelector('[data-testid="observability-page"]')?.getAttribute('data-refreshing') === 'false' &&
          document.querySelector('[data-testid="observability-page"]')?.getAttribute('data-refreshed-at') !== '',
      );
    await settled();
    const times: number[] = [];
    for (let i = 0; i < refreshes; i += 1) {
      const before = await root.getAttribute('data-refreshed-at');
      const started = performance.now();
      await page.clock.fastForward(DEFAULT_OBSERVABILITY_REFRESH_MS);
      await page.waitForFunction((previous) => {
        const element = document.querySelector('[data-testid="observability-page"]');
        return element?.getAttribute('data-refreshed-at') !== previous && element?.getAttribute('data-refreshing') === 'false';
      }, before);
      // Drawn: the next frame after the last answer landed.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(undefined))));
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await close();
  }
}
