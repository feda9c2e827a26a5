import { describe, expect, it, beforeAll } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../../platform/node/tfjs-node-wasm';

interface Case { x: [number, number, number, number]; k: [number, number]; co: number; s: number; pad: 'same' | 'valid' }
const cases: Case[] = [
  { x: [2, 9, 9, 3], k: [3, 3], co: 4, s: 1, pad: 'same' },
  { x: [2, 9, 8, 3], k: [3, 3], co: 5, s: 2, pad: 'same' },
  { x: [1, 10, 10, 2], k: [4, 4], co: 3, s: 2, pad: 'same' },
  { x: [3, 11, 7, 4], k: [3, 2], co: 2, s: 2, pad: 'valid' },
  { x: [1, 8, 8, 6], k: [1, 1], co: 7, s: 1, pad: 'valid' },
  { x: [2, 12, 12, 3], k: [5, 5], co: 2, s: 3, pad: 'same' },
];

function grads(c: Case, seed: number) {
  return tf.tidy(() => {
    const x = tf.randomNormal(c.x, 0, 1, 'float32', seed);
    const f = tf.randomNormal([c.k[0], c.k[1], c.x[3], c.co], 0, 1, 'float32', seed + 1);
    const y = tf.conv2d(x as tf.Tensor4D, f as tf.Tensor4D, c.s, c.pad);
    const dy = tf.randomNormal(y.shape, 0, 1, 'float32', seed + 2);
    // d/dx and d/df of Σ conv2d(x, f)·dy run Conv2DBackpropInput and Conv2DBackpropFilter.
    const [dX, dF] = tf.grads((xx: tf.Tensor, ff: tf.Tensor) =>
      tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, c.s, c.pad).mul(dy).sum())([x, f]);
    return [dF!.arraySync(), dX!.arraySync()] as const;
  });
}

describe('wasm gradient kernels', () => {
  beforeAll(async () => {
    await initNodeBackend('wasm');
  });

  it('match the cpu backend for strides, paddings and kernel sizes', async () => {
    for (const [i, c] of cases.entries()) {
      await tf.setBackend('cpu');
      const [fCpu, xCpu] = grads(c, 10 * i + 1);
      await tf.setBackend('wasm');
      const [fWasm, xWasm] = grads(c, 10 * i + 1);
      const maxDiff = (a: unknown, b: unknown) =>
        Math.max(...(tf.tensor(a as number[]).sub(tf.tensor(b as number[])).abs().dataSync() as Float32Array));
      expect(maxDiff(fWasm, fCpu), `filter grad case ${i}`).toBeLessThan(1e-3);
      expect(maxDiff(xWasm, xCpu), `input grad case ${i}`).toBeLessThan(1e-3);
    }
  });

  it('trains a conv layer through tf.grad on wasm without leaking', async () => {
    await tf.setBackend('wasm');
    const before = tf.memory().numTensors;
    const x = tf.randomNormal([2, 8, 8, 3], 0, 1, 'float32', 1);
    const f = tf.randomNormal([3, 3, 3, 4], 0, 1, 'float32', 2);
    const g = tf.grads((xx: tf.Tensor, ff: tf.Tensor) => tf.conv2d(xx as tf.Tensor4D, ff as tf.Tensor4D, 2, 'same').square().mean());
    const [gx, gf] = g([x, f]);
    expect(gx!.shape).toEqual(x.shape);
    expect(gf!.shape).toEqual(f.shape);
    tf.dispose([x, f, gx!, gf!]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
