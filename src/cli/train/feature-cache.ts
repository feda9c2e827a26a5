/**
 * On-disk cache of what the decoder trains on (frozen encoder features, L and a,b at
 * the a,b stride, plus the teacher's class distribution), so each epoch runs only the
 * decoder and critic. Two samples per image: as is and mirrored. Float16 per field,
 * appended in chunks, resumable: meta.json says how many images are complete.
 */
import fs from 'node:fs';
import path from 'node:path';
import crypto from 'node:crypto';
import * as tf from '@tensorflow/tfjs';
import { rgbToLabTensor } from '../../core/color/lab';
import { NUM_CLASSES } from '../../core/model/config';
import type { FrozenEncoder } from '../../core/model/encoder';
import type { Teacher } from '../../core/model/teacher';
import { grayRgbFromL } from '../../core/model/preprocess';
import { computeSampleFeatures, SAMPLE_FIELDS, sampleFieldShapes, type SampleField } from '../../core/train/sample-features';
import { decodeFloat16, encodeFloat16 } from '../../core/train/float16';
import { loadSquareRgb } from '../../platform/node/training-images';
import { shuffledIndices } from '../../core/train/shuffle';

export const FLIPS = 2;

interface CacheMeta {
  version: 1;
  size: number;
  fileListHash: string;
  imageCount: number;
  doneImages: number;
}

export interface LoadedFeatureCache {
  readonly size: number;
  readonly sampleCount: number;
  readonly perSample: Record<SampleField, number>;
  readonly shapes: Record<SampleField, number[]>;
  readonly fields: Record<SampleField, Uint16Array>;
  /** [imageCount × NUM_CLASSES] teacher distribution, and which images have one. */
  teacher: Float32Array;
  teacherReady: Uint8Array;
}

const hashFiles = (files: string[]) => crypto.createHash('sha256').update(files.map((f) => path.basename(f)).join('\n')).digest('hex').slice(0, 16);
const perSampleOf = (size: number) =>
  Object.fromEntries(Object.entries(sampleFieldShapes(size)).map(([k, s]) => [k, s.reduce((a, b) => a * b, 1)])) as Record<SampleField, number>;

function readMeta(dir: string): CacheMeta | null {
  const p = path.join(dir, 'meta.json');
  return fs.existsSync(p) ? (JSON.parse(fs.readFileSync(p, 'utf8')) as CacheMeta) : null;
}
function writeJsonAtomic(p: string, value: unknown): void {
  fs.writeFileSync(p + '.tmp', JSON.stringify(value, null, 1));
  fs.renameSync(p + '.tmp', p);
}

async function labBatch(files: string[], size: number): Promise<tf.Tensor4D> {
  const pixels = await Promise.all(files.map((f) => loadSquareRgb(f, size)));
  const all = new Int32Array(files.length * size * size * 3);
  pixels.forEach((p, i) => all.set(p, i * p.length));
  return tf.tidy(() => {
    const rgb = tf.div(tf.tensor4d(all, [files.length, size, size, 3], 'int32'), 255);
    return rgbToLabTensor(rgb) as tf.Tensor4D;
  });
}

export interface BuildOptions {
  readonly files: string[];
  readonly size: number;
  readonly dir: string;
  readonly encoder: FrozenEncoder;
  readonly chunk?: number;
  readonly onProgress?: (done: number, total: number) => void;
}

