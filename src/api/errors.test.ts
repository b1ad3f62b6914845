import { expect, it } from 'vitest';
import { ApiError, describeError } from './errors';

it('describes an API error, any Error, and a thrown value that is neither', () => {
  expect(describeError(new ApiError('server', 'The server failed (HTTP 503).', 503))).toBe('The server failed (HTTP 503).');
  expect(describeError(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
  expect(describeError('a string thrown by a library')).toBe('Something went wrong.');
  expect(describeError(undefined)).toBe('Something went wrong.');
});
