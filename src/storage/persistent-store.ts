import type { z } from 'zod';
import { describeIssues } from '../api/records';
import { IdbTier } from './idb-tier';
import { LocalTier } from './local-tier';
import { decodeRecord, ownKey, SCHEMA_VERSION, type RecordKind, type StoredRecord } from './record';
import { Revisions } from './revisions';
import { setAside } from './set-aside';
import { MEMORY_ONLY_WARNING, StoreHealthState, type StoreHealth } from './store-health';
import { measureUsage, type StorageUsage } from './usage';

export type Backend = 'localStorage' | 'indexedDB' | 'memory';

/** What a save did. `ok` means the value survives a reload; it never throws into the UI. */
export interface SaveResult {
  ok: boolean;
  backend: Backend;
  warning?: string;
  evicted?: string[];
}

interface StoreOptions {
  local?: LocalTier | undefined;
  idb?: IdbTier | undefined;
  now?: () => number;
  /** Capacity of localStorage in bytes until a real QuotaExceededError teaches us better. */
  assumedCapacity?: number;
}

/**
 * Dashboard state that survives a full quota, corrupt data and missing storage.
 * localStorage first; on a full quota, the least recently saved own records move to IndexedDB
 * (saved, not read: marking every read would cost a localStorage write per read);
 * when neither can take a write, memory, with a visible notice. Reads take the newest copy.
 * Its health (store-health.ts), revisions and other tabs (revisions.ts) and the setting aside of
 * unreadable copies (set-aside.ts) live beside it.
 */
export class PersistentStore {
  private readonly memory = new Map<string, StoredRecord>();
  private readonly revisions = new Revisions();
  private readonly healthState = new StoreHealthState();
  private capacity: number;
  private readonly now: () => number;
  readonly local: LocalTier | undefined;
  readonly idb: IdbTier | undefined;

  constructor(options: StoreOptions) {
    this.local = options.local;
    this.idb = options.idb;
    this.now = options.now ?? Date.now;
    this.capacity = options.assumedCapacity ?? 5 * 1024 * 1024 * 2;
    if (!this.local && !this.idb) this.healthState.memoryOnly();
    // A newer value from another tab replaces this tab's memory copy.
    this.revisions.onNewer((key, record) => this.memory.set(key, record));
  }

  static async open(options: Omit<StoreOptions, 'local' | 'idb'> = {}): Promise<PersistentStore> {
    return new PersistentStore({ ...options, local: LocalTier.open(), idb: await IdbTier.open() });
  }

  get health(): StoreHealth {
    return this.healthState.current;
  }

  async save(kind: RecordKind, id: string, data: unknown): Promise<SaveResult> {
    const key = ownKey(kind, id);
    const now = this.now();
    const record: StoredRecord = { v: SCHEMA_VERSION, kind, rev: this.revisions.next(key, now), usedAt: now, data };
    this.memory.set(key, record);
    const evicted: string[] = [];

    if (this.local) {
      const raws = new Map(this.local.ownKeys().map((candidate) => [candidate, this.local?.read(candidate) ?? null]));
      const write = this.local.write(key, record);
      evicted.push(...write.evicted);
      if (write.refusedAtBytes !== undefined) this.capacity = Math.min(this.capacity, write.refusedAtBytes);
      await this.demote(write.evicted, raws);
      if (write.ok) {
        await this.idb?.remove(key);
        return this.finish({ ok: true, backend: 'localStorage', ...(evicted.length ? { evicted } : {}) });
      }
    }
    if (this.idb && (await this.idb.write(key, record))) {
      this.local?.remove(key);
      const warning = this.local ? 'Browser storage is full; this change was saved to IndexedDB instead.' : undefined;
      return this.finish({ ok: true, backend: 'indexedDB', ...(warning ? { warning } : {}), ...(evicted.length ? { evicted } : {}) });
    }
    this.healthState.memoryOnly();
    return { ok: false, backend: 'memory', warning: MEMORY_ONLY_WARNING, ...(evicted.length ? { evicted } : {}) };
  }

