import { afterEach, expect, it, vi } from 'vitest';
import { mockServer } from '../../fixtures/adapters/node';
import { http, HttpResponse } from 'msw';
import { z } from 'zod';
import { configureAuth, request } from './client';
import { api } from './endpoints';
import { ApiError, parseRetryAfter } from './errors';

afterEach(() => {
  mockServer.events.removeAllListeners();
  // The unit files share one module cache: leave the client signed out, as it starts.
  configureAuth(
    () => null,
    () => undefined,
  );
});

it('identical reads at the same time reach the server once; another session reads on its own', async () => {
  configureAuth(
    () => 'mock.riley',
    () => undefined,
  );
  const seen: string[] = [];
  mockServer.events.on('request:start', ({ request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  const [first, second, metrics] = await Promise.all([api.tasks(), api.tasks(), api.metrics()]);
  expect(seen.filter((line) => line === 'GET /api/tasks')).toHaveLength(1);
  expect(first.items.length).toBeGreaterThan(0);
  expect(second).toEqual(first);
  expect(metrics.items.length).toBeGreaterThan(0);

  // Another session's read is its own request, even while the first one's is in flight.
  const asRiley = api.tasks();
  configureAuth(
    () => 'mock.vic',
    () => undefined,
  );
  const asVic = api.tasks();
  await Promise.allSettled([asRiley, asVic]);
  expect(seen.filter((line) => line === 'GET /api/tasks')).toHaveLength(3);
});

it('a read asked for after a write never joins one that started before it', async () => {
  configureAuth(
    () => 'mock.riley',
    () => undefined,
  );
  const seen: string[] = [];
  mockServer.events.on('request:start', ({ request }) => {
    seen.push(`${request.method} ${new URL(request.url).pathname}`);
  });
  const before = api.approvals();
  const write = api.decide('approval-1', { decision: 'approve' }).catch(() => undefined);
  const after = api.approvals();
  await Promise.allSettled([before, write, after]);
  expect(seen.filter((line) => line === 'GET /api/approvals')).toHaveLength(2);
});

it('429 with Retry-After is "busy" with the wait the server asked for, not a plain failure', async () => {
  configureAuth(
    () => 'mock.riley',
    () => undefined,
  );
  mockServer.use(http.get('*/api/tasks', () => new HttpResponse(null, { status: 429, headers: { 'retry-after': '3' } })));
  const error = await api.tasks().catch((caught: unknown) => caught);
  expect(error).toBeInstanceOf(ApiError);
  expect(error).toMatchObject({ kind: 'busy', status: 429, retryAfterMs: 3_000, message: 'The server is busy (HTTP 429).' });
});

it('a time-out while the body is still arriving is a time-out, not data the console cannot read', async () => {
  configureAuth(
    () => 'mock.riley',
    () => undefined,
  );
  // The head arrives, the body starts and never ends; the request's signal ends the body as fetch does.
  const stalled: typeof fetch = (_input, init) =>
    Promise.resolve(
      new Response(
        new ReadableStream({
          start: (body) => {
            body.enqueue(new TextEncoder().encode('{"tasks":['));
            init?.signal?.addEventListener('abort', () => body.error(init.signal?.reason));
          },
        }),
        { headers: { 'content-type': 'application/json' } },
      ),
    );
  vi.stubGlobal('fetch', stalled);
  try {
    const error = await request('/api/tasks', z.unknown(), { timeoutMs: 50 }).catch((caught: unknown) => caught);
    expect(error).toMatchObject({ kind: 'timeout', message: 'The server did not answer in time.' });
  } finally {
    vi.unstubAllGlobals();
  }
});

it('reads Retry-After as seconds or as a date', () => {
  expect(parseRetryAfter('3')).toBe(3_000);
  expect(parseRetryAfter('Thu, 03 Dec 2026 20:00:05 GMT', Date.parse('2026-12-03T20:00:00Z'))).toBe(5_000);
  expect(parseRetryAfter('soon')).toBeUndefined();
  expect(parseRetryAfter(null)).toBeUndefined();
});
