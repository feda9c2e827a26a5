/**
 * Checks on the photos a user gives for fine-tuning, and on the set as a whole. Pure
 * arithmetic on RGBA pixels (no tfjs), so the worker answers at once and tests are cheap.
 */
import { chromaOfPixel } from '../color/lab';
import type { RawImage } from '../image';
import { sampleFieldShapes, SAMPLE_FIELDS } from '../train/sample-fields';

import { MAX_TRAINING_SET_BYTES, MIN_CHROMA_SPREAD, MIN_FINETUNE_PHOTOS, MIN_PHOTO_SIDE, VIEWS_PER_PHOTO } from './limits';

export { MAX_TRAINING_SET_BYTES, MIN_CHROMA_SPREAD, MIN_FINETUNE_PHOTOS, MIN_PHOTO_SIDE, VIEWS_PER_PHOTO };

/** 99th percentile of the distance of each pixel's a*b* from the photo's mean a*b*, over ≤ 20k sampled pixels. */
export function chromaSpread(image: RawImage): number {
  const n = image.width * image.height;
  if (n === 0) return 0;
  const step = Math.max(1, Math.floor(n / 20_000));
  const a: number[] = [], b: number[] = [];
  for (let i = 0; i < n; i += step) {
    const [pa, pb] = chromaOfPixel(image.data, i);
    a.push(pa);
    b.push(pb);
  }
  const meanA = a.reduce((s, v) => s + v, 0) / a.length;
  const meanB = b.reduce((s, v) => s + v, 0) / b.length;
  const d = a.map((v, i) => Math.hypot(v - meanA, b[i]! - meanB)).sort((x, y) => x - y);
  return d[Math.floor(0.99 * (d.length - 1))]!;
}

/** Why a decoded photo cannot be used for fine-tuning, or null when it can. */
export function photoProblem(image: RawImage, spread = chromaSpread(image)): string | null {
  const side = Math.min(image.width, image.height);
  if (side < MIN_PHOTO_SIDE) return `Too small to learn from (${image.width}×${image.height}); use photos at least ${MIN_PHOTO_SIDE} px on the short side`;
  if (spread < MIN_CHROMA_SPREAD) {
    return `No colour to learn from: this looks black-and-white or tinted in a single colour (sepia, cyanotype)`;
  }
  return null;
}

/** Bytes the prepared features (both views, float32) of `photos` training photos take at `size`². */
export function trainingSetBytes(photos: number, size: number): number {
  const shapes = sampleFieldShapes(size);
  const perView = SAMPLE_FIELDS.reduce((sum, f) => sum + shapes[f].reduce((p, d) => p * d, 1), 0);
  return photos * VIEWS_PER_PHOTO * perView * 4;
}

export interface TrainingSetVerdict {
  readonly ok: boolean;
  readonly problems: readonly string[];
  readonly estimatedBytes: number;
  readonly trainingPhotos: number;
}

/** Whether `usablePhotos` photos (one held out for the preview) can be trained on at `size`² with `batchSize`. */
export function checkTrainingSet(usablePhotos: number, size: number, batchSize: number, limitBytes = MAX_TRAINING_SET_BYTES): TrainingSetVerdict {
  const trainingPhotos = Math.max(0, usablePhotos - 1);
  const estimatedBytes = trainingSetBytes(trainingPhotos, size);
  const problems: string[] = [];
  if (usablePhotos < MIN_FINETUNE_PHOTOS) {
    problems.push(`Fine-tuning needs at least ${MIN_FINETUNE_PHOTOS} colour photos (one is held out for the preview); ${usablePhotos === 0 ? 'none is' : usablePhotos === 1 ? 'only 1 is' : `only ${usablePhotos} are`} usable`);
  }
  if (estimatedBytes > limitBytes) {
    const fit = Math.floor(limitBytes / trainingSetBytes(1, size));
    const onThisDevice = limitBytes < MAX_TRAINING_SET_BYTES ? ' on this device' : '';
    problems.push(`${trainingPhotos} photos at ${size} px need about ${mb(estimatedBytes)} of memory for training; the limit${onThisDevice} is ${mb(limitBytes)}. Use at most ${fit + 1} photos, or a smaller training size`);
  }
  if (!Number.isInteger(batchSize) || batchSize < 1) problems.push(`Batch size must be a whole number ≥ 1, got ${batchSize}`);
  return { ok: problems.length === 0, problems, estimatedBytes, trainingPhotos };
}

function mb(bytes: number): string {
  return bytes >= 1024 ** 3 ? `${(bytes / 1024 ** 3).toFixed(1)} GB` : `${Math.round(bytes / 1024 ** 2)} MB`;
}
