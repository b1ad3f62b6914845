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
  if (before.width !== after.width || before.height !== after.height) return sizeChange(before, after);
  const diff = new PNG({ width: after.width, height: after.height });
  const differing = pixelmatch(before.data, after.data, diff.data, after.width, after.height, PIXELMATCH_OPTIONS);
  const diffRatio = differing / (after.width * after.height);
  return diffRatio > threshold ? { status: 'changed', diffRatio, diffPng: PNG.sync.write(diff) } : { status: 'unchanged', diffRatio };
}

const PIXELMATCH_OPTIONS = { threshold: 0.1, includeAA: false };

function crop(image: PNG, width: number, height: number): PNG {
  const out = new PNG({ width, height });
  PNG.bitblt(image, out, 0, 0, width, height, 0, 0);
  return out;
}

/**
 * A size change is always a change. The diff still shows where: the area both images share is
 * pixel-diffed as usual, and everything outside it (present in only one of them) is marked red.
 */
function sizeChange(before: PNG, after: PNG): CompareResult {
  const shared = { width: Math.min(before.width, after.width), height: Math.min(before.height, after.height) };
  const sharedDiff = new PNG(shared);
  const differing = pixelmatch(crop(before, shared.width, shared.height).data, crop(after, shared.width, shared.height).data, sharedDiff.data, shared.width, shared.height, PIXELMATCH_OPTIONS);
  const width = Math.max(before.width, after.width);
  const height = Math.max(before.height, after.height);
  const diff = new PNG({ width, height });
  for (let offset = 0; offset < diff.data.length; offset += 4) diff.data.set([255, 0, 0, 255], offset);
  PNG.bitblt(sharedDiff, diff, 0, 0, shared.width, shared.height, 0, 0);
  const diffRatio = (differing + width * height - shared.width * shared.height) / (width * height);
  return { status: 'changed', diffRatio, diffPng: PNG.sync.write(diff), reason: `size changed from ${before.width}×${before.height} to ${after.width}×${after.height}` };
}
