import { createHash } from 'node:crypto';
import pixelmatch from 'pixelmatch';
import { PNG } from 'pngjs';

/**
 * The result of comparing a capture with its baseline. Our captures are deterministic, so any
 * pixel beyond pixelmatch's per-pixel colour and anti-aliasing tolerance is a change; a story may
 * tolerate a share of such pixels (`parameters.visual.threshold`), but never more than
 * ALWAYS_FAILS_ABOVE. A tolerated difference is still reported, never silent.
 */
export type CompareResult =
  | { status: 'unchanged'; diffRatio: number; differingPixels: number; tolerated?: true; diffPng?: Buffer }
  | { status: 'changed'; diffRatio: number; differingPixels: number; diffPng: Buffer; reason?: string }
  | { status: 'error'; diffRatio: number; reason: string };

/** No story may tolerate more than this share of differing pixels. */
export const ALWAYS_FAILS_ABOVE = 0.01;
/** What a story tolerates unless it says otherwise: nothing. */
export const DEFAULT_THRESHOLD = 0;
/** pixelmatch's own default per-pixel colour tolerance. */
export const DEFAULT_COLOR_THRESHOLD = 0.1;

export function sha256(buffer: Buffer): string {
  return createHash('sha256').update(buffer).digest('hex');
}

/**
 * Identical bytes short-cut the pixel diff; a size change is always a change. `colorThreshold` is how
 * different one pixel must be to count (pixelmatch's threshold; a story may set it, as Chromatic's diffThreshold).
 */
export function comparePngs(baseline: Buffer, current: Buffer, threshold = DEFAULT_THRESHOLD, colorThreshold = DEFAULT_COLOR_THRESHOLD): CompareResult {
  if (sha256(baseline) === sha256(current)) return { status: 'unchanged', diffRatio: 0, differingPixels: 0 };
  let before: PNG;
  let after: PNG;
  try {
    before = PNG.sync.read(baseline);
  } catch (error) {
    return { status: 'error', diffRatio: 1, reason: `baseline PNG is unreadable (${(error as Error).message})` };
  }
  try {
    after = PNG.sync.read(current);
  } catch (error) {
    return { status: 'error', diffRatio: 1, reason: `the capture is not a readable PNG (${(error as Error).message})` };
  }
  if (before.width !== after.width || before.height !== after.height) return sizeChange(before, after, colorThreshold);
  const diff = new PNG({ width: after.width, height: after.height });
  const differingPixels = pixelmatch(before.data, after.data, diff.data, after.width, after.height, { threshold: colorThreshold, includeAA: false });
  const diffRatio = differingPixels / (after.width * after.height);
  if (differingPixels === 0) return { status: 'unchanged', diffRatio: 0, differingPixels: 0 };
  const tolerance = Math.min(Math.max(0, threshold), ALWAYS_FAILS_ABOVE);
  const diffPng = PNG.sync.write(diff);
  if (diffRatio > tolerance) return { status: 'changed', diffRatio, differingPixels, diffPng };
  return { status: 'unchanged', diffRatio, differingPixels, tolerated: true, diffPng };
}

function crop(image: PNG, width: number, height: number): PNG {
  const out = new PNG({ width, height });
  PNG.bitblt(image, out, 0, 0, width, height, 0, 0);
  return out;
}

/**
 * A size change is always a change. The diff still shows where: the area both images share is
 * pixel-diffed as usual, and everything outside it (present in only one of them) is marked red.
 */
function sizeChange(before: PNG, after: PNG, colorThreshold: number): CompareResult {
  const shared = { width: Math.min(before.width, after.width), height: Math.min(before.height, after.height) };
  const sharedDiff = new PNG(shared);
  const differing = pixelmatch(
    crop(before, shared.width, shared.height).data,
    crop(after, shared.width, shared.height).data,
    sharedDiff.data,
    shared.width,
    shared.height,
    { threshold: colorThreshold, includeAA: false },
  );
  const width = Math.max(before.width, after.width);
  const height = Math.max(before.height, after.height);
  const diff = new PNG({ width, height });
  for (let offset = 0; offset < diff.data.length; offset += 4) diff.data.set([255, 0, 0, 255], offset);
  PNG.bitblt(sharedDiff, diff, 0, 0, shared.width, shared.height, 0, 0);
  const differingPixels = differing + width * height - shared.width * shared.height;
  const diffRatio = differingPixels / (width * height);
  return {
    status: 'changed',
    diffRatio,
    differingPixels,
    diffPng: PNG.sync.write(diff),
    reason: `size changed from ${before.width}×${before.height} to ${after.width}×${after.height}`,
  };
}
