/**
 * A fine-tuning training set in memory: for every square crop and its mirror, the frozen
 * encoder's features, L and true a,b (the same fields as the Node feature cache), plus
 * the teacher's class distribution of the photo. Batches are gathered on the backend.
 */
import * as tf from '@tensorflow/tfjs';
import { rgbToLabTensor } from '../color/lab';
import type { RawImage } from '../image';
import type { FrozenEncoder } from '../model/encoder';
import { grayRgbFromL } from '../model/preprocess';
import type { Teacher } from '../model/teacher';
import { throwIfAborted } from '../runtime/errors';
import { computeSampleFeatures, SAMPLE_FIELDS, type SampleField } from '../train/sample-features';
import type { TrainBatch } from '../train/step';
import { VIEWS_PER_PHOTO } from './limits';

export interface TrainingSet {
  /** Samples: photos × views (as is, mirrored). Sample i is photo ⌊i/2⌋. */
  readonly size: number;
  readonly photos: number;
  batch(indices: readonly number[]): TrainBatch;
  dispose(): void;
}

export interface PrepareOptions {
  readonly encoder: FrozenEncoder;
  /** Gives the class-distribution targets; without it the batches carry none. */
  readonly teacher?: { distribution(gray: tf.Tensor4D): tf.Tensor2D } | Teacher;
  /** Square crops, all the same size (a multiple of 32). */
  readonly crops: readonly RawImage[];
  readonly signal?: AbortSignal;
  readonly onProgress?: (done: number, total: number, stage: 'features' | 'teacher') => void;
  /** Crops per encoder pass (memory vs speed). */
  readonly chunk?: number;
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Lab [N,S,S,3] of square RGBA crops. */
export function labOfCrops(crops: readonly RawImage[]): tf.Tensor4D {
  const size = crops[0]!.width;
  const rgb = new Float32Array(crops.length * size * size * 3);
  crops.forEach((c, n) => {
    if (c.width !== size || c.height !== size) throw new RangeError(`Training crops must all be ${size}×${size}; got ${c.width}×${c.height}`);
    for (let i = 0; i < size * size; i++) {
      const o = (n * size * size + i) * 3;
      rgb[o] = c.data[i * 4]! / 255;
      rgb[o + 1] = c.data[i * 4 + 1]! / 255;
      rgb[o + 2] = c.data[i * 4 + 2]! / 255;
    }
  });
  return tf.tidy(() => rgbToLabTensor(tf.tensor4d(rgb, [crops.length, size, size, 3])) as tf.Tensor4D);
}

export async function prepareTrainingSet(o: PrepareOptions): Promise<TrainingSet> {
  if (o.crops.length === 0) throw new RangeError('The training set is empty');
  const chunk = o.chunk ?? 4;
  const parts: Record<SampleField, tf.Tensor[]> = Object.fromEntries(SAMPLE_FIELDS.map((f) => [f, []])) as never;
  const teacherParts: tf.Tensor2D[] = [];
  try {
    for (let start = 0; start < o.crops.length; start += chunk) {
      throwIfAborted(o.signal);
      const lab = labOfCrops(o.crops.slice(start, start + chunk));
      const mirrored = tf.reverse(lab, 2) as tf.Tensor4D;
      const [a, b] = [computeSampleFeatures(o.encoder, lab), computeSampleFeatures(o.encoder, mirrored)];
      for (const f of SAMPLE_FIELDS) {
        // Interleave per photo: sample 2i = photo i, 2i+1 = its mirror.
        const n = lab.shape[0];
        parts[f].push(tf.tidy(() => {
          const stacked = tf.stack([a[f], b[f]], 1); // [n, 2, ...]
          return tf.reshape(stacked, [n * VIEWS_PER_PHOTO, ...a[f].shape.slice(1)]);
        }));
      }
      if (o.teacher) {
        const teacher = o.teacher;
        teacherParts.push(tf.tidy(() => teacher.distribution(grayRgbFromL(tf.slice(lab, [0, 0, 0, 0], [-1, -1, -1, 1]) as tf.Tensor4D))));
      }
      // Wait for the backend (and let pause/stop messages in) before the next chunk.
      await parts.ab.at(-1)!.data();
      tf.dispose([lab, mirrored, ...Object.values(a), ...Object.values(b)]);
      o.onProgress?.(Math.min(start + chunk, o.crops.length), o.crops.length, 'features');
      await yieldToEvents();
    }
  } catch (err) {
    tf.dispose([...Object.values(parts).flat(), ...teacherParts]);
    throw err;
  }
  const fields = Object.fromEntries(SAMPLE_FIELDS.map((f) => {
    const t = parts[f].length === 1 ? parts[f][0]! : tf.concat(parts[f], 0);
    if (parts[f].length > 1) tf.dispose(parts[f]);
    return [f, t];
  })) as Record<SampleField, tf.Tensor>;
  let teacher: tf.Tensor2D | null = null;
  if (teacherParts.length > 0) {
    teacher = tf.tidy(() => {
      const perPhoto = tf.concat(teacherParts, 0); // [photos, classes]
      // Both views of a photo share its distribution.
      return tf.reshape(tf.tile(tf.expandDims(perPhoto, 1), [1, VIEWS_PER_PHOTO, 1]), [-1, perPhoto.shape[1]!]) as tf.Tensor2D;
    });
    tf.dispose(teacherParts);
  }
  const count = o.crops.length * VIEWS_PER_PHOTO;
  return {
    size: count,
    photos: o.crops.length,
    batch(indices) {
      return tf.tidy(() => {
        const idx = tf.tensor1d(indices as number[], 'int32');
        const pick = <T extends tf.Tensor>(t: T) => tf.gather(t, idx) as T;
        return {
          s4: pick(fields.s4) as tf.Tensor4D,
          s8: pick(fields.s8) as tf.Tensor4D,
          s16: pick(fields.s16) as tf.Tensor4D,
          s32: pick(fields.s32) as tf.Tensor4D,
          global: pick(fields.global) as tf.Tensor2D,
          lightness: pick(fields.lightness) as tf.Tensor4D,
          ab: pick(fields.ab) as tf.Tensor4D,
          ...(teacher ? { teacher: pick(teacher), teacherMask: tf.ones([indices.length]) as tf.Tensor1D } : {}),
        };
      });
    },
    dispose() {
      tf.dispose(Object.values(fields));
      teacher?.dispose();
    },
  };
}
