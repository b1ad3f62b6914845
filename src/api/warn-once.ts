const warned = new Set<string>();

/** Logs a warning the first time `key` is seen: one bad record repeated by every refresh logs once. */
export function warnOnce(key: string, message: string): void {
  if (warned.has(key)) return;
  warned.add(key);
  console.warn(message);
}

/** For tests: forget what was warned. */
export function resetWarnings(): void {
  warned.clear();
}
