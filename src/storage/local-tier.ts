import { decodeRecord, encodeRecord, isOwnKey, type StoredRecord } from './record';

export function isQuotaError(error: unknown): boolean {
  return error instanceof DOMException && (error.name === 'QuotaExceededError' || error.name === 'NS_ERROR_DOM_QUOTA_REACHED' || error.code === 22);
}

/** `refusedAtBytes`: how full localStorage was (with this write) when the browser first said no. */
export interface LocalWrite {
  ok: boolean;
  evicted: string[];
  refusedAtBytes?: number;
  error?: string;
}

/**
 * localStorage, the primary tier. On a full quota it evicts this app's least recently saved
 * records (never another app's keys, never drafts, never the key being written) and retries.
 */
export class LocalTier {
  constructor(private readonly storage: Storage) {}

  static open(): LocalTier | undefined {
    try {
      const storage = window.localStorage;
      const probe = '__agent-console-probe__';
      storage.setItem(probe, probe);
      storage.removeItem(probe);
      return new LocalTier(storage);
    } catch (error) {
      // A full storage still reads; only a missing or blocked one is unusable.
      if (isQuotaError(error)) return new LocalTier(window.localStorage);
      return undefined;
    }
  }

  get raw(): Storage {
    return this.storage;
  }

  read(key: string): string | null {
    try {
      return this.storage.getItem(key);
    } catch {
      return null;
    }
  }

  ownKeys(): string[] {
    const keys: string[] = [];
    for (let index = 0; index < this.storage.length; index += 1) {
      const key = this.storage.key(index);
      if (key !== null && isOwnKey(key)) keys.push(key);
    }
    return keys;
  }

  write(key: string, record: StoredRecord): LocalWrite {
    const value = encodeRecord(record);
    const evicted: string[] = [];
    let refusedAtBytes: number | undefined;
    const result = (ok: boolean, error?: string): LocalWrite => ({
      ok,
      evicted,
      ...(refusedAtBytes === undefined ? {} : { refusedAtBytes }),
      ...(error ? { error } : {}),
    });
    for (;;) {
      try {
        this.storage.setItem(key, value);
        return result(true);
      } catch (error) {
        if (!isQuotaError(error)) return result(false, String(error));
        const previous = this.read(key);
        refusedAtBytes ??= this.totalBytes() - (previous === null ? 0 : (key.length + previous.length) * 2) + (key.length + value.length) * 2;
        const victim = this.leastRecentlySaved(key);
        if (!victim) return result(false);
        this.storage.removeItem(victim);
        evicted.push(victim);
      }
    }
  }

  remove(key: string): void {
    try {
      this.storage.removeItem(key);
    } catch {
      // Removing cannot fail for quota reasons; a blocked storage has nothing to remove.
    }
  }

  /** Own bytes in localStorage (UTF-16: two bytes a character, keys included). */
  ownBytes(): number {
    return this.ownKeys().reduce((sum, key) => sum + (key.length + (this.read(key)?.length ?? 0)) * 2, 0);
  }

  totalBytes(): number {
    let sum = 0;
    for (let index = 0; index < this.storage.length; index += 1) {
      const key = this.storage.key(index) ?? '';
      sum += (key.length + (this.read(key)?.length ?? 0)) * 2;
    }
    return sum;
  }

  /** The own record saved longest ago (reads do not count: marking each read would cost a write). */
  private leastRecentlySaved(except: string): string | undefined {
    let victim: { key: string; usedAt: number } | undefined;
    for (const key of this.ownKeys()) {
      if (key === except) continue;
      const raw = this.read(key);
      const decoded = raw === null ? undefined : decodeRecord(raw);
      const record = decoded && 'record' in decoded ? decoded.record : undefined;
      // Unsent drafts are the user's words: never evicted.
      if (record?.kind === 'draft') continue;
      const usedAt = record?.usedAt ?? 0;
      if (!victim || usedAt < victim.usedAt) victim = { key, usedAt };
    }
    return victim?.key;
  }
}
