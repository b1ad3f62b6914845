import { createStore, set } from 'idb-keyval';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { IdbTier } from './idb-tier';
import { PersistentStore } from './persistent-store';
import { MEMORY_ONLY_WARNING } from './store-health';
import { ownKey, QUARANTINE_PREFIX } from './record';
import { fillForeign, freshIndexedDb, openStore } from '../../test/storage-helpers';

let clock = 1_000;
const now = () => (clock += 10);

beforeEach(() => {
  localStorage.clear();
  freshIndexedDb();
});

describe('saving and loading', () => {
  it('a saved value loads back, also in a new page load', async () => {
    const store = await openStore({ now });
    await expect(store.save('layout', 'main', { widgets: ['tasks'] })).resolves.toEqual({ ok: true, backend: 'localStorage' });
    expect(await (await openStore({ now })).load('layout', 'main')).toEqual({ widgets: ['tasks'] });
  });
});

describe('a full quota', () => {
  it('evicts the least recently saved own records, never drafts, foreign keys or the record being written, and keeps them in IndexedDB', async () => {
    const store = await openStore({ now });
    await store.save('stream-cursor', 'old', 'a'.repeat(200_000));
    await store.save('draft', 'reply', 'my unsent words');
    await store.save('preferences', 'newer', 'b'.repeat(200_000));
    fillForeign(localStorage);
    const foreignBefore = Object.keys(localStorage).filter((key) => key.startsWith('other-app:')).length;
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);

    const result = await store.save('layout', 'main', 'c'.repeat(150_000));

    expect(result).toMatchObject({ ok: true, backend: 'localStorage', evicted: [ownKey('stream-cursor', 'old')] });
    expect(Object.keys(localStorage).filter((key) => key.startsWith('other-app:'))).toHaveLength(foreignBefore);
    expect(localStorage.getItem(ownKey('draft', 'reply'))).not.toBeNull();
    const reloaded = await openStore({ now });
    expect(await reloaded.load('stream-cursor', 'old')).toBe('a'.repeat(200_000));
    expect(await reloaded.load('layout', 'main')).toBe('c'.repeat(150_000));
  });

  it('writes to IndexedDB with a warning when localStorage has no room and nothing of ours to evict', async () => {
    fillForeign(localStorage);
    const store = await openStore({ now });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await store.save('layout', 'main', { widgets: ['alerts'] });
    expect(result).toMatchObject({ ok: true, backend: 'indexedDB', warning: expect.stringContaining('IndexedDB') });
    expect(await (await openStore({ now })).load('layout', 'main')).toEqual({ widgets: ['alerts'] });
  });

  it('goes to IndexedDB when localStorage is unavailable', async () => {
    const store = await openStore({ local: false, now });
    await expect(store.save('preferences', 'theme', 'dark')).resolves.toEqual({ ok: true, backend: 'indexedDB' });
    expect(await (await openStore({ local: false, now })).load('preferences', 'theme')).toBe('dark');
  });

  it('keeps state in memory with a visible notice when no storage can take it, and the previous value survives', async () => {
    const store = await openStore({ idb: false, now });
    await store.save('layout', 'main', 'before');
    fillForeign(localStorage);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const health = vi.fn();
    store.onHealthChange(health);

    const result = await store.save('layout', 'main', 'x'.repeat(2_000_000));

    expect(result).toEqual({ ok: false, backend: 'memory', warning: MEMORY_ONLY_WARNING });
    expect(health).toHaveBeenCalledWith(expect.objectContaining({ mode: 'memory', message: MEMORY_ONLY_WARNING }));
    expect(await store.load('layout', 'main')).toBe('x'.repeat(2_000_000));
    expect(await (await openStore({ idb: false, now })).load('layout', 'main')).toBe('before');
  });

  it('starts in memory mode, with the notice, when neither storage exists', async () => {
    const store = await openStore({ local: false, idb: false, now });
    expect(store.health).toEqual({ mode: 'memory', nearQuota: false, message: MEMORY_ONLY_WARNING });
    expect(await store.save('preferences', 'theme', 'dark')).toMatchObject({ ok: false, backend: 'memory' });
  });

  it('warns once when usage passes 80%', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    fillForeign(localStorage, 600_000);
    const store = await openStore({ now });
    await store.save('layout', 'main', 'x'.repeat(200_000));
    await store.save('layout', 'second', 'y');
    expect(store.health.nearQuota).toBe(true);
    expect(warn.mock.calls.filter(([message]) => String(message).includes('of browser storage is in use'))).toHaveLength(1);
    expect((await store.usage()).ratio).toBeGreaterThanOrEqual(0.8);
  });
});

