import { describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { quantizeWeights } from './quantize';

describe('quantizeWeights', () => {
  const values = Float32Array.from({ length: 300 }, (_, i) => Math.sin(i) * 0.3 - 0.05);
  const specs: tf.io.WeightsManifestEntry[] = [{ name: 'w', shape: [300], dtype: 'float32' }];

  it.each([
    ['float16', 2 * 300, 2e-4],
    ['uint8', 300, 0.6 / 255 / 2 + 1e-6],
  ] as const)('%s round-trips through the tfjs loader within its step', (mode, bytes, tol) => {
    const q = quantizeWeights(specs, values.buffer.slice(0), mode);
    expect(q.data.byteLength).toBe(bytes);
    const decoded = tf.io.decodeWeights(q.data, q.specs)['w']!;
    const back = decoded.dataSync();
    values.forEach((v, i) => expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(tol));
    decoded.dispose();
  });
});
