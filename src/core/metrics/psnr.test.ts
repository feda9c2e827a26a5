import { describe, expect, it } from 'vitest';
import { ColorizerError } from '../runtime/errors';
import { meanSquaredError, psnr } from './psnr';
import { imageFrom, noiseImage, offsetImage } from './test-images';

describe('meanSquaredError / psnr', () => {
  it('is Infinity for identical images (alpha ignored)', () => {
    const a = noiseImage(9, 7, 1);
    expect(meanSquaredError(a, offsetImage(a, 0, 0))).toBe(0);
    expect(psnr(a, offsetImage(a, 0, 0))).toBe(Infinity);
  });

  it('matches a hand-computed value for a uniform offset: MSE 100 -> 10·log10(65025/100)', () => {
    const black = imageFrom(4, 3, () => [0, 0, 0, 255]);
    const gray = imageFrom(4, 3, () => [10, 10, 10, 0]); // alpha differs, must not count
    expect(meanSquaredError(black, gray)).toBe(100);
    expect(psnr(black, gray)).toBeCloseTo(28.130803608679, 10);
  });

  it('averages over pixels and the three channels', () => {
    // One red value off by 30 in a 2×2 image: MSE = 30² / (4 pixels · 3 channels) = 75.
    const a = imageFrom(2, 2, () => [50, 60, 70, 255]);
    const b = imageFrom(2, 2, (x, y) => (x === 1 && y === 0 ? [80, 60, 70, 255] : [50, 60, 70, 255]));
    expect(meanSquaredError(a, b)).toBe(75);
    expect(psnr(a, b)).toBeCloseTo(10 * Math.log10(65025 / 75), 12);
  });

  it('throws invalid-argument naming both sizes when sizes differ', () => {
    const a = noiseImage(4, 3, 1), b = noiseImage(3, 4, 2);
    expect(() => psnr(a, b)).toThrow(ColorizerError);
    expect(() => psnr(a, b)).toThrow(/4×3.*3×4/);
    try {
      psnr(a, b);
    } catch (err) {
      expect((err as ColorizerError).code).toBe('invalid-argument');
    }
  });
});