/** Builds (or finishes) the feature cache. Safe to interrupt and rerun. */
export async function buildFeatureCache(o: BuildOptions): Promise<void> {
  fs.mkdirSync(o.dir, { recursive: true });
  const hash = hashFiles(o.files);
  let meta = readMeta(o.dir);
  if (!meta || meta.fileListHash !== hash || meta.size !== o.size) {
    meta = { version: 1, size: o.size, fileListHash: hash, imageCount: o.files.length, doneImages: 0 };
  }
  const per = perSampleOf(o.size);
  // Drop any partial chunk written after the last recorded one.
  for (const f of SAMPLE_FIELDS) {
    const p = path.join(o.dir, `${f}.f16`);
    const want = meta.doneImages * FLIPS * per[f] * 2;
    if (!fs.existsSync(p)) fs.writeFileSync(p, Buffer.alloc(0));
    if (fs.statSync(p).size !== want) fs.truncateSync(p, want);
  }
  writeJsonAtomic(path.join(o.dir, 'meta.json'), meta);
  const chunk = o.chunk ?? 16;
  const fds = Object.fromEntries(SAMPLE_FIELDS.map((f) => [f, fs.openSync(path.join(o.dir, `${f}.f16`), 'a')])) as Record<SampleField, number>;
  try {
    for (let start = meta.doneImages; start < o.files.length; start += chunk) {
      const names = o.files.slice(start, start + chunk);
      const lab = await labBatch(names, o.size);
      const views = [lab, tf.reverse(lab, 2) as tf.Tensor4D];
      const outs = views.map((v) => computeSampleFeatures(o.encoder, v));
      for (const f of SAMPLE_FIELDS) {
        const [a, b] = await Promise.all(outs.map((x) => x[f].data() as Promise<Float32Array>));
        // Interleave per image: sample index = image·2 + flip.
        const packed = new Uint16Array(names.length * FLIPS * per[f]);
        for (let i = 0; i < names.length; i++) {
          encodeFloat16(a!.subarray(i * per[f], (i + 1) * per[f]), packed, (i * 2) * per[f]);
          encodeFloat16(b!.subarray(i * per[f], (i + 1) * per[f]), packed, (i * 2 + 1) * per[f]);
        }
        fs.writeSync(fds[f], Buffer.from(packed.buffer, packed.byteOffset, packed.byteLength));
      }
      tf.dispose([lab, views[1]!, ...outs.flatMap((x) => Object.values(x))]);
      meta.doneImages = start + names.length;
      writeJsonAtomic(path.join(o.dir, 'meta.json'), meta);
      o.onProgress?.(meta.doneImages, o.files.length);
    }
  } finally {
    for (const fd of Object.values(fds)) fs.closeSync(fd);
  }
}

/**
 * Teacher distributions for every image (flip-invariant), resumable, in its own file.
 * Photos are visited in a fixed shuffled order so that a partly built cache (training
 * may start before it is complete) covers every source evenly.
 */
export function teacherOrder(imageCount: number): number[] {
  return shuffledIndices(imageCount, 4242);
}

export async function buildTeacherCache(o: { files: string[]; size: number; dir: string; teacher: Teacher; onProgress?: (done: number, total: number) => void }): Promise<void> {
  fs.mkdirSync(o.dir, { recursive: true });
  const p = path.join(o.dir, 'teacher.f32');
  const metaPath = path.join(o.dir, 'teacher.json');
  const hash = hashFiles(o.files);
  let done = 0;
  if (fs.existsSync(metaPath)) {
    const m = JSON.parse(fs.readFileSync(metaPath, 'utf8')) as { fileListHash: string; doneImages: number };
    if (m.fileListHash === hash) done = m.doneImages;
  }
  const bytes = o.files.length * NUM_CLASSES * 4;
  if (!fs.existsSync(p) || fs.statSync(p).size !== bytes) fs.writeFileSync(p, Buffer.alloc(bytes));
  const order = teacherOrder(o.files.length);
  const fd = fs.openSync(p, 'r+');
  try {
    for (let start = done; start < o.files.length; start += 8) {
      const ids = order.slice(start, start + 8);
      const lab = await labBatch(ids.map((i) => o.files[i]!), o.size);
      const dist = tf.tidy(() => o.teacher.distribution(grayRgbFromL(tf.slice(lab, [0, 0, 0, 0], [-1, -1, -1, 1]) as tf.Tensor4D)));
      const values = (await dist.data()) as Float32Array;
      tf.dispose([lab, dist]);
      ids.forEach((img, k) => {
        const row = values.subarray(k * NUM_CLASSES, (k + 1) * NUM_CLASSES);
        fs.writeSync(fd, Buffer.from(row.buffer, row.byteOffset, row.byteLength), 0, row.byteLength, img * NUM_CLASSES * 4);
      });
      fs.fsyncSync(fd);
      writeJsonAtomic(metaPath, { fileListHash: hash, doneImages: start + ids.length });
      o.onProgress?.(start + ids.length, o.files.length);
    }
  } finally {
    fs.closeSync(fd);
  }
}

