import { PNG } from 'pngjs';
import { describe, expect, it } from 'vitest';
import { comparePngs } from './compare';

function png(width: number, height: number, paint: (x: number, y: number) => [number, number, number]): Buffer {
  const image = new PNG({ width, height });
  for (let y = 0; y < height; y += 1)
    for (let x = 0; x < width; x += 1) {
      const offset = (y * width + x) * 4;
      const [r, g, b] = paint(x, y);
      image.data[offset] = r;
      image.data[offset + 1] = g;
      image.data[offset + 2] = b;
      image.data[offset + 3] = 255;
    }
  return PNG.sync.write(image);
}

const white = png(100, 100, () => [255, 255, 255]);

describe('comparing snapshots', () => {
  it('identical bytes are unchanged without a pixel diff', () => {
    expect(comparePngs(white, Buffer.from(white))).toEqual({ status: 'unchanged', diffRatio: 0, differingPixels: 0 });
  });

  it('a change over 1% of the pixels is a change, with a diff image', () => {
    const block = png(100, 100, (x, y) => (x < 20 && y < 20 ? [200, 0, 0] : [255, 255, 255]));
    const result = comparePngs(white, block);
    expect(result.status).toBe('changed');
    expect(result.diffRatio).toBeCloseTo(0.04, 3);
    expect(result.status === 'changed' && PNG.sync.read(result.diffPng).width).toBe(100);
  });

  it('any pixel beyond the per-pixel tolerance is a change: a 5×5 dot in 10,000 pixels fails', () => {
    const dot = png(100, 100, (x, y) => (x < 5 && y < 5 ? [0, 0, 0] : [255, 255, 255]));
    expect(comparePngs(white, dot)).toMatchObject({ status: 'changed', diffRatio: 0.0025, differingPixels: 25 });
  });

  it('a story may tolerate a share of pixels, and the tolerated difference is still reported', () => {
    const dot = png(100, 100, (x, y) => (x < 5 && y < 5 ? [0, 0, 0] : [255, 255, 255]));
    expect(comparePngs(white, dot, 0.005)).toMatchObject({ status: 'unchanged', tolerated: true, differingPixels: 25, diffPng: expect.any(Buffer) });
  });

  it('more than 1% always fails, whatever the story tolerates', () => {
    const block = png(100, 100, (x, y) => (x < 11 && y < 10 ? [0, 0, 0] : [255, 255, 255]));
    expect(comparePngs(white, block, 0.5)).toMatchObject({ status: 'changed', differingPixels: 110 });
  });

  it('a colour shift below the per-pixel colour tolerance is not a change', () => {
    const offWhite = png(100, 100, () => [254, 254, 254]);
    expect(comparePngs(white, offWhite)).toMatchObject({ status: 'unchanged', differingPixels: 0 });
  });

  it('a size change is always a change, with the reason and a diff that shows where', () => {
    const taller = png(100, 120, (x, y) => (x < 10 && y < 10 ? [0, 0, 0] : [255, 255, 255]));
    const result = comparePngs(white, taller);
    expect(result).toMatchObject({ status: 'changed', reason: 'size changed from 100×100 to 100×120' });
    // 100 changed pixels in the shared 100×100, plus the 100×20 strip only the new image has.
    expect(result.diffRatio).toBeCloseTo((100 + 2000) / 12_000, 6);
    const diff = result.status === 'changed' ? PNG.sync.read(result.diffPng) : undefined;
    expect(diff && [diff.width, diff.height]).toEqual([100, 120]);
    const pixel = (x: number, y: number) => Array.from(diff?.data.subarray((y * 100 + x) * 4, (y * 100 + x) * 4 + 4) ?? []);
    expect(pixel(50, 110)).toEqual([255, 0, 0, 255]);
    expect(pixel(50, 50)).not.toEqual([255, 0, 0, 255]);
  });

  it('a size change that is also a tiny overlap is still a change', () => {
    expect(
      comparePngs(
        white,
        png(101, 100, () => [255, 255, 255]),
        0.5,
      ),
    ).toMatchObject({ status: 'changed' });
  });

  it('a corrupt baseline or capture is an error with a clear reason, not a crash', () => {
    expect(comparePngs(Buffer.from('not a png'), white)).toMatchObject({ status: 'error', reason: expect.stringContaining('baseline PNG is unreadable') });
    expect(comparePngs(white, Buffer.from('not a png'))).toMatchObject({ status: 'error', reason: expect.stringContaining('not a readable PNG') });
  });
});

describe('comparing snapshots at the edges', () => {
  it('two files that differ only in how they are compressed are unchanged, with nothing to show', () => {
    const image = PNG.sync.read(white);
    const other = PNG.sync.write(image, { deflateLevel: 0 });
    expect(other.equals(white)).toBe(false);
    expect(comparePngs(white, other)).toStrictEqual({ status: 'unchanged', diffRatio: 0, differingPixels: 0 });
  });

  it('a difference of exactly the share a story tolerates is tolerated', () => {
    const small = png(10, 10, () => [255, 255, 255]);
    const dot = png(10, 10, (x, y) => (x === 0 && y === 0 ? [0, 0, 0] : [255, 255, 255]));
    expect(comparePngs(small, dot, 0.01)).toMatchObject({ status: 'unchanged', tolerated: true, differingPixels: 1, diffRatio: 0.01 });
    expect(comparePngs(small, dot, 0.009)).toMatchObject({ status: 'changed', differingPixels: 1 });
  });

  it('a narrower capture is diffed over the wider of the two', () => {
    const narrower = png(80, 100, () => [255, 255, 255]);
    const result = comparePngs(white, narrower);
    const diff = result.status === 'changed' ? PNG.sync.read(result.diffPng) : undefined;
    expect(diff && [diff.width, diff.height]).toEqual([100, 100]);
    expect(result).toMatchObject({ differingPixels: 2_000, diffRatio: 0.2 });
  });
});
