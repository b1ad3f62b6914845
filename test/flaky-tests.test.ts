import { expect, it } from 'vitest';
import { flakyTests } from '../scripts/flaky-tests.mjs';

it('names every test that passed only on retry, with its project and path', () => {
  const report = {
    suites: [{
      title: 'tests/approval-queue.spec.ts',
      specs: [{ title: 'a reviewer approves a proposal', tests: [{ projectName: 'chromium', status: 'flaky' }, { projectName: 'network', status: 'expected' }] }],
      suites: [{ title: 'as a viewer', specs: [{ title: 'sees the queue read-only', tests: [{ projectName: 'network', status: 'flaky' }] }] }],
    }],
  };
  expect(flakyTests(report)).toEqual([
    '[chromium] tests/approval-queue.spec.ts › a reviewer approves a proposal',
    '[network] tests/approval-queue.spec.ts › as a viewer › sees the queue read-only',
  ]);
  expect(flakyTests(undefined)).toEqual([]);
});
