// Quarantine annotations: `owner: …; reason: …; expires: YYYY-MM-DD` (written by
// e2e/support/quarantine.ts), read by the gate and by the flake report.

const DAY = 24 * 60 * 60 * 1000;

/**
 * The quarantine's parts, or the problem with it (a missing part, a date that is not one).
 * @param {unknown} description
 * @returns {{ problem: string } | { owner: string; reason: string; expires: string }}
 */
export function parseQuarantine(description) {
  const parts = Object.fromEntries(
    String(description ?? '')
      .split(';')
      .map((part) => {
        const colon = part.indexOf(':');
        return colon < 0 ? [part.trim(), ''] : [part.slice(0, colon).trim(), part.slice(colon + 1).trim()];
      }),
  );
  const missing = ['owner', 'reason', 'expires'].filter((key) => !parts[key]);
  if (missing.length) return { problem: `its annotation names no ${missing.join(', no ')} (write quarantine({ owner, reason, expires }))` };
  if (!/^\d{4}-\d{2}-\d{2}$/.test(parts.expires) || Number.isNaN(Date.parse(`${parts.expires}T00:00:00Z`)))
    return { problem: `its expiry "${parts.expires}" is not a date (YYYY-MM-DD)` };
  return { owner: parts.owner, reason: parts.reason, expires: parts.expires };
}

/**
 * Whole days left until the quarantine ends: it holds through its expiry day (UTC), so 0 on that
 * day and negative after it, when it is expired.
 * @param {string} expires
 * @returns {number}
 */
export function daysLeft(expires, now = new Date()) {
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  return Math.round((Date.parse(`${expires}T00:00:00Z`) - today) / DAY);
}
