import { afterEach, describe, expect, it, vi } from 'vitest';
import { FOREIGN_FILLER_PREFIX, fillLocalStorageToQuota } from '../../fixtures/adapters/fill-storage';
import type { Session } from '../api/contract';
import { readSessionCookie, SESSION_COOKIE, storedSessionExpired, writeSessionCookie } from './session-cookie';

const session: Session = {
  token: 'mock.riley',
  user: { name: 'Riley "R; =" Reviewer', role: 'reviewer' },
  expiresAt: '2099-01-15T17:00:00.000Z',
};

describe('the session cookie', () => {
  afterEach(() => {
    writeSessionCookie(null);
    for (const key of Object.keys(localStorage)) if (key.startsWith(FOREIGN_FILLER_PREFIX)) localStorage.removeItem(key);
  });

  it('round-trips a session, including characters that are special in cookies', () => {
    expect(writeSessionCookie(session)).toBe('cookie');
    expect(readSessionCookie()).toEqual(session);
  });

  it('says a session expired even after the browser dropped its cookie at the expiry, and not after a sign-out', () => {
    const after = new Date('2099-01-15T17:00:01.000Z');
    writeSessionCookie(session);
    // What the browser does at the cookie's Expires: the session cookie is gone.
    document.cookie = `${SESSION_COOKIE}=; Max-Age=0; Path=/`;
    expect(readSessionCookie(after)).toBeNull();
    expect(storedSessionExpired(after)).toBe(true);
    expect(storedSessionExpired(new Date('2099-01-15T16:59:59.000Z'))).toBe(false);
    expect(document.cookie).not.toContain('mock.riley');
    writeSessionCookie(null);
    expect(storedSessionExpired(after)).toBe(false);
  });

  it('is gone after sign-out', () => {
    writeSessionCookie(session);
    writeSessionCookie(null);
    expect(readSessionCookie()).toBeNull();
    expect(document.cookie).not.toContain(SESSION_COOKIE);
  });

  it('treats a corrupt or foreign-shaped cookie as signed out instead of throwing', () => {
    document.cookie = `${SESSION_COOKIE}=%E0%A4%A; Path=/`;
    expect(readSessionCookie()).toBeNull();
    document.cookie = `${SESSION_COOKIE}=${encodeURIComponent('{"token":42}')}; Path=/`;
    expect(readSessionCookie()).toBeNull();
    document.cookie = `${SESSION_COOKIE}=chunks:3; Path=/`;
    expect(readSessionCookie()).toBeNull();
  });

  it('survives a localStorage filled to its real quota', () => {
    expect(fillLocalStorageToQuota(localStorage)).toBeGreaterThan(1_000_000);
    expect(writeSessionCookie(session)).toBe('cookie');
    expect(readSessionCookie()).toEqual(session);
  });

  it('ignores other cookies, including ones whose names end the same way', () => {
    document.cookie = `other-${SESSION_COOKIE}=x; Path=/`;
    writeSessionCookie(session);
    expect(readSessionCookie()).toEqual(session);
    document.cookie = `other-${SESSION_COOKIE}=; Max-Age=0; Path=/`;
  });

  it('splits a token too long for one cookie over several, and reads it back whole', () => {
    const long = { ...session, token: `mock.riley.${'x'.repeat(10_000)}` };
    expect(writeSessionCookie(long)).toBe('cookie');
    expect(document.cookie.split(';').filter((part) => part.trim().startsWith(`${SESSION_COOKIE}.`)).length).toBeGreaterThanOrEqual(3);
    expect(readSessionCookie()).toEqual(long);
    writeSessionCookie(null);
    expect(document.cookie).not.toContain(SESSION_COOKIE);
  });

  it('an expired session is not used, and is recognised as expired', () => {
    writeSessionCookie(session);
    const after = new Date('2099-01-15T17:00:01.000Z');
    expect(readSessionCookie(after)).toBeNull();
    expect(storedSessionExpired(after)).toBe(true);
    expect(storedSessionExpired(new Date('2099-01-15T16:59:59.000Z'))).toBe(false);
  });

  it('says when neither cookies nor sessionStorage could keep the session', () => {
    const cookie = vi.spyOn(document, 'cookie', 'set').mockImplementation(() => undefined);
    const storage = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    try {
      expect(writeSessionCookie(session)).toBe('memory');
    } finally {
      cookie.mockRestore();
      storage.mockRestore();
    }
  });

  it('a sessionStorage that throws on reading is taken for no session, not an error', () => {
    const storage = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('denied', 'SecurityError');
    });
    try {
      expect(readSessionCookie()).toBeNull();
    } finally {
      storage.mockRestore();
    }
  });

  it('falls back to sessionStorage when the browser refuses the cookies', () => {
    const cookie = vi.spyOn(document, 'cookie', 'set').mockImplementation(() => undefined);
    try {
      expect(writeSessionCookie(session)).toBe('session-storage');
      expect(readSessionCookie()).toEqual(session);
    } finally {
      cookie.mockRestore();
    }
  });
});
