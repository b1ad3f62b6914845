// @vitest-environment node
import type { Page } from '@playwright/test';
import { expect, it } from 'vitest';
import { trackRequests } from './preview-page';

/** A page whose request events and two-frame waits the test drives by hand. */
function scriptedPage() {
  const handlers = new Map<string, ((payload: unknown) => void)[]>();
  const frameWaits: (() => void)[] = [];
  const page = {
    on: (event: string, handler: (payload: unknown) => void) => {
      handlers.set(event, [...(handlers.get(event) ?? []), handler]);
    },
    evaluate: () => new Promise<void>((done) => frameWaits.push(done)),
  };
  const emit = (event: string, payload: unknown) => {
    for (const handler of handlers.get(event) ?? []) handler(payload);
  };
  const request = (url: string) => ({ url: () => url, resourceType: () => 'fetch', headers: () => ({}) });
  /** Lets the idle loop run until it is waiting for frames again (or has finished). */
  const tick = () => new Promise((done) => setImmediate(done));
  return { page: page as unknown as Page, emit, request, frameWaits, tick };
}

it('waits two frames after the last answer, also when it lands at the end of a wait', async () => {
  const { page, emit, request, frameWaits, tick } = scriptedPage();
  const requests = trackRequests(page);
  const audit = request('/api/observability/audit');
  emit('request', audit);
  let done = false;
  const idle = requests.idle().then((pending) => {
    done = true;
    return pending;
  });
  await tick();
  expect(frameWaits).toHaveLength(1);
  // The answer lands while the runner waits; the page has yet to draw it when the wait ends.
  emit('requestfinished', audit);
  frameWaits[0]?.();
  await tick();
  expect(done).toBe(false);
  expect(frameWaits).toHaveLength(2);
  frameWaits[1]?.();
  await expect(idle).resolves.toEqual([]);
});

it('returns at once when nothing was asked or answered since the last wait', async () => {
  const { page, emit, request, frameWaits, tick } = scriptedPage();
  const requests = trackRequests(page);
  await expect(requests.idle()).resolves.toEqual([]);
  const font = request('/fonts/inter.woff2');
  emit('request', font);
  const idle = requests.idle();
  await tick();
  emit('requestfailed', font);
  frameWaits[0]?.();
  await tick();
  frameWaits[1]?.();
  await expect(idle).resolves.toEqual([]);
  expect(frameWaits).toHaveLength(2);
  await expect(requests.idle()).resolves.toEqual([]);
  expect(frameWaits).toHaveLength(2);
});
