import { createHash } from 'node:crypto';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

export type CompareResult =
  | { status: 'unchanged'; diffRatio: number }
  | { status: 'changed'; diffRatio: number; diffPng: Buffer; reason?: string }
  | { status: 'error'; diffRatio: number; reason: string };

export const DEFAULT_THRESHOLD = 0.01;

export function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/**
 * Compares two PNGs: identical bytes short-cut the pixel diff; otherwise pixelmatch counts
 * differing pixels (ignoring anti-aliasing) and the story changed when more than `threshold`
 * of its pixels differ. A size change is always a change.
 */
export function comparePngs(baseline: Buffer, current: Buffer, threshold = DEFAULT_THRESHOLD): CompareResult {
  if (sha256(baseline) === sha256(current)) return { status: 'unchanged', diffRatio: 0 };
  let before: PNG;
  try {
    before = PNG.sync.read(baseline);
  } catch (error) {
    return { status: 'error', diffRatio: 1, reason: `baseline PNG is unreadable (${(error as Error).message})` };
  }
  const after = PNG.sync.read(current);
  if (before.width !== after.width || before.height !== after.height) {
    const diff = new PNG({ width: after.width, height: after.height });
    after.data.copy(diff.data);
    return { status: 'changed', diffRatio: 1, diffPng: PNG.sync.write(diff), reason: `size changed from ${before.width}×${before.height} to ${after.width}×${after.height}` };
  }
  const diff = new PNG({ width: after.width, height: after.height });
  const differing = pixelmatch(before.data, after.data, diff.data, after.width, after.height, { threshold: 0.1, includeAA: false });
  const diffRatio = differing / (after.width * after.height);
  return diffRatio > threshold ? { status: 'changed', diffRatio, diffPng: PNG.sync.write(diff) } : { status: 'unchanged', diffRatio };
}
