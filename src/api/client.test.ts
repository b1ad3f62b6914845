import { afterEach, expect, it } from 'vitest';
import { mockServer } from '../../fixtures/adapters/node';
import { configureAuth } from './client';
import { api } from './endpoints';

afterEach(() => {
  mockServer.events.removeAllListeners();
  // The unit files share one module cache: leave the client signed out, as it starts.
  configureAuth(() => null, () => undefined);
});

it('identical reads at the same time reach the server once; another session reads on its own', async () => {
  configureAuth(() => 'mock.riley', () => undefined);
  const seen: string[] = [];
  mockServer.events.on('request:start', ({ request }) => { seen.push(`${request.method} ${new URL(request.url).pathname}`); });
  const [first, second, metrics] = await Promise.all([api.tasks(), api.tasks(), api.metrics()]);
  expect(seen.filter((line) => line === 'GET /api/tasks')).toHaveLength(1);
  expect(first.items.length).toBeGreaterThan(0);
  expect(second).toEqual(first);
  expect(metrics.items.length).toBeGreaterThan(0);

  // Another session's read is its own request, even while the first one's is in flight.
  const asRiley = api.tasks();
  configureAuth(() => 'mock.vic', () => undefined);
  const asVic = api.tasks();
  await Promise.allSettled([asRiley, asVic]);
  expect(seen.filter((line) => line === 'GET /api/tasks')).toHaveLength(3);
});

it('a read asked for after a write never joins one that started before it', async () => {
  configureAuth(() => 'mock.riley', () => undefined);
  const seen: string[] = [];
  mockServer.events.on('request:start', ({ request }) => { seen.push(`${request.method} ${new URL(request.url).pathname}`); });
  const before = api.approvals();
  const write = api.decide('approval-1', { decision: 'approve' }).catch(() => undefined);
  const after = api.approvals();
  await Promise.allSettled([before, write, after]);
  expect(seen.filter((line) => line === 'GET /api/approvals')).toHaveLength(2);
});
