/**
 * The main job: RawImage → CIELAB → G¹ predicts a,b from L → full-resolution colour.
 *
 * L stays at full resolution. The model sees L area-downscaled and letterboxed (not
 * squashed, so 20:1 panoramas work) into its square input; its a,b for the content
 * region are upsampled bilinearly to full resolution and recombined with the original
 * L; Lab → sRGB clips to the gamut.
 *
 * Memory: the full-resolution work streams in row bands (L computed from the RGBA
 * rows as needed, chroma upsampled one band at a time), so beyond the input only the
 * two RGBA outputs (colorized, gray) are full size — no full-size float planes. A
 * 12000×8000 photo needs about 3 × 384 MB, not ~3 GB.
 */
import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '../image';
import { chromaOfPixel, labToRgba8, lightnessInto, type LabPlanes } from '../color/lab';
import { createRawImage } from '../image';
import { psnr, ssim } from '../metrics';
import type { Colorizer } from '../model/colorizer';
import { AB_STRIDE } from '../model/config';
import { throwIfAborted } from '../runtime/errors';
import { AreaDownscaler, downscaleArea, upscaleBilinear, upscaleBilinearRows } from './resample';
import type { ColorizeOptions, ColorizeResult } from './types';

/** An image whose 99th-percentile chroma is below this has no colour to compare with. */
export const GRAYSCALE_CHROMA_P99 = 2;

/**
 * The app and the colorize CLI skip PSNR/SSIM above this many pixels: SSIM over a
 * 96 MP photo takes most of a minute for one number (memory is not the issue: O(width)).
 */
export const METRICS_MAX_PIXELS = 50_000_000;

/** Why metrics are skipped for a photo of `pixels` pixels, or null when they are computed. */
export function metricsSkippedReason(pixels: number): string | null {
  if (pixels <= METRICS_MAX_PIXELS) return null;
  return `not computed for photos over ${METRICS_MAX_PIXELS / 1e6} MP (this one is ${Math.round(pixels / 1e6)} MP)`;
}

export interface Letterbox {
  readonly size: number;
  /** Content size and offset inside the square model input. */
  readonly width: number;
  readonly height: number;
  readonly left: number;
  readonly top: number;
}

/** Fits w×h into a size² square, preserving aspect ratio, centred; at least 1 px each way. */
export function letterbox(w: number, h: number, size: number): Letterbox {
  const scale = Math.min(size / w, size / h);
  const width = Math.max(1, Math.min(size, Math.round(w * scale)));
  const height = Math.max(1, Math.min(size, Math.round(h * scale)));
  return { size, width, height, left: Math.floor((size - width) / 2), top: Math.floor((size - height) / 2) };
}

/** Full-resolution rows handled at once when streaming (about 1 M pixels per band). */
const BAND_PIXELS = 1 << 20;

function bandRows(width: number): number {
  return Math.max(1, Math.floor(BAND_PIXELS / width));
}

/** True when the image has real colour (so PSNR/SSIM against it mean something). */
export function hasColour(lab: LabPlanes): boolean {
  return chromaP99(lab.L.length, (i) => Math.hypot(lab.a[i]!, lab.b[i]!)) >= GRAYSCALE_CHROMA_P99;
}

/** `hasColour(imageToLab(image))` without the full-size planes: the same sampled pixels. */
export function imageHasColour(image: RawImage): boolean {
  return chromaP99(image.width * image.height, (i) => Math.hypot(...chromaOfPixel(image.data, i))) >= GRAYSCALE_CHROMA_P99;
}

function chromaP99(n: number, chromaAt: (i: number) => number): number {
  const step = Math.max(1, Math.floor(n / 200_000));
  const chroma: number[] = [];
  for (let i = 0; i < n; i += step) chroma.push(chromaAt(i));
  chroma.sort((x, y) => x - y);
  return chroma[Math.floor(0.99 * (chroma.length - 1))]!;
}

/** Builds the model's square L input: content area-downscaled, border filled with the mean L. */
export function modelInputL(lab: LabPlanes, box: Letterbox): Float32Array {
  return letterboxedInput(downscaleArea(lab.L, lab.width, lab.height, box.width, box.height), box);
}

