// What every E2E test pays before its first step: a new browser context, the console loaded signed
// in, until the dashboard's tasks show. Wall time and the machine's CPU time per load (both cores,
// from /proc/stat; Linux only), against the same context loading an empty page, with the mock
// backend in the page (the `chromium` project) and behind the server (`network`).
import { readFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { chromium } from '@playwright/test';
import { startMockHttpServer } from '../fixtures/adapters/http-server';
import { chromiumLaunchOptions } from '../scripts/browser.mjs';
import { buildApp } from '../scripts/build-app.mjs';
import { signIn } from './console';

export type LoadKind = 'empty page' | 'console, mocks in the page' | 'console, mocks over the network';
export interface LoadFigures {
  kind: LoadKind;
  wallMs: number[];
  cpuMs: number[];
}

/** CPU time the whole machine has spent busy, in ms (user, nice, system, irq, softirq). */
function busyMs(): number | undefined {
  try {
    const fields = readFileSync('/proc/stat', 'utf8').split('\n')[0]?.trim().split(/\s+/).slice(1).map(Number) ?? [];
    const [user = 0, nice = 0, system = 0, , , irq = 0, softirq = 0] = fields;
    return ((user + nice + system + irq + softirq) * 1000) / 100;
  } catch {
    return undefined;
  }
}

export async function appLoadRound(loads: number): Promise<LoadFigures[]> {
  buildApp(process.cwd(), { mocks: true });
  const [inPage, overNetwork] = await Promise.all([true, false].map((appMocks) => startMockHttpServer({ port: 0, staticDir: 'dist', appMocks })));
  if (!inPage || !overNetwork) throw new Error('the mock servers did not start');
  const servers = [inPage, overNetwork];
  const browser = await chromium.launch(chromiumLaunchOptions());
  try {
    // Signed in once per origin, as the E2E setup project does; every load reuses that state.
    const [worker, network] = await Promise.all(
      servers.map(async (server) => {
        const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
        const context = await browser.newContext();
        await signIn(await context.newPage(), origin);
        const state = await context.storageState();
        await context.close();
        return { origin, state };
      }),
    );
    if (!worker || !network) throw new Error('signing in failed');
    const cases = [
      { kind: 'empty page' as const, ...worker, path: '/console-config.js', ready: 'body' },
      { kind: 'console, mocks in the page' as const, ...worker, path: '/dashboard', ready: '[role=progressbar]' },
      { kind: 'console, mocks over the network' as const, ...network, path: '/dashboard', ready: '[role=progressbar]' },
    ];
    const results: LoadFigures[] = cases.map(({ kind }) => ({ kind, wallMs: [], cpuMs: [] }));
    // Interleaved, so a slow spell of the machine falls on every case alike.
    for (let load = 0; load < loads; load += 1) {
      for (const [index, item] of cases.entries()) {
        const cpuBefore = busyMs();
        const started = performance.now();
        const context = await browser.newContext({ storageState: item.state, viewport: { width: 1280, height: 900 } });
        const page = await context.newPage();
        await page.goto(`${item.origin}${item.path}`);
        await page.locator(item.ready).first().waitFor();
        await context.close();
        const cpuAfter = busyMs();
        results[index]?.wallMs.push(performance.now() - started);
        if (cpuBefore !== undefined && cpuAfter !== undefined) results[index]?.cpuMs.push(cpuAfter - cpuBefore);
      }
    }
    return results;
  } finally {
    await browser.close();
    for (const server of servers) server.close();
  }
}
