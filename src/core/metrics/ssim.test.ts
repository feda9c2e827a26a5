import { describe, expect, it } from 'vitest';
import { createRawImage, type RawImage } from '../image';
import { ColorizerError } from '../runtime/errors';
import { gaussianKernel, ssim, windowSizeFor } from './ssim';
import { imageFrom, noiseImage, offsetImage } from './test-images';

/**
 * Independent reference: direct 2-D (non-separable) Gaussian-weighted SSIM in
 * float64 over every valid window, per RGB channel, averaged. Slow, obvious.
 */
function referenceSsim(x: RawImage, y: RawImage, winW: number, winH: number): number {
  const sigma = 1.5, c1 = (0.01 * 255) ** 2, c2 = (0.03 * 255) ** 2;
  const rx = (winW - 1) / 2, ry = (winH - 1) / 2;
  const weights: number[][] = [];
  let total = 0;
  for (let j = 0; j < winH; j++) {
    weights.push([]);
    for (let i = 0; i < winW; i++) {
      const w = Math.exp(-((i - rx) ** 2 + (j - ry) ** 2) / (2 * sigma * sigma));
      weights[j]!.push(w);
      total += w;
    }
  }
  let sum = 0, count = 0;
  for (let ch = 0; ch < 3; ch++) {
    for (let top = 0; top + winH <= x.height; top++) {
      for (let left = 0; left + winW <= x.width; left++) {
        let mx = 0, my = 0;
        for (let j = 0; j < winH; j++) for (let i = 0; i < winW; i++) {
          const p = ((top + j) * x.width + left + i) * 4 + ch, w = weights[j]![i]! / total;
          mx += w * x.data[p]!;
          my += w * y.data[p]!;
        }
        let vx = 0, vy = 0, cxy = 0;
        for (let j = 0; j < winH; j++) for (let i = 0; i < winW; i++) {
          const p = ((top + j) * x.width + left + i) * 4 + ch, w = weights[j]![i]! / total;
          const dx = x.data[p]! - mx, dy = y.data[p]! - my;
          vx += w * dx * dx;
          vy += w * dy * dy;
          cxy += w * dx * dy;
        }
        sum += ((2 * mx * my + c1) * (2 * cxy + c2)) / ((mx * mx + my * my + c1) * (vx + vy + c2));
        count++;
      }
    }
  }
  return sum / count;
}

describe('ssim', () => {
  it('is 1 for identical images, ignoring alpha', () => {
    const a = noiseImage(23, 17, 1);
    expect(ssim(a, offsetImage(a, 0, 7))).toBeCloseTo(1, 12);
  });

  it('matches the hand formula for flat images with a constant offset', () => {
    // Every window is flat (σ = 0): SSIM = (2·100·110 + c1) / (100² + 110² + c1).
    const c1 = (0.01 * 255) ** 2;
    const a = imageFrom(15, 12, () => [100, 100, 100, 255]);
    expect(ssim(a, offsetImage(a, 10))).toBeCloseTo((2 * 100 * 110 + c1) / (100 ** 2 + 110 ** 2 + c1), 12);
  });

  it('matches the direct 2-D reference for a constant-offset textured image', () => {
    const a = noiseImage(24, 19, 2);
    const b = offsetImage(a, 20); // clamping at 255 makes it more than a pure shift
    const expected = referenceSsim(a, b, 11, 11);
    expect(expected).toBeLessThan(1);
    expect(ssim(a, b)).toBeCloseTo(expected, 10);
  });

  it('matches the direct 2-D reference for two unrelated images', () => {
    const a = noiseImage(30, 14, 3), b = noiseImage(30, 14, 4);
    expect(ssim(a, b)).toBeCloseTo(referenceSsim(a, b, 11, 11), 10);
  });

  it('matches scikit-image structural_similarity on a fixed image (golden value)', () => {
    // skimage 0.26: a = (np.arange(19*24*3).reshape(19, 24, 3) * 2654435761 % 256).astype(uint8),
    // b = clip(a + 20, 0, 255); structural_similarity(a, b, gaussian_weights=True, sigma=1.5,
    // use_sample_covariance=False, data_range=255, channel_axis=-1)
    const a = imageFrom(24, 19, (x, y) => [0, 1, 2].map((c) => (((y * 24 + x) * 3 + c) * 2654435761) % 256).concat(255));
    expect(ssim(a, offsetImage(a, 20))).toBeCloseTo(0.9892291168238421, 10);
  });

  it('uses 11×11 windows with σ = 1.5 (scipy/skimage weights, truncate = 3.5)', () => {
    const k = gaussianKernel(11, 1.5);
    expect(k.length).toBe(11);
    expect(k.reduce((s, v) => s + v, 0)).toBeCloseTo(1, 14);
    // numpy, same formula as scipy.ndimage's gaussian_filter1d kernel (sigma 1.5, radius 5):
    // w = exp(-x²/(2σ²)), x = -5..5, w /= w.sum()
    expect(k[5]).toBeCloseTo(0.26601172486, 10);
    expect(k[0]).toBeCloseTo(0.00102838008, 10);
  });

  it('falls back to the largest odd window that fits for images under 11 px', () => {
    expect([1, 2, 3, 4, 9, 10, 11, 12, 4000].map(windowSizeFor)).toEqual([1, 1, 3, 3, 9, 9, 11, 11, 11]);
    const a = noiseImage(10, 4, 5), b = noiseImage(10, 4, 6);
    expect(ssim(a, b)).toBeCloseTo(referenceSsim(a, b, 9, 3), 10);
    const p = createRawImage(1, 1, new Uint8ClampedArray([10, 20, 30, 255]));
    expect(ssim(p, p)).toBe(1);
  });

  it('throws invalid-argument when sizes differ', () => {
    const a = noiseImage(12, 12, 1), b = noiseImage(12, 13, 1);
    expect(() => ssim(a, b)).toThrow(ColorizerError);
    expect(() => ssim(a, b)).toThrow(/different sizes/);
  });
});