  /**
   * The newest copy across localStorage, IndexedDB and memory; corrupt copies are set aside.
   * With a schema, a value whose envelope is fine but whose data has the wrong shape (an old or
   * foreign version, a hand edit) is set aside too, named in the store's health, never returned.
   */
  async load<T = unknown>(kind: RecordKind, id: string, schema?: z.ZodType<T>): Promise<T | undefined> {
    const data = await this.loadUnchecked(kind, id);
    if (data === undefined || !schema) return data as T | undefined;
    const parsed = schema.safeParse(data);
    if (parsed.success) return parsed.data;
    const key = ownKey(kind, id);
    const problem = describeIssues(parsed.error, data).join('; ');
    const raw = this.local?.read(key) ?? JSON.stringify({ v: SCHEMA_VERSION, kind, data });
    setAside(this.local, key, raw, problem);
    this.memory.delete(key);
    await this.idb?.remove(key);
    this.healthState.setAside(`${kind}/${id}: ${problem}`);
    return undefined;
  }

  private async loadUnchecked(kind: RecordKind, id: string): Promise<unknown> {
    const key = ownKey(kind, id);
    const candidates: StoredRecord[] = [];
    const memory = this.memory.get(key);
    if (memory) candidates.push(memory);
    const raw = this.local?.read(key) ?? null;
    let migrated: StoredRecord | undefined;
    if (raw !== null) {
      const decoded = decodeRecord(raw);
      if ('record' in decoded) {
        candidates.push(decoded.record);
        if (decoded.migrated) migrated = decoded.record;
      } else setAside(this.local, key, raw, decoded.error);
    }
    const fromIdb = await this.idb?.read(key);
    if (fromIdb) candidates.push(fromIdb);
    const newest = candidates.reduce<StoredRecord | undefined>((best, candidate) => (!best || candidate.rev > best.rev ? candidate : best), undefined);
    if (!newest) return undefined;
    this.revisions.seen(key, newest.rev);
    if (migrated && newest === migrated) this.local?.write(key, migrated);
    return newest.data;
  }

  async remove(kind: RecordKind, id: string): Promise<void> {
    const key = ownKey(kind, id);
    this.memory.delete(key);
    this.local?.remove(key);
    await this.idb?.remove(key);
  }

  async usage(): Promise<StorageUsage> {
    return measureUsage(this.local, this.capacity);
  }

  /** Another tab saved a newer value: `listener` hears it; an older one (our edit is newer) is ignored. */
  onExternalChange(listener: (key: string, data: unknown) => void): () => void {
    return this.revisions.onNewer((key, record) => listener(key, record.data));
  }

  onHealthChange(listener: (health: StoreHealth) => void): () => void {
    return this.healthState.onChange(listener);
  }

  /** Feed of the browser's `storage` event (wired by listenToOtherTabs). */
  handleStorageEvent(key: string | null, newValue: string | null): void {
    this.revisions.fromOtherTab(key, newValue);
  }

  listenToOtherTabs(target: Window = window): () => void {
    const handler = (event: StorageEvent) => this.handleStorageEvent(event.key, event.newValue);
    target.addEventListener('storage', handler);
    return () => target.removeEventListener('storage', handler);
  }

  /** Records evicted from localStorage move to IndexedDB, so eviction frees room without losing them. */
  private async demote(keys: string[], raws: Map<string, string | null>): Promise<void> {
    if (!this.idb) return;
    for (const key of keys) {
      const raw = raws.get(key);
      const decoded = raw ? decodeRecord(raw) : undefined;
      if (decoded && 'record' in decoded) await this.idb.write(key, decoded.record);
    }
  }

  private async finish(result: SaveResult): Promise<SaveResult> {
    this.healthState.durable(await this.usage());
    return result;
  }
}
