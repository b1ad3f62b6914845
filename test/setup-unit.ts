// Testing Library unmounts after each test by itself because the unit project runs with globals.
import '@testing-library/jest-dom/vitest';
import 'fake-indexeddb/auto';
import { afterAll, beforeAll, beforeEach, vi } from 'vitest';
import { mockServer, startMockServer, useScenario } from '../fixtures/adapters/node';

beforeAll(() => startMockServer());
beforeEach(() => { useScenario('happy'); });
afterAll(() => mockServer.close());

// A console.error fails the test unless the test says it expects one (vi.spyOn(console, 'error').mockImplementation(...)).
beforeEach(() => {
  vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => {
    throw new Error(`Unexpected console.error: ${args.map(String).join(' ')}`);
  });
});
