import type { LocalTier } from './local-tier';
import { OWN_PREFIX, QUARANTINE_PREFIX } from './record';

/**
 * A saved value that cannot be read is moved out of the app's way, under QUARANTINE_PREFIX, so it
 * is never read again but can still be inspected (or recovered by hand); never silently deleted.
 */
export function setAside(local: LocalTier | undefined, key: string, raw: string, reason: string): void {
  console.warn(`[storage] set aside ${key}: ${reason}`);
  local?.remove(key);
  try {
    local?.raw.setItem(`${QUARANTINE_PREFIX}${key.slice(OWN_PREFIX.length)}`, raw);
  } catch {
    // No room to keep the corrupt copy; it was unreadable anyway, and the warning names it.
  }
}
