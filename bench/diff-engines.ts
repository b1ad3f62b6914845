// Image comparison engines on the same pairs: pixelmatch (what visual/compare.ts uses) against
// @blazediff/core (a maintained, pixelmatch-compatible alternative), same options, decoded images,
// so only the comparison itself is timed.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import blazediff from '@blazediff/core';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

interface Pair {
  before: Buffer;
  after: Buffer;
  width: number;
  height: number;
}

/** Every baseline PNG with a copy changed the way a real change looks: a 60×24 block recoloured. */
export function pairsFromBaselines(dir = 'visual/baselines'): Pair[] {
  return readdirSync(dir)
    .filter((name) => name.endsWith('.png'))
    .map((name) => {
      const png = PNG.sync.read(readFileSync(join(dir, name)));
      const after = Buffer.from(png.data);
      for (let y = 10; y < Math.min(png.height, 34); y += 1) {
        for (let x = 10; x < Math.min(png.width, 70); x += 1) {
          const offset = (y * png.width + x) * 4;
          after[offset] = 255 - (after[offset] ?? 0);
        }
      }
      return { before: png.data, after, width: png.width, height: png.height };
    });
}

const OPTIONS = { threshold: 0.1, includeAA: false } as const;

/** ms per comparison for each engine over all pairs; the differing pixel counts must agree. */
export function diffRound(pairs: Pair[]): { pixelmatch: number; blazediff: number; agree: boolean } {
  const time = (engine: (a: Buffer, b: Buffer, out: Buffer, w: number, h: number) => number) => {
    const counts: number[] = [];
    const started = performance.now();
    for (const pair of pairs) counts.push(engine(pair.before, pair.after, Buffer.alloc(pair.before.length), pair.width, pair.height));
    return { ms: (performance.now() - started) / pairs.length, counts };
  };
  const ours = time((a, b, out, w, h) => pixelmatch(a, b, out, w, h, OPTIONS));
  const theirs = time((a, b, out, w, h) => blazediff(a, b, out, w, h, OPTIONS));
  return { pixelmatch: ours.ms, blazediff: theirs.ms, agree: ours.counts.every((count, index) => count === theirs.counts[index]) };
}
