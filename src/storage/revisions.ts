import { decodeRecord, isOwnKey, type StoredRecord } from './record';

/**
 * Revisions: each save gets one above every revision this tab has seen (and at least the clock),
 * so the newest copy of a key always wins across tiers and tabs. Also the other-tab half: a
 * `storage` event carrying a newer revision than this tab knows is announced; an older one (this
 * tab's edit is newer) is ignored.
 */
export class Revisions {
  private last = 0;
  private readonly known = new Map<string, number>();
  private readonly listeners = new Set<(key: string, record: StoredRecord) => void>();

  /** The revision for a save made now. */
  next(key: string, now: number): number {
    this.last = Math.max(now, this.last + 1);
    this.known.set(key, this.last);
    return this.last;
  }

  /** A copy of `key` at `rev` was read: later saves must go above it. */
  seen(key: string, rev: number): void {
    this.last = Math.max(this.last, rev);
    this.known.set(key, Math.max(this.known.get(key) ?? 0, rev));
  }

  onNewer(listener: (key: string, record: StoredRecord) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Feed of the browser's `storage` event. */
  fromOtherTab(key: string | null, newValue: string | null): void {
    if (key === null || newValue === null || !isOwnKey(key)) return;
    const decoded = decodeRecord(newValue);
    if (!('record' in decoded)) return;
    if (decoded.record.rev <= (this.known.get(key) ?? -1)) return;
    this.seen(key, decoded.record.rev);
    for (const listener of this.listeners) listener(key, decoded.record);
  }
}
