/**
 * MSE and PSNR as SPEC §4: over all pixels and the R, G, B channels (alpha
 * ignored), peak R = 255 for 8-bit images.
 */
import type { RawImage } from '../image';
import { assertSameSize } from './same-size';

export const PSNR_PEAK = 255;

/** Mean squared error over every pixel and the three colour channels. */
export function meanSquaredError(reference: RawImage, candidate: RawImage): number {
  assertSameSize(reference, candidate);
  const x = reference.data, y = candidate.data;
  let sum = 0;
  for (let i = 0; i < x.length; i += 4) {
    const dr = x[i]! - y[i]!, dg = x[i + 1]! - y[i + 1]!, db = x[i + 2]! - y[i + 2]!;
    sum += dr * dr + dg * dg + db * db;
  }
  return sum / (reference.width * reference.height * 3);
}

/** PSNR in dB = 10·log10(255² / MSE); Infinity when the images are identical. */
export function psnr(reference: RawImage, candidate: RawImage): number {
  return psnrFromMse(meanSquaredError(reference, candidate));
}

export function psnrFromMse(mse: number): number {
  return mse === 0 ? Infinity : 10 * Math.log10((PSNR_PEAK * PSNR_PEAK) / mse);
}
