/**
 * SSIM as SPEC §4 (Wang et al. 2004): local statistics under an 11×11 Gaussian
 * window, σ = 1.5, c₁ = (0.01·255)², c₂ = (0.03·255)², population (not sample)
 * covariances; computed per R, G, B channel and averaged (alpha ignored).
 *
 * Borders: only "valid" windows — those lying wholly inside the image — are
 * averaged, so the mean is over (W−10)×(H−10) positions. This equals
 * scikit-image `structural_similarity(gaussian_weights=True, sigma=1.5,
 * use_sample_covariance=False, data_range=255, channel_axis=-1)`, which filters
 * the whole image and then crops 5 px from each side before averaging.
 *
 * Small images: along an axis shorter than 11 px the window shrinks to the
 * largest odd size that fits (e.g. 10 → 9, 4 → 3, 1 → 1), keeping σ = 1.5 and
 * renormalising the truncated Gaussian. scikit-image refuses such images.
 *
 * The Gaussian is separable: each row is filtered horizontally once into a ring
 * of the last `window` rows, and output rows are filtered vertically from that
 * ring, so memory stays O(width): about 3 s for a 12-megapixel pair in Node 20.
 */
import type { RawImage } from '../image';
import { assertSameSize } from './same-size';

export const SSIM_WINDOW_SIZE = 11;
export const SSIM_SIGMA = 1.5;
export const SSIM_DATA_RANGE = 255;
const C1 = (0.01 * SSIM_DATA_RANGE) ** 2;
const C2 = (0.03 * SSIM_DATA_RANGE) ** 2;

/** Mean SSIM over the R, G and B channels; 1 for identical images. */
export function ssim(reference: RawImage, candidate: RawImage): number {
  assertSameSize(reference, candidate);
  const kx = gaussianKernel(windowSizeFor(reference.width), SSIM_SIGMA);
  const ky = gaussianKernel(windowSizeFor(reference.height), SSIM_SIGMA);
  let sum = 0;
  for (let channel = 0; channel < 3; channel++) {
    sum += meanSsimOfChannel(reference, candidate, channel, kx, ky);
  }
  return sum / 3;
}

/** The window length used along an axis of `length` pixels: 11, or the largest odd size that fits. */
export function windowSizeFor(length: number): number {
  const fit = length % 2 === 1 ? length : length - 1;
  return Math.min(SSIM_WINDOW_SIZE, fit);
}

/** Normalised 1-D Gaussian of odd `size`, centred, standard deviation `sigma`. */
export function gaussianKernel(size: number, sigma: number): Float64Array {
  const kernel = new Float64Array(size);
  const radius = (size - 1) / 2;
  let total = 0;
  for (let i = 0; i < size; i++) {
    const d = i - radius;
    kernel[i] = Math.exp((-0.5 * d * d) / (sigma * sigma));
    total += kernel[i]!;
  }
  for (let i = 0; i < size; i++) kernel[i] /= total;
  return kernel;
}

const MAPS = 5; // μx, μy, E[x²], E[y²], E[xy]

function meanSsimOfChannel(
  reference: RawImage,
  candidate: RawImage,
  channel: number,
  kx: Float64Array,
  ky: Float64Array,
): number {
  const { width, height } = reference;
  const x = reference.data, y = candidate.data;
  const kw = kx.length, kh = ky.length;
  const outW = width - kw + 1, outH = height - kh + 1;
  // ring[slot][ox][map]: horizontally filtered statistics of the last kh rows.
  const ring = new Float64Array(kh * MAPS * outW);
  const slotOf = new Int32Array(kh); // ring offset of each window row, top first
  let total = 0;

  for (let row = 0; row < height; row++) {
    const slot = (row % kh) * MAPS * outW;
    const rowStart = row * width * 4 + channel;
    for (let ox = 0; ox < outW; ox++) {
      let mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
      let p = rowStart + ox * 4;
      for (let k = 0; k < kw; k++, p += 4) {
        const w = kx[k]!, a = x[p]!, b = y[p]!;
        const wa = w * a, wb = w * b;
        mx += wa;
        my += wb;
        mxx += wa * a;
        myy += wb * b;
        mxy += wa * b;
      }
      const q = slot + ox * MAPS;
      ring[q] = mx;
      ring[q + 1] = my;
      ring[q + 2] = mxx;
      ring[q + 3] = myy;
      ring[q + 4] = mxy;
    }
    if (row < kh - 1) continue;

    // Vertical pass for the output row whose window spans rows row-kh+1..row.
    const top = row - kh + 1;
    for (let k = 0; k < kh; k++) slotOf[k] = ((top + k) % kh) * MAPS * outW;
    for (let ox = 0; ox < outW; ox++) {
      let mx = 0, my = 0, mxx = 0, myy = 0, mxy = 0;
      for (let k = 0; k < kh; k++) {
        const w = ky[k]!, q = slotOf[k]! + ox * MAPS;
        mx += w * ring[q]!;
        my += w * ring[q + 1]!;
        mxx += w * ring[q + 2]!;
        myy += w * ring[q + 3]!;
        mxy += w * ring[q + 4]!;
      }
      const vx = mxx - mx * mx, vy = myy - my * my, cxy = mxy - mx * my;
      total += ((2 * mx * my + C1) * (2 * cxy + C2)) / ((mx * mx + my * my + C1) * (vx + vy + C2));
    }
  }
  return total / (outW * outH);
}
