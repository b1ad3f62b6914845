// Runs before every unit test file. The unit project shares one module cache and one jsdom per
// worker across files (isolate: false, for speed), so everything a test can leave behind is reset
// here explicitly rather than by a fresh environment: the rendered DOM, storage and the scenario.
import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
// eslint-disable-next-line testing-library/no-manual-cleanup -- needed: with a shared module cache its own runs once per worker (below)
import { cleanup } from '@testing-library/react';
import { afterAll, afterEach, beforeAll, beforeEach, vi } from 'vitest';
import { mockServer, startMockServer, useScenario } from '../fixtures/adapters/node';
import { freshIndexedDb } from './storage-helpers';

beforeAll(() => startMockServer());
beforeEach(() => {
  useScenario('happy');
  // A fresh, empty browser storage for every test, as a new page would have (files that run in
  // the node environment have none).
  if (typeof document === 'undefined') return;
  localStorage.clear();
  sessionStorage.clear();
  freshIndexedDb();
  document.cookie
    .split(';')
    .map((pair) => pair.split('=')[0]?.trim())
    .filter(Boolean)
    .forEach((name) => {
      document.cookie = `${name}=; expires=Thu, 01 Jan 1970 00:00:00 GMT; path=/`;
    });
});
// Testing Library registers its own cleanup only when first imported, which with a shared module
// cache is once per worker, not once per file: without this, a file's rendered DOM leaked into the next.
afterEach(() => {
  if (typeof document !== 'undefined') cleanup();
});
afterAll(() => mockServer.close());

// A console.error fails the test unless the test says it expects one (vi.spyOn(console, 'error').mockImplementation(...)).
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    throw new Error(`Unexpected console.error: ${args.map(String).join(' ')}`);
  });
});
