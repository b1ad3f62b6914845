import { IDBObjectStore } from 'fake-indexeddb';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { freshIndexedDb } from '../../test/storage-helpers';
import { IdbTier } from './idb-tier';
import { LocalTier } from './local-tier';
import { decodeRecord, encodeRecord, isOwnKey, ownKey, SCHEMA_VERSION, type StoredRecord } from './record';
import { Revisions } from './revisions';
import { setAside } from './set-aside';
import { MEMORY_ONLY_WARNING, StoreHealthState } from './store-health';
import { measureUsage, type StorageUsage } from './usage';

const record = (rev: number, data: unknown = 'x'): StoredRecord => ({ v: SCHEMA_VERSION, kind: 'layout', rev, usedAt: rev, data });
const usage = (ratio: number): StorageUsage => ({ ownBytes: 0, totalBytes: 0, capacityBytes: 1, ratio });

afterEach(() => {
  localStorage.clear();
  vi.unstubAllGlobals();
});

describe('revisions', () => {
  it('each save goes above every revision seen and never below the clock', () => {
    const revisions = new Revisions();
    expect(revisions.next('a', 100)).toBe(100);
    expect(revisions.next('a', 50)).toBe(101);
    revisions.seen('b', 500);
    revisions.seen('b', 200);
    expect(revisions.next('c', 10)).toBe(501);
    expect(revisions.next('c', 1_000)).toBe(1_000);
  });

  it('announces a newer copy from another tab once, and ignores an older, equal, foreign or unreadable one', () => {
    const revisions = new Revisions();
    const heard: [string, number][] = [];
    const stop = revisions.onNewer((key, found) => heard.push([key, found.rev]));
    const key = ownKey('layout', 'dashboard');
    revisions.seen(key, 10);
    revisions.fromOtherTab(key, encodeRecord(record(9)));
    revisions.fromOtherTab(key, encodeRecord(record(10)));
    revisions.fromOtherTab(key, encodeRecord(record(11)));
    revisions.fromOtherTab(key, encodeRecord(record(11)));
    revisions.fromOtherTab('other-app/layout', encodeRecord(record(50)));
    revisions.fromOtherTab(null, encodeRecord(record(50)));
    revisions.fromOtherTab(key, null);
    revisions.fromOtherTab(key, '{not json');
    revisions.fromOtherTab(ownKey('layout', 'new'), encodeRecord(record(0)));
    expect(heard).toEqual([
      [key, 11],
      [ownKey('layout', 'new'), 0],
    ]);
    // What another tab saved counts as seen: this tab's next save goes above it.
    expect(revisions.next(key, 0)).toBe(12);
    stop();
    revisions.fromOtherTab(key, encodeRecord(record(99)));
    expect(heard).toHaveLength(2);
  });
});

describe('stored records', () => {
  it('own keys start with the prefix and are not set aside', () => {
    expect(isOwnKey(ownKey('draft', 'x'))).toBe(true);
    expect(isOwnKey('agent-console/quarantine/draft/x')).toBe(false);
    expect(isOwnKey('other/agent-console/quarantine/')).toBe(false);
    expect(isOwnKey('my-agent-console/draft/x')).toBe(false);
  });

  it('a current record is not migrated; a version-1 one is; anything else names its version', () => {
    expect(decodeRecord(encodeRecord(record(3)))).toEqual({ record: record(3), migrated: false });
    expect(decodeRecord(JSON.stringify({ v: 1, kind: 'draft', savedAt: 7, value: 'w' }))).toEqual({
      record: { v: SCHEMA_VERSION, kind: 'draft', rev: 7, usedAt: 7, data: 'w' },
      migrated: true,
    });
    expect(decodeRecord('{"v":9}')).toEqual({ error: 'unknown schema version 9' });
    expect(decodeRecord('{"kind":"draft"}')).toEqual({ error: 'unknown schema version none' });
    expect(decodeRecord('null')).toEqual({ error: 'unknown schema version none' });
    expect(decodeRecord('"v"')).toEqual({ error: 'unknown schema version none' });
    expect(decodeRecord('nope')).toEqual({ error: 'not valid JSON' });
  });
});

describe('setting a record aside', () => {
  it('moves it under the quarantine prefix with a warning; without room, it is only removed', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const local = new LocalTier(localStorage);
    const key = ownKey('layout', 'dashboard');
    localStorage.setItem(key, '{broken');
    setAside(local, key, '{broken', 'not valid JSON');
    expect(localStorage.getItem(key)).toBeNull();
    expect(localStorage.getItem('agent-console/quarantine/layout/dashboard')).toBe('{broken');
    expect(warn).toHaveBeenCalledWith('[storage] set aside agent-console/layout/dashboard: not valid JSON');
    localStorage.setItem(key, '{broken');
    const setItem = vi.spyOn(Storage.prototype, 'setItem').mockImplementation(() => {
      throw new DOMException('full', 'QuotaExceededError');
    });
    setAside(local, key, '{broken', 'not valid JSON');
    setItem.mockRestore();
    expect(localStorage.getItem(key)).toBeNull();
    expect(() => setAside(undefined, key, '{broken', 'no localStorage')).not.toThrow();
  });
});

