import { afterEach, describe, expect, it, vi } from 'vitest';
import { FOREIGN_FILLER_PREFIX, fillLocalStorageToQuota } from '../../fixtures/adapters/fill-storage';
import { recordCookieWrites, refuseCookieWrites } from '../../test/cookie-writes';
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

  it('a session is over at the very millisecond it expires', () => {
    writeSessionCookie(session);
    const expiry = new Date(session.expiresAt);
    expect(readSessionCookie(new Date(expiry.getTime() - 1))).toEqual(session);
    expect(readSessionCookie(expiry)).toBeNull();
    expect(storedSessionExpired(new Date(expiry.getTime() - 1))).toBe(false);
    expect(storedSessionExpired(expiry)).toBe(true);
  });

  it('sign-out says the cookie is cleared and also forgets a session kept in sessionStorage', () => {
    const cookie = vi.spyOn(document, 'cookie', 'set').mockImplementation(() => undefined);
    try {
      expect(writeSessionCookie(session)).toBe('session-storage');
    } finally {
      cookie.mockRestore();
    }
    expect(writeSessionCookie(null)).toBe('cookie');
    expect(readSessionCookie()).toBeNull();
    expect(sessionStorage.length).toBe(0);
  });

  it('a session written to cookies leaves no older copy in sessionStorage', () => {
    const cookie = vi.spyOn(document, 'cookie', 'set').mockImplementation(() => undefined);
    try {
      writeSessionCookie(session);
    } finally {
      cookie.mockRestore();
    }
    const next = { ...session, token: 'mock.riley.2' };
    expect(writeSessionCookie(next)).toBe('cookie');
    expect(sessionStorage.length).toBe(0);
  });

  it('keeps a session of exactly the most cookies it splits into in cookies, and one longer in sessionStorage', () => {
    const bare = encodeURIComponent(JSON.stringify({ ...session, token: '' })).length;
    const ofChunks = (count: number) => ({ ...session, token: 'x'.repeat(count * 3_800 - bare) });
    expect(writeSessionCookie(ofChunks(20))).toBe('cookie');
    expect(cookieNames().filter((name) => name.startsWith(`${SESSION_COOKIE}.`))).toHaveLength(20);
    expect(readSessionCookie()).toEqual(ofChunks(20));
    expect(writeSessionCookie({ ...ofChunks(20), token: `${ofChunks(20).token}x` })).toBe('session-storage');
    expect(cookieNames().filter((name) => name.startsWith(SESSION_COOKIE))).toEqual([`${SESSION_COOKIE}-ends`]);
  });

  it('clears the cookies it wrote when reading them back fails, and keeps the session in sessionStorage', () => {
    const long = { ...session, token: `mock.riley.${'x'.repeat(10_000)}` };
    const cookie = refuseCookieWrites((name) => name === `${SESSION_COOKIE}.1`);
    try {
      expect(writeSessionCookie(long)).toBe('session-storage');
    } finally {
      cookie.mockRestore();
    }
    expect(cookieNames().filter((name) => name.startsWith(SESSION_COOKIE))).toEqual([]);
    expect(readSessionCookie()).toEqual(long);
  });

  it('says "memory" when sessionStorage takes the session without keeping it', () => {
    const cookie = vi.spyOn(document, 'cookie', 'set').mockImplementation(() => undefined);
    const storage = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => undefined);
    try {
      expect(writeSessionCookie(session)).toBe('memory');
    } finally {
      cookie.mockRestore();
      storage.mockRestore();
    }
  });

  it('writes every cookie for the whole site, same-site only, without Secure over http, with the session expiry', () => {
    const long = { ...session, token: `mock.riley.${'x'.repeat(5_000)}` };
    const written = recordCookieWrites();
    try {
      writeSessionCookie(long);
    } finally {
      written.spy.mockRestore();
    }
    const expiry = new Date(long.expiresAt).toUTCString();
    const keptUntil = new Date(new Date(long.expiresAt).getTime() + 30 * 24 * 3_600_000).toUTCString();
    expect(written.lines.filter((line) => !line.includes('Max-Age=0'))).toEqual([
      `${SESSION_COOKIE}-ends=${long.expiresAt}; Path=/; SameSite=Strict; Expires=${keptUntil}`,
      expect.stringMatching(new RegExp(`^${SESSION_COOKIE}\\.0=[^;]+; Path=/; SameSite=Strict; Expires=${expiry}$`)),
      expect.stringMatching(new RegExp(`^${SESSION_COOKIE}\\.1=[^;]+; Path=/; SameSite=Strict; Expires=${expiry}$`)),
      `${SESSION_COOKIE}=chunks:2; Path=/; SameSite=Strict; Expires=${expiry}`,
    ]);
  });

  it('sign-out removes only its own cookies', () => {
    document.cookie = 'theme=dark; Path=/';
    writeSessionCookie(session);
    writeSessionCookie(null);
    expect(cookieNames()).toEqual(['theme']);
    document.cookie = 'theme=; Max-Age=0; Path=/';
  });

  it('reads a head cookie as chunked only when it is exactly "chunks:" and a count', () => {
    const part = encodeURIComponent(JSON.stringify(session));
    document.cookie = `${SESSION_COOKIE}.0=${part}; Path=/`;
    for (const head of ['x-chunks:1', 'chunks:1x']) {
      document.cookie = `${SESSION_COOKIE}=${head}; Path=/`;
      expect(readSessionCookie()).toBeNull();
    }
    document.cookie = `${SESSION_COOKIE}=chunks:1; Path=/`;
    expect(readSessionCookie()).toEqual(session);
  });
});

function cookieNames(): string[] {
  return document.cookie
    .split(';')
    .map((part) => part.trim().split('=')[0] ?? '')
    .filter(Boolean);
}
