import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { encodeOptimizerState, restoreOptimizerState } from './optimizer-state';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Two Adam steps on f(w) = Σ (w − target)². */
function trainTwice(optimizer: tf.Optimizer, w: tf.Variable) {
  const target = tf.tensor1d([1, -2, 3]);
  for (let i = 0; i < 2; i++) optimizer.minimize(() => tf.sum(tf.square(tf.sub(w, target))) as tf.Scalar, false, [w]);
  target.dispose();
}

describe('optimizer state', () => {
  it('round-trips Adam moments and the iteration count: the next updates match', async () => {
    const a = tf.variable(tf.tensor1d([0, 0, 0]), true, 'w-a');
    const adamA = tf.train.adam(0.1, 0.5, 0.999);
    trainTwice(adamA, a);
    const saved = await encodeOptimizerState(adamA);
    const start = Array.from(a.dataSync());

    const restored = tf.variable(a.clone(), true, 'w-restored');
    const adamRestored = tf.train.adam(0.1, 0.5, 0.999);
    await restoreOptimizerState(adamRestored, { data: saved.data.slice(0), specs: saved.specs });
    const fresh = tf.variable(a.clone(), true, 'w-fresh');
    const adamFresh = tf.train.adam(0.1, 0.5, 0.999);

    trainTwice(adamA, a);
    trainTwice(adamRestored, restored);
    trainTwice(adamFresh, fresh);
    const reference = Array.from(a.dataSync());
    // Equal up to float rounding (setWeights recomputes β^t with pow; Adam multiplies).
    Array.from(restored.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(reference[i]!, 5));
    // Without the saved moments the same steps land elsewhere (so this test can fail).
    expect(Math.abs(fresh.dataSync()[0]! - reference[0]!)).toBeGreaterThan(1e-3);
    expect(reference[0]).not.toBe(start[0]);

    // Restoring again replaces the slots without leaking.
    const before = tf.memory().numTensors;
    await restoreOptimizerState(adamRestored, saved);
    expect(tf.memory().numTensors).toBe(before);
    for (const o of [adamA, adamRestored, adamFresh]) o.dispose();
    tf.dispose([a, restored, fresh]);
  });
});
