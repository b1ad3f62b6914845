// One observability refresh in Chromium, as the user sees it: the built console with its in-page
// mocks, signed in, on the observability page, the page clock moved on by one refresh interval;
// timed from the jump until every source has answered and the page has drawn it.
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { startMockHttpServer } from '../fixtures/adapters/http-server';
import { MOCK_SESSION_KEYS } from '../fixtures/adapters/session-keys';
import { MOCK_PASSWORD } from '../fixtures/db';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { buildApp } from '../scripts/build-app.mjs';

const REFRESH_MS = 30_000;

/** ms per refresh, `refreshes` of them on one page (the first load is not counted). */
export async function observabilityRefreshes(refreshes: number): Promise<number[]> {
  buildApp(process.cwd(), { mocks: true });
  const server = await startMockHttpServer({ port: 0, staticDir: 'dist', appMocks: true });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    const page = await browser.newPage({ viewport: { width: 1280, height: 900 } });
    await page.addInitScript((key) => sessionStorage.setItem(key, 'manual'), MOCK_SESSION_KEYS.streamMode);
    await page.goto(`${origin}/sign-in`);
    await page.getByLabel('Username').fill('riley');
    await page.getByLabel('Password').fill(MOCK_PASSWORD);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main' }).waitFor();
    await page.clock.install();
    await page.goto(`${origin}/observability`);
    const root = page.locator('.observability');
    const settled = () => page.waitForFunction(() => document.querySelector('.observability')?.getAttribute('data-refreshing') === 'false' && document.querySelector('.observability')?.getAttribute('data-refreshed-at') !== '');
    await settled();
    const times: number[] = [];
    for (let i = 0; i < refreshes; i += 1) {
      const before = await root.getAttribute('data-refreshed-at');
      const started = performance.now();
      await page.clock.fastForward(REFRESH_MS);
      await page.waitForFunction((previous) => {
        const element = document.querySelector('.observability');
        return element?.getAttribute('data-refreshed-at') !== previous && element?.getAttribute('data-refreshing') === 'false';
      }, before);
      // Drawn: the next frame after the last answer landed.
      await page.evaluate(() => new Promise((done) => requestAnimationFrame(() => done(undefined))));
      times.push(performance.now() - started);
    }
    return times;
  } finally {
    await browser.close();
    server.close();
  }
}
