/**
 * sRGB (D65) <-> CIELAB, as SPEC §1: the standard sRGB transfer curve, the sRGB
 * primaries' RGB->XYZ matrix, D65 white Xn=0.95047, Yn=1, Zn=1.08883 — the same
 * definition as scikit-image `rgb2lab` and OpenCV's float path.
 *
 * Two forms of each conversion: per-pixel/typed-array (used for full-resolution
 * recombination, metrics and ingest) and tensor (used by the model and training).
 */
import * as tf from '@tensorflow/tfjs-core';
import { createRawImage, type RawImage } from '../image';

export const WHITE_D65 = { Xn: 0.95047, Yn: 1.0, Zn: 1.08883 } as const;

// sRGB (linear) -> XYZ, IEC 61966-2-1 / skimage.
const M = [
  [0.412453, 0.35758, 0.180423],
  [0.212671, 0.71516, 0.072169],
  [0.019334, 0.119193, 0.950227],
] as const;
// Exact inverse of M (skimage computes linalg.inv(M)).
const M_INV = invert3(M);
// The same numbers as scalars, for the per-pixel loops.
const [[MI00, MI01, MI02], [MI10, MI11, MI12], [MI20, MI21, MI22]] = M_INV as [[number, number, number], [number, number, number], [number, number, number]];

const EPS = 216 / 24389; // (6/29)^3
const KAPPA = 24389 / 27; // used in the linear part: f(t) = t*kappa/116 + 16/116

function invert3(m: readonly (readonly number[])[]): number[][] {
  const [a, b, c] = m[0]!;
  const [d, e, f] = m[1]!;
  const [g, h, i] = m[2]!;
  const A = e * i - f * h, B = -(d * i - f * g), C = d * h - e * g;
  const det = a * A + b * B + c * C;
  return [
    [A / det, -(b * i - c * h) / det, (b * f - c * e) / det],
    [B / det, (a * i - c * g) / det, -(a * f - c * d) / det],
    [C / det, -(a * h - b * g) / det, (a * e - b * d) / det],
  ];
}

export function srgbToLinear(c: number): number {
  return c > 0.04045 ? Math.pow((c + 0.055) / 1.055, 2.4) : c / 12.92;
}
export function linearToSrgb(c: number): number {
  return c > 0.0031308 ? 1.055 * Math.pow(c, 1 / 2.4) - 0.055 : 12.92 * c;
}
function fLab(t: number): number {
  return t > EPS ? Math.cbrt(t) : (KAPPA * t + 16) / 116;
}
function fLabInv(t: number): number {
  const t3 = t * t * t;
  return t3 > EPS ? t3 : (116 * t - 16) / KAPPA;
}

/** sRGB in 0..1 -> [L, a, b] (L in 0..100). */
export function rgbToLab(r: number, g: number, b: number): [number, number, number] {
  const R = srgbToLinear(r), G = srgbToLinear(g), B = srgbToLinear(b);
  const x = (M[0][0] * R + M[0][1] * G + M[0][2] * B) / WHITE_D65.Xn;
  const y = (M[1][0] * R + M[1][1] * G + M[1][2] * B) / WHITE_D65.Yn;
  const z = (M[2][0] * R + M[2][1] * G + M[2][2] * B) / WHITE_D65.Zn;
  const fx = fLab(x), fy = fLab(y), fz = fLab(z);
  return [116 * fy - 16, 500 * (fx - fy), 200 * (fy - fz)];
}

