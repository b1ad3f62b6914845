// @vitest-environment-options { "storageQuota": 2000 }
import { afterEach, describe, expect, it, vi } from 'vitest';
import { isQuotaError, LocalTier } from './local-tier';
import { encodeRecord, ownKey, SCHEMA_VERSION, type RecordKind, type StoredRecord } from './record';

// jsdom's localStorage here holds 2,000 characters (keys and values): a real quota, small enough
// that a few records fill it.
const record = (kind: RecordKind, usedAt: number, data: unknown = 'x'): StoredRecord => ({ v: SCHEMA_VERSION, kind, rev: usedAt, usedAt, data });
const bytesOf = (key: string, value: string) => (key.length + value.length) * 2;

afterEach(() => {
  localStorage.clear();
});

describe('which errors mean "storage full"', () => {
  it('the standard name, the old Firefox one and the legacy code 22; nothing else', () => {
    expect(isQuotaError(new DOMException('full', 'QuotaExceededError'))).toBe(true);
    expect(isQuotaError(new DOMException('full', 'NS_ERROR_DOM_QUOTA_REACHED'))).toBe(true);
    expect(isQuotaError(Object.defineProperty(new DOMException('full', 'UnknownError'), 'code', { value: 22 }))).toBe(true);
    expect(isQuotaError(new DOMException('blocked', 'SecurityError'))).toBe(false);
    expect(isQuotaError(Object.assign(new Error('full'), { name: 'QuotaExceededError', code: 22 }))).toBe(false);
    expect(isQuotaError('QuotaExceededError')).toBe(false);
  });
});

describe('opening localStorage', () => {
  it('a usable storage opens and keeps no probe behind; a full one still opens; a blocked one does not', () => {
    const tier = LocalTier.open();
    expect(tier?.raw).toBe(window.localStorage);
    expect(localStorage.length).toBe(0);
    localStorage.setItem('other-app', 'x'.repeat(1_990));
    expect(LocalTier.open()?.raw).toBe(window.localStorage);
    localStorage.clear();
    const blocked = vi.spyOn(window, 'localStorage', 'get').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    try {
      expect(LocalTier.open()).toBeUndefined();
    } finally {
      blocked.mockRestore();
    }
  });

  it('a storage that refuses reads reads as empty', () => {
    const tier = new LocalTier(localStorage);
    localStorage.setItem(ownKey('layout', 'a'), 'v');
    const getItem = vi.spyOn(Storage.prototype, 'getItem').mockImplementation(() => {
      throw new DOMException('blocked', 'SecurityError');
    });
    try {
      expect(tier.read(ownKey('layout', 'a'))).toBeNull();
    } finally {
      getItem.mockRestore();
    }
  });
});

describe('counting', () => {
  it("own keys are this app's (quarantine aside), and bytes are two a character, keys included", () => {
    const tier = new LocalTier(localStorage);
    localStorage.setItem(ownKey('layout', 'a'), 'abc');
    localStorage.setItem(ownKey('draft', 'b'), 'de');
    localStorage.setItem('agent-console/quarantine/layout/c', 'zzzz');
    localStorage.setItem('other-app', '12345');
    expect(tier.ownKeys().sort()).toEqual([ownKey('draft', 'b'), ownKey('layout', 'a')]);
    expect(tier.ownBytes()).toBe(bytesOf(ownKey('layout', 'a'), 'abc') + bytesOf(ownKey('draft', 'b'), 'de'));
    expect(tier.totalBytes()).toBe(
      bytesOf(ownKey('layout', 'a'), 'abc') +
        bytesOf(ownKey('draft', 'b'), 'de') +
        bytesOf('agent-console/quarantine/layout/c', 'zzzz') +
        bytesOf('other-app', '12345'),
    );
  });
});

describe('writing into a full storage', () => {
  it('a write with room says ok and nothing more', () => {
    const tier = new LocalTier(localStorage);
    expect(tier.write(ownKey('layout', 'a'), record('layout', 1))).toStrictEqual({ ok: true, evicted: [] });
  });

  it("evicts the records saved longest ago, unreadable ones first, never drafts, other apps' keys or the key being written", () => {
    const tier = new LocalTier(localStorage);
    const big = 'y'.repeat(300);
    localStorage.setItem('other-app', 'o'.repeat(200));
    localStorage.setItem(ownKey('layout', 'corrupt'), '{not json');
    tier.write(ownKey('draft', 'words'), record('draft', 1, big));
    tier.write(ownKey('layout', 'old'), record('layout', 2, big));
    tier.write(ownKey('layout', 'newer'), record('layout', 3, big));
    tier.write(ownKey('layout', 'target'), record('layout', 4, 'small'));
    const before = tier.totalBytes();
    const previous = localStorage.getItem(ownKey('layout', 'target')) ?? '';
    const value = encodeRecord(record('layout', 5, 'z'.repeat(700)));
    const result = tier.write(ownKey('layout', 'target'), record('layout', 5, 'z'.repeat(700)));
    expect(result).toStrictEqual({
      ok: true,
      evicted: [ownKey('layout', 'corrupt'), ownKey('layout', 'old')],
      refusedAtBytes: before - bytesOf(ownKey('layout', 'target'), previous) + bytesOf(ownKey('layout', 'target'), value),
    });
    expect(localStorage.getItem(ownKey('draft', 'words'))).not.toBeNull();
    expect(localStorage.getItem('other-app')).not.toBeNull();
    expect(localStorage.getItem(ownKey('layout', 'newer'))).not.toBeNull();
  });

  it("a new key's refusal counts all of it, and a write nothing can make room for fails without losing the rest", () => {
    const tier = new LocalTier(localStorage);
    localStorage.setItem('other-app', 'o'.repeat(1_500));
    tier.write(ownKey('draft', 'words'), record('draft', 1, 'w'.repeat(100)));
    const before = tier.totalBytes();
    const value = encodeRecord(record('layout', 2, 'z'.repeat(600)));
    expect(tier.write(ownKey('layout', 'new'), record('layout', 2, 'z'.repeat(600)))).toStrictEqual({
      ok: false,
      evicted: [],
      refusedAtBytes: before + bytesOf(ownKey('layout', 'new'), value),
    });
    expect(localStorage.getItem(ownKey('draft', 'words'))).not.toBeNull();
    expect(localStorage.getItem(ownKey('layout', 'new'))).toBeNull();
  });

  it('a write refused for another reason says why and evicts nothing', () => {
    const tier = new LocalTier(localStorage);
    tier.write(ownKey('layout', 'old'), record('layout', 1));
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('The operation is insecure.', 'SecurityError');
    });
    try {
      expect(tier.write(ownKey('layout', 'a'), record('layout', 2))).toStrictEqual({
        ok: false,
        evicted: [],
        error: 'SecurityError: The operation is insecure.',
      });
    } finally {
      setItem.mockRestore();
    }
    expect(localStorage.getItem(ownKey('layout', 'old'))).not.toBeNull();
  });
});
