import { expect, test } from '../fixtures/test';

test('adds an item', async ({ cart }) => {
  cart.add('apple');
  expect(cart.items).toContainItem('apple');
});

test('starts empty', async ({ cart }) => {
  expect(cart.items).toEqual([]);
});