describe('measuring usage', () => {
  it("counts own and total bytes against the capacity, with the browser's estimate when it has one", async () => {
    localStorage.setItem(ownKey('layout', 'a'), 'abc');
    localStorage.setItem('other', 'defg');
    const local = new LocalTier(localStorage);
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 10, quota: 100 }) } });
    const measured = await measureUsage(local, 1_000);
    expect(measured).toEqual({
      ownBytes: local.ownBytes(),
      totalBytes: local.totalBytes(),
      capacityBytes: 1_000,
      ratio: local.totalBytes() / 1_000,
      estimate: { usage: 10, quota: 100 },
    });
    expect(local.ownBytes()).toBeGreaterThan(0);
  });

  it('without localStorage, a capacity or an estimate, the figures are zero and nothing is made up', async () => {
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ usage: 10 }) } });
    expect(await measureUsage(undefined, 0)).toStrictEqual({ ownBytes: 0, totalBytes: 0, capacityBytes: 0, ratio: 0 });
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.resolve({ quota: 10 }) } });
    expect(await measureUsage(undefined, 0)).not.toHaveProperty('estimate');
    for (const navigator of [{}, { storage: {} }, undefined]) {
      vi.stubGlobal('navigator', navigator);
      expect(await measureUsage(undefined, 0)).not.toHaveProperty('estimate');
    }
    vi.stubGlobal('navigator', { storage: { estimate: () => Promise.reject(new Error('denied')) } });
    expect(await measureUsage(undefined, 0)).not.toHaveProperty('estimate');
  });
});

describe("the store's health", () => {
  it('starts durable, says so when only memory is left, and clears the message once a write is durable again', () => {
    const health = new StoreHealthState();
    const heard: unknown[] = [];
    health.onChange((state) => heard.push(state));
    expect(health.current).toEqual({ mode: 'durable', nearQuota: false });
    health.memoryOnly();
    expect(health.current).toEqual({ mode: 'memory', nearQuota: false, message: MEMORY_ONLY_WARNING });
    health.durable(usage(0.1));
    expect(health.current).toStrictEqual({ mode: 'durable', nearQuota: false });
    expect(heard).toHaveLength(2);
    health.durable(usage(0.1));
    expect(heard).toHaveLength(2);
  });

  it('warns once on crossing 80% of the quota, and says when it is back under', () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const health = new StoreHealthState();
    const heard: boolean[] = [];
    const stop = health.onChange((state) => heard.push(state.nearQuota));
    health.durable(usage(0.79));
    health.durable(usage(0.8));
    health.durable(usage(0.9));
    expect(warn.mock.calls).toEqual([['[storage] 80% of browser storage is in use.']]);
    health.durable(usage(0.5));
    expect(heard).toEqual([true, false]);
    stop();
    health.durable(usage(0.95));
    expect(heard).toEqual([true, false]);
    expect(health.current.nearQuota).toBe(true);
  });

  it('lists every record set aside, keeping the mode and its message', () => {
    const health = new StoreHealthState();
    health.memoryOnly();
    health.setAside('layout/a: not valid JSON');
    health.setAside('draft/b: unknown schema version 9');
    expect(health.current).toEqual({
      mode: 'memory',
      nearQuota: false,
      message: MEMORY_ONLY_WARNING,
      setAside: ['layout/a: not valid JSON', 'draft/b: unknown schema version 9'],
    });
  });
});

describe('the IndexedDB tier', () => {
  it('is missing without IndexedDB, or when opening it fails', async () => {
    vi.stubGlobal('indexedDB', undefined);
    expect(await IdbTier.open()).toBeUndefined();
    vi.stubGlobal('indexedDB', {
      open: () => {
        throw new DOMException('blocked', 'SecurityError');
      },
    });
    expect(await IdbTier.open()).toBeUndefined();
  });

  it('keeps records, and a failing database reads as empty and refuses writes instead of throwing', async () => {
    freshIndexedDb();
    const tier = await IdbTier.open();
    expect(tier).toBeDefined();
    expect(await tier?.write('agent-console/layout/a', record(1))).toBe(true);
    expect(await tier?.read('agent-console/layout/a')).toEqual(record(1));
    expect(await tier?.keys()).toEqual(['agent-console/layout/a']);
    const failing = (method: 'get' | 'put' | 'getAllKeys') =>
      vi.spyOn(IDBObjectStore.prototype, method).mockImplementation(() => {
        throw new DOMException('gone', 'InvalidStateError');
      });
    const get = failing('get');
    expect(await tier?.read('agent-console/layout/a')).toBeUndefined();
    get.mockRestore();
    const put = failing('put');
    expect(await tier?.write('agent-console/layout/b', record(2))).toBe(false);
    put.mockRestore();
    const keys = failing('getAllKeys');
    expect(await tier?.keys()).toEqual([]);
    keys.mockRestore();
  });
});
