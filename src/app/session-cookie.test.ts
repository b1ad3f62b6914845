import { afterEach, describe, expect, it } from 'vitest';
import type { Session } from '../api/contract';
import { readSessionCookie, SESSION_COOKIE, writeSessionCookie } from './session-cookie';

const session: Session = {
  token: 'mock.riley',
  user: { name: 'Riley "R; =" Reviewer', role: 'reviewer' },
  expiresAt: '2026-01-15T17:00:00.000Z',
};

describe('the session cookie', () => {
  afterEach(() => writeSessionCookie(null));

  it('round-trips a session, including characters that are special in cookies', () => {
    writeSessionCookie(session);
    expect(readSessionCookie()).toEqual(session);
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
  });

  it('survives a localStorage that is full', () => {
    const original = Storage.prototype.setItem;
    Storage.prototype.setItem = () => { throw new DOMException('full', 'QuotaExceededError'); };
    try {
      writeSessionCookie(session);
      expect(readSessionCookie()).toEqual(session);
    } finally {
      Storage.prototype.setItem = original;
    }
  });

  it('ignores other cookies, including ones whose names end the same way', () => {
    document.cookie = `other-${SESSION_COOKIE}=x; Path=/`;
    writeSessionCookie(session);
    expect(readSessionCookie()).toEqual(session);
    document.cookie = `other-${SESSION_COOKIE}=; Max-Age=0; Path=/`;
  });
});
