import { describe, expect, it } from 'vitest';
import { createRawImage } from '../image';
import { downscaleRgba, PREVIEW_MAX_SIDE, previewOf, previewSize } from './preview';

function filled(w: number, h: number, f: (x: number, y: number) => [number, number, number, number]) {
  const img = createRawImage(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img.data.set(f(x, y), (y * w + x) * 4);
  return img;
}

describe('previews for display', () => {
  it('keeps images that fit and scales the longest side of larger ones to PREVIEW_MAX_SIDE', () => {
    expect(previewSize(4096, 100)).toEqual({ width: 4096, height: 100 });
    expect(previewSize(12000, 8000)).toEqual({ width: PREVIEW_MAX_SIDE, height: 2731 });
    expect(previewSize(100, 20000)).toEqual({ width: 20, height: 4096 });
    expect(previewSize(40000, 1)).toEqual({ width: 4096, height: 1 });
    const small = filled(3, 2, () => [1, 2, 3, 255]);
    expect(previewOf(small)).toBe(small);
  });

  it('area-averages exactly on whole-number ratios (4×2 → 2×1)', () => {
    const img = filled(4, 2, (x, y) => [x * 10, y * 100, 50, 255]);
    const out = downscaleRgba(img, 2, 1);
    expect(Array.from(out.data)).toEqual([5, 50, 50, 255, 25, 50, 50, 255]);
  });

  it('handles fractional ratios: a constant stays constant, a ramp stays monotonic, every pixel is written', () => {
    const flat = downscaleRgba(filled(7, 5, () => [10, 200, 30, 255]), 3, 2);
    expect(Array.from(flat.data)).toEqual([10, 200, 30, 255, 10, 200, 30, 255, 10, 200, 30, 255, 10, 200, 30, 255, 10, 200, 30, 255, 10, 200, 30, 255]);
    const ramp = downscaleRgba(filled(1000, 3, (x) => [Math.floor(x / 4), 0, 0, 255]), 333, 2);
    for (let x = 1; x < 333; x++) expect(ramp.data[x * 4]!).toBeGreaterThanOrEqual(ramp.data[(x - 1) * 4]!);
    expect(ramp.data[0]).toBe(0);
    expect(ramp.data[332 * 4]).toBeGreaterThanOrEqual(247);
    expect(ramp.data[(333 + 5) * 4 + 3]).toBe(255); // second row written
  });

  it('a 9000×300 panorama becomes 4096×137 with its colours', () => {
    const img = filled(9000, 300, (x) => (x < 4500 ? [255, 0, 0, 255] : [0, 0, 255, 255]));
    const p = previewOf(img);
    expect([p.width, p.height]).toEqual([4096, 137]);
    expect(Array.from(p.data.subarray(0, 4))).toEqual([255, 0, 0, 255]);
    const last = (137 * 4096 - 1) * 4;
    expect(Array.from(p.data.subarray(last, last + 4))).toEqual([0, 0, 255, 255]);
  });
});