describe('corrupt and old data', () => {
  it('sets corrupt JSON aside with a warning and starts without it', async () => {
    localStorage.setItem(ownKey('layout', 'main'), '{not json');
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const store = await openStore({ now });
    expect(await store.load('layout', 'main')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not valid JSON'));
    expect(localStorage.getItem(`${QUARANTINE_PREFIX}layout/main`)).toBe('{not json');
    expect(localStorage.getItem(ownKey('layout', 'main'))).toBeNull();
  });

  it('sets aside an unknown schema version', async () => {
    localStorage.setItem(ownKey('layout', 'main'), JSON.stringify({ v: 99, kind: 'layout', data: 1 }));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await (await openStore({ now })).load('layout', 'main')).toBeUndefined();
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('unknown schema version 99'));
  });

  it('migrates a version 1 record', async () => {
    localStorage.setItem(ownKey('preferences', 'theme'), JSON.stringify({ v: 1, kind: 'preferences', savedAt: 5, value: 'dark' }));
    const store = await openStore({ now });
    expect(await store.load('preferences', 'theme')).toBe('dark');
    expect(JSON.parse(localStorage.getItem(ownKey('preferences', 'theme')) ?? '{}')).toMatchObject({ v: 2, data: 'dark' });
  });
});

describe('another tab', () => {
  it('picks up a newer value saved in another tab', async () => {
    const mine = await openStore({ now });
    const theirs = await openStore({ now });
    const heard = vi.fn();
    mine.onExternalChange(heard);
    await theirs.save('layout', 'main', 'from the other tab');
    mine.handleStorageEvent(ownKey('layout', 'main'), localStorage.getItem(ownKey('layout', 'main')));
    expect(heard).toHaveBeenCalledWith(ownKey('layout', 'main'), 'from the other tab');
    expect(await mine.load('layout', 'main')).toBe('from the other tab');
  });

  it('ignores an older value from another tab when this tab has a newer edit', async () => {
    const theirs = await openStore({ now: () => 100 });
    await theirs.save('layout', 'main', 'older');
    const older = localStorage.getItem(ownKey('layout', 'main'));
    const mine = await openStore({ now: () => 200 });
    await mine.save('layout', 'main', 'newer');
    const heard = vi.fn();
    mine.onExternalChange(heard);
    mine.handleStorageEvent(ownKey('layout', 'main'), older);
    expect(heard).not.toHaveBeenCalled();
    expect(await mine.load('layout', 'main')).toBe('newer');
  });

  it("ignores other apps' keys", async () => {
    const store = await openStore({ now });
    const heard = vi.fn();
    store.onExternalChange(heard);
    store.handleStorageEvent('other-app:settings', '{"v":2}');
    expect(heard).not.toHaveBeenCalled();
  });
});

describe('stored values whose envelope is fine but whose data is not', () => {
  it("a layout with no widget list is set aside, named in the store's health, and never returned", async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    localStorage.setItem(ownKey('layout', 'dashboard'), JSON.stringify({ v: 2, kind: 'layout', rev: 5, usedAt: 5, data: { columns: 3 } }));
    const store = await openStore({ now });
    const layout = z.object({ widgets: z.array(z.string()) });
    expect(await store.load('layout', 'dashboard', layout)).toBeUndefined();
    expect(store.health.setAside).toEqual([expect.stringMatching(/^layout\/dashboard: widgets: /)]);
    expect(localStorage.getItem(ownKey('layout', 'dashboard'))).toBeNull();
    expect(localStorage.getItem(`${QUARANTINE_PREFIX}layout/dashboard`)).toContain('"columns":3');
    expect(await (await openStore({ now })).load('layout', 'dashboard', layout)).toBeUndefined();
    expect(warn).toHaveBeenCalledOnce();
  });

  it('a record in IndexedDB that is not an envelope this console wrote is dropped, not returned', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const tier = await IdbTier.open();
    await set(ownKey('layout', 'dashboard'), { hello: 'world' }, createStore('agent-console', 'records'));
    expect(await tier?.read(ownKey('layout', 'dashboard'))).toBeUndefined();
    expect(await tier?.keys()).not.toContain(ownKey('layout', 'dashboard'));
    expect(warn).toHaveBeenCalledWith(expect.stringContaining('not a record this console wrote'));
  });
});

