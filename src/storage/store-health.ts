import type { StorageUsage } from './usage';

/** How the store is doing, for the banner above the console. */
export interface StoreHealth {
  mode: 'durable' | 'memory';
  nearQuota: boolean;
  message?: string;
  /** Saved values that could not be read and were set aside, each with what was wrong. */
  setAside?: string[];
}

export const NEAR_QUOTA_RATIO = 0.8;
export const MEMORY_ONLY_WARNING = 'Browser storage is unavailable: your changes are kept for this tab only and will not survive a reload.';

/** The store's health and who listens to it; every change is announced once. */
export class StoreHealthState {
  private state: StoreHealth = { mode: 'durable', nearQuota: false };
  private readonly listeners = new Set<(health: StoreHealth) => void>();

  get current(): StoreHealth {
    return this.state;
  }

  onChange(listener: (health: StoreHealth) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Nothing durable took the write: the console now works in memory and says so. */
  memoryOnly(): void {
    this.set({ mode: 'memory', message: MEMORY_ONLY_WARNING });
  }

  /** A write was durable again: back out of memory mode, and warn once on crossing 80% of the quota. */
  durable(usage: StorageUsage): void {
    if (this.state.mode === 'memory') this.set({ mode: 'durable' });
    const nearQuota = usage.ratio >= NEAR_QUOTA_RATIO;
    if (nearQuota && !this.state.nearQuota) console.warn(`[storage] ${Math.round(usage.ratio * 100)}% of browser storage is in use.`);
    if (nearQuota !== this.state.nearQuota) this.set({ nearQuota });
  }

  setAside(line: string): void {
    this.set({ setAside: [...(this.state.setAside ?? []), line] });
  }

  private set(change: Partial<StoreHealth>): void {
    const next = { ...this.state, ...change };
    if (change.mode === 'durable') delete next.message;
    this.state = next;
    for (const listener of this.listeners) listener(next);
  }
}