/** `modelInputL(imageToLab(image), box)`, computing L one row at a time. */
export function modelInputFromImage(image: RawImage, box: Letterbox): Float32Array {
  const { width, height } = image;
  const down = new AreaDownscaler(width, height, box.width, box.height);
  const row = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    lightnessInto(image.data, y * width, width, row);
    down.pushRow(row);
  }
  return letterboxedInput(down.result(), box);
}

function letterboxedInput(content: Float32Array, box: Letterbox): Float32Array {
  let mean = 0;
  for (const v of content) mean += v;
  mean /= content.length;
  const input = new Float32Array(box.size * box.size).fill(mean);
  for (let y = 0; y < box.height; y++) input.set(content.subarray(y * box.width, (y + 1) * box.width), (box.top + y) * box.size + box.left);
  return input;
}

/** Crops the content region out of the model's a,b grid (stride AB_STRIDE), as two planes. */
export function contentAb(ab: Float32Array, box: Letterbox): { a: Float32Array; b: Float32Array; gw: number; gh: number; x0: number; y0: number; x1: number; y1: number } {
  const g = box.size / AB_STRIDE;
  // Grid cells covering the content (fractional edges handled by the upsampler's geometry).
  const x0 = box.left / AB_STRIDE, y0 = box.top / AB_STRIDE;
  const x1 = (box.left + box.width) / AB_STRIDE, y1 = (box.top + box.height) / AB_STRIDE;
  const cx0 = Math.floor(x0), cy0 = Math.floor(y0), cx1 = Math.ceil(x1), cy1 = Math.ceil(y1);
  const gw = cx1 - cx0, gh = cy1 - cy0;
  const a = new Float32Array(gw * gh), b = new Float32Array(gw * gh);
  for (let y = 0; y < gh; y++) {
    for (let x = 0; x < gw; x++) {
      const src = ((cy0 + y) * g + (cx0 + x)) * 2;
      a[y * gw + x] = ab[src]!;
      b[y * gw + x] = ab[src + 1]!;
    }
  }
  return { a, b, gw, gh, x0: x0 - cx0, y0: y0 - cy0, x1: x1 - cx0, y1: y1 - cy0 };
}

/**
 * Upsamples a sub-rectangle [x0,x1)×[y0,y1) (grid units) of a gw×gh grid to W×H.
 */
export function upscaleRegion(grid: Float32Array, gw: number, gh: number, r: { x0: number; y0: number; x1: number; y1: number }, W: number, H: number): Float32Array {
  const exact = exactRegion(grid, gw, gh, r);
  return upscaleBilinear(exact.grid, exact.w, exact.h, W, H);
}

/**
 * The grid resampled onto the exact content rectangle (cheap: grid-sized), ready to
 * be upscaled to full resolution; the grid itself when the region is all of it.
 */
function exactRegion(grid: Float32Array, gw: number, gh: number, r: { x0: number; y0: number; x1: number; y1: number }): { grid: Float32Array; w: number; h: number } {
  if (r.x0 === 0 && r.y0 === 0 && r.x1 === gw && r.y1 === gh) return { grid, w: gw, h: gh };
  const tw = Math.max(1, Math.round(r.x1 - r.x0) || 1), th = Math.max(1, Math.round(r.y1 - r.y0) || 1);
  const exact = new Float32Array(tw * th);
  for (let y = 0; y < th; y++) {
    const gy = Math.min(Math.max(r.y0 + ((y + 0.5) * (r.y1 - r.y0)) / th - 0.5, 0), gh - 1);
    const y0 = Math.floor(gy), y1 = Math.min(y0 + 1, gh - 1), fy = gy - y0;
    for (let x = 0; x < tw; x++) {
      const gx = Math.min(Math.max(r.x0 + ((x + 0.5) * (r.x1 - r.x0)) / tw - 0.5, 0), gw - 1);
      const x0 = Math.floor(gx), x1 = Math.min(x0 + 1, gw - 1), fx = gx - x0;
      const top = grid[y0 * gw + x0]! * (1 - fx) + grid[y0 * gw + x1]! * fx;
      const bot = grid[y1 * gw + x0]! * (1 - fx) + grid[y1 * gw + x1]! * fx;
      exact[y * tw + x] = top * (1 - fy) + bot * fy;
    }
  }
  return { grid: exact, w: tw, h: th };
}

/**
 * The full-resolution recombination, in row bands: L from the input's own pixels,
 * a,b upsampled from the model's content grid, written straight into the colorized
 * and gray RGBA outputs. `onBand` reports the fraction of rows done.
 */
