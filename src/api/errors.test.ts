import { expect, it } from 'vitest';
import { ApiError, describeError, kindForStatus, parseRetryAfter } from './errors';

it('describes an API error, any Error, and a thrown value that is neither', () => {
  expect(describeError(new ApiError('server', 'The server failed (HTTP 503).', 503))).toBe('The server failed (HTTP 503).');
  expect(describeError(new TypeError('Failed to fetch'))).toBe('Failed to fetch');
  expect(describeError('a string thrown by a library')).toBe('Something went wrong.');
  expect(describeError(undefined)).toBe('Something went wrong.');
});

it('an API error says what it is', () => {
  expect(new ApiError('timeout', 'late')).toMatchObject({ name: 'ApiError', kind: 'timeout', status: undefined, retryAfterMs: undefined });
});

it("tells each status's kind: 5xx from 500 on, and the rest a request the client made wrong", () => {
  expect([401, 403, 409, 429, 499, 500, 503, 404, 422].map(kindForStatus)).toEqual([
    'unauthorized',
    'forbidden',
    'conflict',
    'busy',
    'client',
    'server',
    'server',
    'client',
    'client',
  ]);
});

it('reads Retry-After trimmed, as whole seconds only, else as a date', () => {
  expect(parseRetryAfter(' 12 ')).toBe(12_000);
  expect(parseRetryAfter('   ')).toBeUndefined();
  expect(parseRetryAfter('')).toBeUndefined();
  expect(parseRetryAfter('a3')).toBeUndefined();
  expect(parseRetryAfter('3 seconds')).toBeUndefined();
  expect(parseRetryAfter('Thu, 03 Dec 2026 19:59:00 GMT', Date.parse('2026-12-03T20:00:00Z'))).toBe(0);
});
