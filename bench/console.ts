// The built console in Chromium, signed in, for the benches that drive it: served by the local
// HTTP mock server, with its mocks in the page (`appMocks`) or behind the server over a real socket.
import type { AddressInfo } from 'node:net';
import { chromium, type Page } from '@playwright/test';
import { startMockHttpServer } from '../fixtures/adapters/http-server';
import { MOCK_PASSWORD } from '../fixtures/db';
import type { ScenarioName } from '../fixtures/scenarios';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { MOCK_SESSION_COOKIE, MOCK_SESSION_HEADER } from '../fixtures/adapters/session-keys';
import { buildApp } from '../scripts/build-app.mjs';

export interface BenchConsole {
  origin: string;
  page: Page;
  /** The page's mock session on the server (its cookie), for requests made from here. */
  session: string;
  /** A mock driver call over HTTP (`driver/liveStats`, `scenario/busy`…), for this page's session. */
  control(path: string, init: RequestInit): Promise<unknown>;
  close(): Promise<void>;
}

/** Signs in as the mock reviewer through the sign-in page, as a user would. */
export async function signIn(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/sign-in`);
  await page.getByLabel('Username').fill('riley');
  await page.getByLabel('Password').fill(MOCK_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.getByRole('navigation', { name: 'Main' }).waitFor();
}

export async function openConsole({
  appMocks,
  scenario,
  initScripts = [],
}: {
  appMocks: boolean;
  scenario?: ScenarioName;
  initScripts?: (string | (() => void))[];
}): Promise<BenchConsole> {
  buildApp(process.cwd(), { mocks: true });
  const server = await startMockHttpServer({ port: 0, staticDir: 'dist', appMocks });
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const browser = await chromium.launch(chromiumLaunchOptions());
  const close = async () => {
    await browser.close();
    server.close();
  };
  try {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const session = `bench-${Date.now()}`;
    await context.addCookies([{ name: MOCK_SESSION_COOKIE, value: session, url: origin }]);
    const control = (path: string, init: RequestInit) =>
      fetch(`${origin}/__mock/${path}`, { ...init, headers: { 'content-type': 'application/json', [MOCK_SESSION_HEADER]: session } }).then(async (response) => {
        if (!response.ok) throw new Error(`${path}: ${response.status} ${await response.text()}`);
        return response.json() as Promise<unknown>;
      });
    if (scenario) await control(`scenario/${scenario}`, { method: 'PUT' });
    const page = await context.newPage();
    // tsx keeps function names with a `__name` helper the page does not have: without this stub an
    // init script stops at its first named inner function.
    await page.addInitScript({ content: 'globalThis.__name = (fn) => fn;' });
    for (const script of initScripts) await page.addInitScript(typeof script === 'string' ? { content: script } : script);
    await signIn(page, origin);
    return { origin, page, session, control, close };
  } catch (error) {
    await close();
    throw error;
  }
}
