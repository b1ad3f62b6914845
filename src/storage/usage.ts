import type { LocalTier } from './local-tier';

export interface StorageUsage {
  /** Bytes of this app's records in localStorage. */
  ownBytes: number;
  /** Bytes of everything in localStorage, ours and other apps'. */
  totalBytes: number;
  /** localStorage capacity: assumed until a QuotaExceededError measures it. */
  capacityBytes: number;
  ratio: number;
  /** navigator.storage.estimate(), where the browser has it (covers IndexedDB too). */
  estimate?: { usage: number; quota: number };
}

export async function measureUsage(local: LocalTier | undefined, capacityBytes: number): Promise<StorageUsage> {
  const totalBytes = local?.totalBytes() ?? 0;
  const usage: StorageUsage = { ownBytes: local?.ownBytes() ?? 0, totalBytes, capacityBytes, ratio: capacityBytes > 0 ? totalBytes / capacityBytes : 0 };
  try {
    const estimate = await globalThis.navigator?.storage?.estimate?.();
    if (estimate?.usage !== undefined && estimate.quota !== undefined) usage.estimate = { usage: estimate.usage, quota: estimate.quota };
  } catch {
    // Not every browser or test environment has the Storage API; our own accounting stands alone.
  }
  return usage;
}
