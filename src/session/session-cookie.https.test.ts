// @vitest-environment-options { "url": "https://console.example/" }
import { afterEach, expect, it } from 'vitest';
import { recordCookieWrites } from '../../test/cookie-writes';
import type { Session } from '../api/contract';
import { readSessionCookie, writeSessionCookie } from './session-cookie';

const session: Session = { token: 'mock.riley', user: { name: 'Riley', role: 'reviewer' }, expiresAt: '2099-01-15T17:00:00.000Z' };

afterEach(() => {
  writeSessionCookie(null);
});

it('over https every cookie is Secure, and the session still reads back', () => {
  const { lines, spy } = recordCookieWrites();
  try {
    expect(writeSessionCookie(session)).toBe('cookie');
  } finally {
    spy.mockRestore();
  }
  expect(lines.length).toBeGreaterThan(0);
  for (const line of lines) expect(line).toMatch(/; Path=\/; SameSite=Strict; Secure(;|$)/);
  expect(readSessionCookie()).toEqual(session);
});
