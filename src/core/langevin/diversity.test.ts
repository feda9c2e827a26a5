import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { abDiversity, meanPairwiseAbDistance } from './diversity';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

const constant = (a: number, b: number) => tf.tidy(() => tf.concat([tf.fill([1, 4, 5, 1], a), tf.fill([1, 4, 5, 1], b)], 3));

describe('a,b diversity', () => {
  it('is the mean pairwise per-pixel a,b distance', async () => {
    // Pairs: (0,0)-(3,4) = 5, (0,0)-(0,−2) = 2, (3,4)-(0,−2) = √(9+36) = √45.
    const samples = tf.concat([constant(0, 0), constant(3, 4), constant(0, -2)]) as tf.Tensor4D;
    expect(await abDiversity(samples)).toBeCloseTo((5 + 2 + Math.sqrt(45)) / 3, 5);
    samples.dispose();
  });

  it('averages over pixels and is 0 for identical samples', async () => {
    // Half the pixels differ by (6, 8) = 10, half are equal: mean 5.
    const a = tf.zeros([1, 2, 2, 2]);
    const b = tf.tensor4d([6, 8, 6, 8, 0, 0, 0, 0], [1, 2, 2, 2]);
    const pair = tf.concat([a, b]) as tf.Tensor4D;
    expect(await abDiversity(pair)).toBeCloseTo(5, 5);
    const same = tf.concat([b, b, b]) as tf.Tensor4D;
    expect(await abDiversity(same)).toBe(0);
    tf.dispose([a, b, pair, same]);
  });

  it('rejects fewer than two samples or the wrong channels, and leaks nothing', async () => {
    const one = tf.zeros([1, 2, 2, 2]) as tf.Tensor4D, three = tf.zeros([2, 2, 2, 3]) as tf.Tensor4D;
    expect(() => meanPairwiseAbDistance(one)).toThrow(/at least 2 samples/);
    expect(() => meanPairwiseAbDistance(three)).toThrow(/2 channels/);
    const x = tf.randomNormal([4, 3, 3, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
    const before = tf.memory().numTensors;
    await abDiversity(x);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([one, three, x]);
  });
});
