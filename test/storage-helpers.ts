import { IDBFactory } from 'fake-indexeddb';
import { IdbTier } from '../src/storage/idb-tier';
import { LocalTier } from '../src/storage/local-tier';
import { PersistentStore } from '../src/storage/persistent-store';

/** Fills jsdom's real 5 MB localStorage with another app's data, leaving about `leaveFree` characters. */
export function fillForeign(storage: Storage, leaveFree = 0): void {
  let chunk = 1 << 20;
  let index = 0;
  while (chunk >= 1) {
    try {
      storage.setItem(`other-app:${index}`, 'x'.repeat(chunk));
      index += 1;
    } catch {
      chunk = Math.floor(chunk / 2);
    }
  }
  if (leaveFree > 0) {
    // Free room by shortening the last foreign entries.
    let freed = 0;
    for (let i = index - 1; i >= 0 && freed < leaveFree; i -= 1) {
      const value = storage.getItem(`other-app:${i}`) ?? '';
      storage.removeItem(`other-app:${i}`);
      freed += value.length;
    }
  }
}

export function freshIndexedDb(): void {
  globalThis.indexedDB = new IDBFactory();
}

/** A store as a new page load would open it, over the given tiers. */
export async function openStore(options: { local?: boolean; idb?: boolean; now?: () => number } = {}): Promise<PersistentStore> {
  return new PersistentStore({
    local: options.local === false ? undefined : new LocalTier(window.localStorage),
    idb: options.idb === false ? undefined : await IdbTier.open(),
    ...(options.now ? { now: options.now } : {}),
  });
}
