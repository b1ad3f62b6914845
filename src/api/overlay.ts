/**
 * `items`, each replaced by its entry in `overrides` when it has one. Local state on top of a
 * server list is always keyed by server id in a Map: on a plain object an id like `__proto__`,
 * `constructor` or `toString` finds the object's own machinery instead of nothing.
 */
export function overlayById<T extends { id: string }>(items: readonly T[], overrides: ReadonlyMap<string, T> | undefined): T[] {
  return items.map((item) => overrides?.get(item.id) ?? item);
}