describe("the store's own bookkeeping", () => {
  const recordAt = (rev: number, data: unknown) => ({ v: 2, kind: 'layout', rev, usedAt: rev, data });

  it("opens over the browser's localStorage and IndexedDB, dated by the clock, with 10 MB assumed until a refusal says otherwise", async () => {
    const store = await PersistentStore.open();
    expect(store.local).toBeDefined();
    expect(store.idb).toBeDefined();
    const before = Date.now();
    await store.save('layout', 'main', 'v');
    const saved = JSON.parse(localStorage.getItem(ownKey('layout', 'main')) ?? '{}') as { usedAt: number };
    expect(saved.usedAt).toBeGreaterThanOrEqual(before);
    expect(saved.usedAt).toBeLessThanOrEqual(Date.now());
    expect((await store.usage()).capacityBytes).toBe(10_485_760);
  });

  it("learns the capacity from the browser's first refusal", async () => {
    const store = await openStore({ now });
    await store.save('stream-cursor', 'old', 'a'.repeat(100_000));
    fillForeign(localStorage);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    await store.save('layout', 'main', 'c'.repeat(50_000));
    const { capacityBytes, totalBytes } = await store.usage();
    expect(capacityBytes).toBeLessThan(10_485_760);
    // jsdom's quota is 5,000,000 characters of keys and values: 10,000,000 bytes.
    expect(capacityBytes).toBeGreaterThan(9_900_000);
    expect(capacityBytes).toBeGreaterThanOrEqual(totalBytes);
  });

  it('with IndexedDB alone it is durable, not in memory mode', async () => {
    expect((await openStore({ local: false, now })).health.mode).toBe('durable');
    expect((await openStore({ idb: false, now })).health.mode).toBe('durable');
  });

  it('a value saved too big for all of localStorage goes to IndexedDB, naming what was evicted trying', async () => {
    const store = await openStore({ now });
    await store.save('stream-cursor', 'old', 'a'.repeat(100_000));
    fillForeign(localStorage);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await store.save('layout', 'main', 'c'.repeat(1_000_000));
    expect(result).toEqual({
      ok: true,
      backend: 'indexedDB',
      warning: 'Browser storage is full; this change was saved to IndexedDB instead.',
      evicted: [ownKey('stream-cursor', 'old')],
    });
  });

  it('reads the newest copy whichever tier holds it, and saves above it', async () => {
    const idb = createStore('agent-console', 'records');
    const key = ownKey('layout', 'main');
    localStorage.setItem(key, JSON.stringify(recordAt(3, 'local')));
    await set(key, recordAt(5, 'indexeddb'), idb);
    expect(await (await openStore({ now })).load('layout', 'main')).toBe('indexeddb');
    localStorage.setItem(key, JSON.stringify(recordAt(9, 'local')));
    const store = await openStore({ now });
    expect(await store.load('layout', 'main')).toBe('local');
    localStorage.setItem(key, JSON.stringify(recordAt(1e15, 'from a clock ahead')));
    expect(await store.load('layout', 'main')).toBe('from a clock ahead');
    await store.save('layout', 'main', 'mine');
    expect((JSON.parse(localStorage.getItem(key) ?? '{}') as { rev: number }).rev).toBe(1e15 + 1);
  });

  it("a newer value from another tab replaces this tab's copy in memory", async () => {
    const store = await openStore({ local: false, idb: false, now });
    await store.save('layout', 'main', 'mine');
    store.handleStorageEvent(ownKey('layout', 'main'), JSON.stringify(recordAt(1e15, 'theirs')));
    expect(await store.load('layout', 'main')).toBe('theirs');
  });

  it("listens to the browser's storage events until told to stop", async () => {
    const store = await openStore({ now });
    const heard = vi.fn();
    store.onExternalChange(heard);
    const stop = store.listenToOtherTabs(window);
    const key = ownKey('layout', 'main');
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: JSON.stringify(recordAt(1e15, 'theirs')) }));
    expect(heard).toHaveBeenCalledWith(key, 'theirs');
    stop();
    window.dispatchEvent(new StorageEvent('storage', { key, newValue: JSON.stringify(recordAt(2e15, 'later')) }));
    expect(heard).toHaveBeenCalledTimes(1);
  });

  it('remove() forgets the value in every tier', async () => {
    const store = await openStore({ now });
    await store.save('layout', 'main', 'v');
    await set(ownKey('layout', 'main'), recordAt(1, 'old'), createStore('agent-console', 'records'));
    await store.remove('layout', 'main');
    expect(await store.load('layout', 'main')).toBeUndefined();
    expect(await (await openStore({ now })).load('layout', 'main')).toBeUndefined();
  });

  it('an unreadable record evicted from localStorage is not carried into IndexedDB', async () => {
    const store = await openStore({ now });
    localStorage.setItem(ownKey('stream-cursor', 'broken'), `{${'x'.repeat(100_000)}`);
    fillForeign(localStorage);
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    const result = await store.save('layout', 'main', 'c'.repeat(50_000));
    expect(result.evicted).toEqual([ownKey('stream-cursor', 'broken')]);
    expect(await store.idb?.keys()).not.toContain(ownKey('stream-cursor', 'broken'));
  });

  it('a value set aside for its shape is named in the health and gone from every tier', async () => {
    const store = await openStore({ now });
    await store.save('layout', 'main', { widgets: 'tasks' });
    vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    expect(await store.load('layout', 'main', z.object({ widgets: z.array(z.string()) }))).toBeUndefined();
    expect(store.health.setAside).toEqual(['layout/main: widgets: Invalid input: expected array, received string (got "tasks")']);
    expect(await store.load('layout', 'main')).toBeUndefined();
    expect(await store.load('layout', 'other', z.string())).toBeUndefined();
    await store.save('layout', 'ok', 'fine');
    expect(await store.load('layout', 'ok', z.string())).toBe('fine');
  });
});
