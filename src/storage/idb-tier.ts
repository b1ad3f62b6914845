import { createStore, del, get, keys, set, type UseStore } from 'idb-keyval';
import { storedRecordSchema, type StoredRecord } from './record';

/** IndexedDB through idb-keyval: where records go when localStorage has no room or is unavailable. */
export class IdbTier {
  private constructor(private readonly store: UseStore) {}

  /** Opens the database, or undefined when IndexedDB is missing or blocked (private mode, policy). */
  static async open(): Promise<IdbTier | undefined> {
    try {
      if (typeof indexedDB === 'undefined') return undefined;
      const tier = new IdbTier(createStore('agent-console', 'records'));
      await get('__probe__', tier.store);
      return tier;
    } catch {
      return undefined;
    }
  }

  /** The record under `key`; one that is not a valid envelope is deleted with a warning, never returned. */
  async read(key: string): Promise<StoredRecord | undefined> {
    let value: unknown;
    try {
      value = await get<unknown>(key, this.store);
    } catch {
      return undefined;
    }
    if (value === undefined) return undefined;
    const parsed = storedRecordSchema.safeParse(value);
    if (parsed.success) return parsed.data;
    console.warn(`[storage] set aside ${key} from IndexedDB: not a record this console wrote`);
    await this.remove(key);
    return undefined;
  }

  async write(key: string, record: StoredRecord): Promise<boolean> {
    try {
      await set(key, record, this.store);
      return true;
    } catch {
      return false;
    }
  }

  async remove(key: string): Promise<void> {
    await del(key, this.store).catch(() => undefined);
  }

  async keys(): Promise<string[]> {
    return (await keys(this.store).catch(() => [])).map(String);
  }
}
