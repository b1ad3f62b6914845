/** `i/n` parsed: 1 ≤ i ≤ n. */
export function parseShard(value: string): { index: number; count: number } {
  const match = /^(\d+)\/(\d+)$/.exec(value);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (!match || count < 1 || index < 1 || index > count) throw new Error(`--shard ${value}: write I/N with 1 ≤ I ≤ N, e.g. 2/4.`);
  return { index, count };
}

/**
 * Splits `items` into `count` shards of near-equal expected time: longest first, each to the shard
 * with the least time so far (the LPT rule, within 4/3 of the best split). Every item lands in
 * exactly one shard; equal inputs give equal shards (ties are broken by `name`).
 */
export function splitLongestFirst<T>(
  items: readonly T[],
  ms: (item: T) => number,
  name: (item: T) => string,
  count: number,
): { items: T[]; expectedMs: number }[] {
  const shards = Array.from({ length: count }, () => ({ items: [] as T[], expectedMs: 0 }));
  const order = [...items].sort((a, b) => ms(b) - ms(a) || name(a).localeCompare(name(b)));
  for (const item of order) {
    const lightest = shards.reduce((best, shard) => (shard.expectedMs < best.expectedMs ? shard : best));
    lightest.items.push(item);
    lightest.expectedMs += ms(item);
  }
  return shards;
}