/** Reads whatever part of the teacher cache exists (it may still be being written). */
export function refreshTeacher(cache: LoadedFeatureCache, dir: string): number {
  const p = path.join(dir, 'teacher.json');
  const imageCount = cache.teacherReady.length;
  if (!fs.existsSync(p)) return 0;
  const { doneImages } = JSON.parse(fs.readFileSync(p, 'utf8')) as { doneImages: number };
  const buf = fs.readFileSync(path.join(dir, 'teacher.f32'));
  if (buf.length !== imageCount * NUM_CLASSES * 4) return 0;
  cache.teacher.set(new Float32Array(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length)));
  const order = teacherOrder(imageCount);
  const n = Math.min(doneImages, imageCount);
  for (let k = 0; k < n; k++) cache.teacherReady[order[k]!] = 1;
  return n;
}

export function loadFeatureCache(dir: string): LoadedFeatureCache {
  const meta = readMeta(dir);
  if (!meta || meta.doneImages < meta.imageCount) throw new Error(`feature cache in ${dir} is incomplete; run the cache step first`);
  const per = perSampleOf(meta.size);
  const fields = {} as Record<SampleField, Uint16Array>;
  for (const f of SAMPLE_FIELDS) {
    const buf = fs.readFileSync(path.join(dir, `${f}.f16`));
    fields[f] = buf.byteOffset % 2 === 0 ? new Uint16Array(buf.buffer, buf.byteOffset, buf.length / 2) : new Uint16Array(Uint8Array.from(buf).buffer);
  }
  const cache: LoadedFeatureCache = {
    size: meta.size,
    sampleCount: meta.imageCount * FLIPS,
    perSample: per,
    shapes: sampleFieldShapes(meta.size),
    fields,
    teacher: new Float32Array(meta.imageCount * NUM_CLASSES),
    teacherReady: new Uint8Array(meta.imageCount),
  };
  refreshTeacher(cache, dir);
  return cache;
}

/** Gathers samples into float32 tensors. */
export function gatherBatch(cache: LoadedFeatureCache, indices: number[]): Record<SampleField, tf.Tensor> & { teacher: tf.Tensor2D; teacherMask: tf.Tensor1D } {
  const out = {} as Record<SampleField, tf.Tensor>;
  for (const f of SAMPLE_FIELDS) {
    const per = cache.perSample[f];
    const buf = new Float32Array(indices.length * per);
    indices.forEach((s, i) => decodeFloat16(cache.fields[f].subarray(s * per, (s + 1) * per), buf, i * per));
    out[f] = tf.tensor(buf, [indices.length, ...cache.shapes[f]]);
  }
  const teacher = new Float32Array(indices.length * NUM_CLASSES);
  const mask = new Float32Array(indices.length);
  indices.forEach((s, i) => {
    const img = Math.floor(s / FLIPS);
    teacher.set(cache.teacher.subarray(img * NUM_CLASSES, (img + 1) * NUM_CLASSES), i * NUM_CLASSES);
    mask[i] = cache.teacherReady[img]!;
  });
  return { ...out, teacher: tf.tensor2d(teacher, [indices.length, NUM_CLASSES]), teacherMask: tf.tensor1d(mask) };
}