export function recombine(image: RawImage, region: ReturnType<typeof contentAb>, onBand?: (fraction: number) => void): { colorized: RawImage; gray: RawImage } {
  const { colorized, gray } = recombineBands(image, region, true, onBand);
  return { colorized, gray: gray! };
}

/**
 * The full-resolution colour image for a model a,b grid (Lab units, [size/4, size/4, 2]
 * for the letterboxed input `box`): the same recombination as colorize(), without the
 * gray output. Used for every Langevin sample.
 */
export function colorizeFromAb(image: RawImage, abGrid: Float32Array, box: Letterbox, onBand?: (fraction: number) => void): RawImage {
  return recombineBands(image, contentAb(abGrid, box), false, onBand).colorized;
}

/** The model's square L input for `image` at `size`, and where the photo sits in it. */
export function modelInputFor(image: RawImage, size: number): { box: Letterbox; input: Float32Array } {
  const box = letterbox(image.width, image.height, size);
  return { box, input: modelInputFromImage(image, box) };
}

function recombineBands(image: RawImage, region: ReturnType<typeof contentAb>, withGray: boolean, onBand?: (fraction: number) => void): { colorized: RawImage; gray: RawImage | null } {
  const { width: W, height: H, data } = image;
  const ea = exactRegion(region.a, region.gw, region.gh, region);
  const eb = exactRegion(region.b, region.gw, region.gh, region);
  const colorized = createRawImage(W, H);
  const gray = withGray ? createRawImage(W, H) : null;
  const rows = bandRows(W);
  const L = new Float32Array(rows * W), a = new Float32Array(rows * W), b = new Float32Array(rows * W);
  for (let y0 = 0; y0 < H; y0 += rows) {
    const y1 = Math.min(H, y0 + rows);
    const n = (y1 - y0) * W;
    lightnessInto(data, y0 * W, n, L);
    upscaleBilinearRows(ea.grid, ea.w, ea.h, W, H, y0, y1, a);
    upscaleBilinearRows(eb.grid, eb.w, eb.h, W, H, y0, y1, b);
    const base = y0 * W * 4;
    for (let i = 0; i < n; i++) {
      labToRgba8(L[i]!, a[i]!, b[i]!, colorized.data, base + i * 4);
      if (gray) labToRgba8(L[i]!, 0, 0, gray.data, base + i * 4);
    }
    onBand?.(y1 / H);
  }
  return { colorized, gray };
}

/** Colorizes one image at full resolution. Cancellable between stages via opts.signal. */
export async function colorize(colorizer: Colorizer, image: RawImage, opts: ColorizeOptions = {}): Promise<ColorizeResult> {
  const t0 = performance.now();
  const { signal, onProgress } = opts;
  throwIfAborted(signal);
  onProgress?.({ stage: 'prepare', fraction: 0 });
  const { box, input } = modelInputFor(image, colorizer.inputSize);
  throwIfAborted(signal);

  onProgress?.({ stage: 'model', fraction: 0.2 });
  const tm = performance.now();
  const abTensor = tf.tidy(() => colorizer.predictAb(tf.tensor4d(input, [1, box.size, box.size, 1])));
  let abGrid: Float32Array;
  try {
    abGrid = (await abTensor.data()) as Float32Array;
  } finally {
    abTensor.dispose();
  }
  const modelMs = performance.now() - tm;
  throwIfAborted(signal);

  onProgress?.({ stage: 'recombine', fraction: 0.6 });
  const region = contentAb(abGrid, box);
  // A progress report per ~5 % of the rows (each band is ~1 M pixels).
  let reported = 0;
  const { colorized, gray } = recombine(image, region, (done) => {
    if (done - reported < 0.05 && done < 1) return;
    reported = done;
    onProgress?.({ stage: 'recombine', fraction: 0.6 + 0.25 * done });
  });
  throwIfAborted(signal);

  const reference = imageHasColour(image);
  let metrics: ColorizeResult['metrics'] = null;
  if (reference && opts.computeMetrics !== false) {
    onProgress?.({ stage: 'metrics', fraction: 0.85 });
    metrics = { psnr: psnr(image, colorized), ssim: ssim(image, colorized) };
  }
  onProgress?.({ stage: 'metrics', fraction: 1 });
  return { colorized, gray, metrics, hasColourReference: reference, timings: { totalMs: performance.now() - t0, modelMs } };
}