/** [L, a, b] -> sRGB in 0..1, not clipped (may leave the gamut). */
export function labToRgbUnclipped(L: number, a: number, b: number): [number, number, number] {
  const fy = (L + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  const x = fLabInv(fx) * WHITE_D65.Xn, y = fLabInv(fy) * WHITE_D65.Yn, z = fLabInv(fz) * WHITE_D65.Zn;
  const R = M_INV[0]![0]! * x + M_INV[0]![1]! * y + M_INV[0]![2]! * z;
  const G = M_INV[1]![0]! * x + M_INV[1]![1]! * y + M_INV[1]![2]! * z;
  const B = M_INV[2]![0]! * x + M_INV[2]![1]! * y + M_INV[2]![2]! * z;
  return [linearToSrgb(Math.max(0, R)), linearToSrgb(Math.max(0, G)), linearToSrgb(Math.max(0, B))];
}

/** [L, a, b] -> sRGB in 0..1, clipped to the gamut. */
export function labToRgb(L: number, a: number, b: number): [number, number, number] {
  const [r, g, bl] = labToRgbUnclipped(L, a, b);
  return [clamp01(r), clamp01(g), clamp01(bl)];
}

function clamp01(v: number): number {
  return v < 0 ? 0 : v > 1 ? 1 : v;
}

export interface LabPlanes {
  readonly width: number;
  readonly height: number;
  readonly L: Float32Array;
  readonly a: Float32Array;
  readonly b: Float32Array;
}

// 256-entry lookup of the sRGB decode: every 8-bit input hits it.
const SRGB8_TO_LINEAR = (() => {
  const t = new Float64Array(256);
  for (let i = 0; i < 256; i++) t[i] = srgbToLinear(i / 255);
  return t;
})();

/** RGBA image -> L, a, b planes (alpha ignored: flatten first). */
export function imageToLab(image: RawImage): LabPlanes {
  const n = image.width * image.height;
  const L = new Float32Array(n), A = new Float32Array(n), B = new Float32Array(n);
  const d = image.data;
  for (let i = 0; i < n; i++) {
    const R = SRGB8_TO_LINEAR[d[i * 4]!]!, G = SRGB8_TO_LINEAR[d[i * 4 + 1]!]!, Bl = SRGB8_TO_LINEAR[d[i * 4 + 2]!]!;
    const fx = fLab((M[0][0] * R + M[0][1] * G + M[0][2] * Bl) / WHITE_D65.Xn);
    const fy = fLab((M[1][0] * R + M[1][1] * G + M[1][2] * Bl) / WHITE_D65.Yn);
    const fz = fLab((M[2][0] * R + M[2][1] * G + M[2][2] * Bl) / WHITE_D65.Zn);
    L[i] = 116 * fy - 16;
    A[i] = 500 * (fx - fy);
    B[i] = 200 * (fy - fz);
  }
  return { width: image.width, height: image.height, L, a: A, b: B };
}

/**
 * Lightness only, for `count` pixels of RGBA `data` starting at pixel `first`, into
 * `out` from `outOffset`: the same values as `imageToLab(image).L` (one cube root per
 * pixel instead of three), so the pipeline can stream row bands.
 */
export function lightnessInto(data: Uint8ClampedArray, first: number, count: number, out: Float32Array, outOffset = 0): void {
  for (let k = 0; k < count; k++) {
    const p = (first + k) * 4;
    const R = SRGB8_TO_LINEAR[data[p]!]!, G = SRGB8_TO_LINEAR[data[p + 1]!]!, Bl = SRGB8_TO_LINEAR[data[p + 2]!]!;
    out[outOffset + k] = 116 * fLab((M[1][0] * R + M[1][1] * G + M[1][2] * Bl) / WHITE_D65.Yn) - 16;
  }
}

/** a and b of pixel `i` of RGBA `data`, rounded to float32 exactly as `imageToLab` stores them. */
export function chromaOfPixel(data: Uint8ClampedArray, i: number): [number, number] {
  const R = SRGB8_TO_LINEAR[data[i * 4]!]!, G = SRGB8_TO_LINEAR[data[i * 4 + 1]!]!, Bl = SRGB8_TO_LINEAR[data[i * 4 + 2]!]!;
  const fx = fLab((M[0][0] * R + M[0][1] * G + M[0][2] * Bl) / WHITE_D65.Xn);
  const fy = fLab((M[1][0] * R + M[1][1] * G + M[1][2] * Bl) / WHITE_D65.Yn);
  const fz = fLab((M[2][0] * R + M[2][1] * G + M[2][2] * Bl) / WHITE_D65.Zn);
  return [Math.fround(500 * (fx - fy)), Math.fround(200 * (fy - fz))];
}

// Exact 8-bit sRGB encoding without Math.pow: SRGB8_THRESHOLD[v] is the smallest
// linear value that `Math.round(255 * linearToSrgb(x))` maps to v or more (found by
// bisection on the exact function, so results are bit-identical), and a bucket table
// gives a starting guess that is never too high.
const encodeExact = (x: number) => Math.round(clamp01(linearToSrgb(x)) * 255);
const SRGB8_THRESHOLD = (() => {
  const t = new Float64Array(257).fill(Infinity);
  t[0] = -Infinity;
  for (let v = 1; v <= 255; v++) {
    let lo = 0, hi = 1; // encodeExact(lo) < v <= encodeExact(hi)
    for (;;) {
      const mid = (lo + hi) / 2;
      if (mid === lo || mid === hi) break;
      if (encodeExact(mid) >= v) hi = mid;
      else lo = mid;
    }
    t[v] = hi;
  }
  return t;
})();
const ENCODE_BUCKETS = 4096;
const SRGB8_BUCKET = (() => {
  const t = new Uint8Array(ENCODE_BUCKETS + 1);
  for (let k = 0; k <= ENCODE_BUCKETS; k++) t[k] = encodeExact(k / ENCODE_BUCKETS);
  return t;
})();

/** `Math.round(255 * clamp01(linearToSrgb(max(0, v))))`, exactly, via tables (NaN → 0). */
export function linearToSrgb8(v: number): number {
  if (!(v > 0)) return 0;
  if (v >= 1) return 255;
  let k = SRGB8_BUCKET[(v * ENCODE_BUCKETS) | 0]!;
  while (v >= SRGB8_THRESHOLD[k + 1]!) k++;
  return k;
}

/**
 * Writes the gamut-clipped 8-bit sRGB of (L, a, b) and alpha 255 into `out` at byte
 * offset `o`: bit-identical to rounding `labToRgb(L, a, b)`, several times faster.
 */
export function labToRgba8(L: number, a: number, b: number, out: Uint8ClampedArray, o: number): void {
  const fy = (L + 16) / 116;
  const fx = fy + a / 500;
  const fz = fy - b / 200;
  const x = fLabInv(fx) * WHITE_D65.Xn, y = fLabInv(fy) * WHITE_D65.Yn, z = fLabInv(fz) * WHITE_D65.Zn;
  out[o] = linearToSrgb8(MI00 * x + MI01 * y + MI02 * z);
  out[o + 1] = linearToSrgb8(MI10 * x + MI11 * y + MI12 * z);
  out[o + 2] = linearToSrgb8(MI20 * x + MI21 * y + MI22 * z);
  out[o + 3] = 255;
}

/** L, a, b planes -> opaque RGBA image, gamut-clipped and rounded to 8 bits. */
export function labToImage(lab: LabPlanes): RawImage {
  const n = lab.width * lab.height;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) labToRgba8(lab.L[i]!, lab.a[i]!, lab.b[i]!, out, i * 4);
  return createRawImage(lab.width, lab.height, out);
}

