/**
 * Weight quantization in the tfjs weights-manifest format (the loader dequantizes on
 * its own): float16, or uint8 affine per tensor (min + scale·q).
 */
import type * as tf from '@tensorflow/tfjs';
import { encodeFloat16 } from '../train/float16';

export type WeightQuantization = 'float32' | 'float16' | 'uint8';

export function quantizeWeights(
  specs: tf.io.WeightsManifestEntry[],
  data: ArrayBuffer,
  mode: WeightQuantization,
): { specs: tf.io.WeightsManifestEntry[]; data: ArrayBuffer } {
  if (mode === 'float32') return { specs, data };
  const parts: Uint8Array[] = [];
  const out: tf.io.WeightsManifestEntry[] = [];
  let offset = 0;
  for (const spec of specs) {
    const n = spec.shape.reduce((a, b) => a * b, 1);
    if (spec.dtype !== 'float32' || spec.quantization) throw new Error(`cannot quantize ${spec.name} (${spec.dtype})`);
    const values = new Float32Array(data.slice(offset, offset + n * 4));
    offset += n * 4;
    if (mode === 'float16') {
      const q = encodeFloat16(values);
      parts.push(new Uint8Array(q.buffer));
      out.push({ ...spec, quantization: { dtype: 'float16' } });
    } else {
      let min = Infinity, max = -Infinity;
      for (const v of values) {
        if (v < min) min = v;
        if (v > max) max = v;
      }
      const scale = max > min ? (max - min) / 255 : 1;
      const q = new Uint8Array(n);
      for (let i = 0; i < n; i++) q[i] = Math.round((values[i]! - min) / scale);
      parts.push(q);
      out.push({ ...spec, quantization: { dtype: 'uint8', min, scale } });
    }
  }
  const total = parts.reduce((s, p) => s + p.length, 0);
  const joined = new Uint8Array(total);
  let at = 0;
  for (const p of parts) {
    joined.set(p, at);
    at += p.length;
  }
  return { specs: out, data: joined.buffer };
}
