import { expect, test } from '@playwright/test';
import { quarantine } from '../../e2e/support/quarantine';

// Each test is red for the reason its title gives; main-ledger.jsonl is main's history of them.

test('passes here and on main', () => {
  expect(1 + 1).toBe(2);
});

test('stable on main, broken by this change', () => {
  expect('total: 41', 'the total shown').toBe('total: 42');
});

test('known flaky, passes on retry', () => {
  // Fails its first attempt with the error it has failed with on main before, passes its retry.
  expect(test.info().retry, 'the second request answered first').toBe(1);
});

test('broken on main too', () => {
  expect(false, 'the approvals endpoint answers 500').toBe(true);
});

test('new in this change', () => {
  expect([], 'no rows rendered').toHaveLength(3);
});

test('quarantined and failing', quarantine({ owner: '@qa-fixtures', reason: '#30 proves the verdict names it', expires: '2099-12-31' }), () => {
  expect(true, 'quarantined and failing on purpose').toBe(false);
});