/** The grayscale version of an image: its own L with a = b = 0. */
export function grayscaleOf(lab: LabPlanes): RawImage {
  const n = lab.width * lab.height;
  const out = new Uint8ClampedArray(n * 4);
  for (let i = 0; i < n; i++) labToRgba8(lab.L[i]!, 0, 0, out, i * 4);
  return createRawImage(lab.width, lab.height, out);
}

// ---------------------------------------------------------------- tensors

function fLabT(t: tf.Tensor): tf.Tensor {
  return tf.where(tf.greater(t, EPS), tf.pow(tf.maximum(t, EPS), 1 / 3), tf.div(tf.add(tf.mul(t, KAPPA), 16), 116));
}
/** Inverse of the Lab companding f: f⁻¹(t) = t³ above (6/29), linear below. */
export function fLabInvT(t: tf.Tensor): tf.Tensor {
  const t3 = tf.mul(tf.mul(t, t), t);
  return tf.where(tf.greater(t3, EPS), t3, tf.div(tf.sub(tf.mul(t, 116), 16), KAPPA));
}

/** [..., 3] sRGB in 0..1 -> [..., 3] Lab. */
export function rgbToLabTensor(rgb: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const lin = tf.where(
      tf.greater(rgb, 0.04045),
      tf.pow(tf.div(tf.add(tf.maximum(rgb, 0.04045), 0.055), 1.055), 2.4),
      tf.div(rgb, 12.92),
    );
    const m = tf.tensor2d(M.map((row) => [...row]) as number[][]).transpose(); // [3,3]
    const flat = tf.reshape(lin, [-1, 3]);
    const xyz = tf.div(tf.matMul(flat, m), tf.tensor1d([WHITE_D65.Xn, WHITE_D65.Yn, WHITE_D65.Zn]));
    const f = fLabT(xyz);
    const [fx, fy, fz] = tf.split(f, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const L = tf.sub(tf.mul(fy, 116), 16);
    const a = tf.mul(tf.sub(fx, fy), 500);
    const b = tf.mul(tf.sub(fy, fz), 200);
    return tf.reshape(tf.concat([L, a, b], 1), rgb.shape);
  });
}

/** [..., 3] Lab -> [..., 3] sRGB in 0..1, gamut-clipped. */
export function labToRgbTensor(lab: tf.Tensor): tf.Tensor {
  return tf.tidy(() => {
    const flat = tf.reshape(lab, [-1, 3]);
    const [L, a, b] = tf.split(flat, 3, 1) as [tf.Tensor, tf.Tensor, tf.Tensor];
    const fy = tf.div(tf.add(L, 16), 116);
    const fx = tf.add(fy, tf.div(a, 500));
    const fz = tf.sub(fy, tf.div(b, 200));
    const xyz = tf.mul(tf.concat([fLabInvT(fx), fLabInvT(fy), fLabInvT(fz)], 1), tf.tensor1d([WHITE_D65.Xn, WHITE_D65.Yn, WHITE_D65.Zn]));
    const lin = tf.maximum(tf.matMul(xyz, tf.tensor2d(M_INV).transpose()), 0);
    return tf.reshape(tf.clipByValue(linearToSrgbTensor(lin), 0, 1), lab.shape);
  });
}

/** The sRGB transfer curve on a tensor of linear values ≥ 0 (not clipped). */
export function linearToSrgbTensor(lin: tf.Tensor): tf.Tensor {
  return tf.tidy(() =>
    tf.where(
      tf.greater(lin, 0.0031308),
      tf.sub(tf.mul(tf.pow(tf.maximum(lin, 0.0031308), 1 / 2.4), 1.055), 0.055),
      tf.mul(lin, 12.92),
    ),
  );
}
