import { act, renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { z } from 'zod';
import { freshIndexedDb, openStore } from '../../test/storage-helpers';
import type { PersistentStore } from './persistent-store';
import { ownKey } from './record';
import { StorageProvider } from './StorageProvider';
import { usePersisted } from './use-persisted';

const theme = z.enum(['light', 'dark']);
const record = (rev: number, data: unknown) => JSON.stringify({ v: 2, kind: 'preferences', rev, usedAt: rev, data });

function renderPersisted(store: PersistentStore, id = 'theme') {
  const wrapper = ({ children }: { children: ReactNode }) => <StorageProvider store={store}>{children}</StorageProvider>;
  return renderHook(({ key }) => usePersisted('preferences', key, 'light' as 'light' | 'dark', theme), { wrapper, initialProps: { key: id } });
}

beforeEach(() => {
  localStorage.clear();
  freshIndexedDb();
});

describe('usePersisted', () => {
  it('shows the fallback until the first load, then the stored value', async () => {
    const store = await openStore();
    await store.save('preferences', 'theme', 'dark');
    const { result } = renderPersisted(store);
    expect(result.current).toMatchObject({ value: 'light', ready: false, lastSave: undefined });
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.value).toBe('dark');
  });

  it('nothing stored: ready, with the fallback', async () => {
    const { result } = renderPersisted(await openStore());
    await waitFor(() => expect(result.current.ready).toBe(true));
    expect(result.current.value).toBe('light');
  });

  it('an update shows at once, is saved, and says how it was saved', async () => {
    const store = await openStore();
    const { result } = renderPersisted(store);
    await waitFor(() => expect(result.current.ready).toBe(true));
    act(() => result.current.update('dark'));
    expect(result.current.value).toBe('dark');
    await waitFor(() => expect(result.current.lastSave).toEqual({ ok: true, backend: 'localStorage' }));
    expect(await (await openStore()).load('preferences', 'theme')).toBe('dark');
  });

  it('clear() removes the stored value', async () => {
    const store = await openStore();
    await store.save('preferences', 'theme', 'dark');
    const { result } = renderPersisted(store);
    await waitFor(() => expect(result.current.ready).toBe(true));
    act(() => result.current.clear());
    await waitFor(async () => expect(await (await openStore()).load('preferences', 'theme')).toBeUndefined());
  });

  it("follows another tab's newer value for its own key only, and never one off its schema", async () => {
    const store = await openStore();
    const { result } = renderPersisted(store);
    await waitFor(() => expect(result.current.ready).toBe(true));
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => undefined);
    act(() => store.handleStorageEvent(ownKey('preferences', 'other'), record(1e15, 'dark')));
    expect(result.current.value).toBe('light');
    act(() => store.handleStorageEvent(ownKey('preferences', 'theme'), record(1e15, 'sepia')));
    expect(result.current.value).toBe('light');
    act(() => store.handleStorageEvent(ownKey('preferences', 'theme'), record(2e15, 'dark')));
    expect(result.current.value).toBe('dark');
    expect(warn).not.toHaveBeenCalled();
  });

  it('a load that finishes after the key changed, or after unmount, is not shown; nor are later changes from other tabs', async () => {
    const store = await openStore();
    await store.save('preferences', 'a', 'dark');
    await store.save('preferences', 'b', 'light');
    let release = () => undefined as void;
    const held = new Promise<void>((resolve) => (release = resolve));
    const load = store.load.bind(store);
    let loadOfA: Promise<unknown> = Promise.resolve();
    vi.spyOn(store, 'load').mockImplementation((...args: Parameters<PersistentStore['load']>) => {
      if (args[1] !== 'a') return load(...args);
      loadOfA = held.then(() => load(...args));
      return loadOfA;
    });
    const { result, rerender, unmount } = renderPersisted(store, 'a');
    rerender({ key: 'b' });
    await waitFor(() => expect(result.current.ready).toBe(true));
    release();
    await act(async () => {
      expect(await loadOfA).toBe('dark');
    });
    expect(result.current.value).toBe('light');
    unmount();
    act(() => store.handleStorageEvent(ownKey('preferences', 'b'), record(1e15, 'dark')));
    expect(result.current.value).toBe('light');
  });
});
