import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { cloneLayersModel, createWeightEma } from './weight-ema';

function tinyModel(seed: number): tf.LayersModel {
  const input = tf.input({ shape: [3] });
  const output = tf.layers.dense({ units: 2, kernelInitializer: tf.initializers.randomNormal({ seed }) }).apply(input) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: output });
}
const values = (m: tf.LayersModel) => m.getWeights().map((w) => Array.from(w.dataSync()));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('weight EMA', () => {
  it('clones a model exactly and independently', async () => {
    const m = tinyModel(1);
    const c = await cloneLayersModel(m);
    expect(values(c)).toEqual(values(m));
    m.setWeights(m.getWeights().map((w) => tf.zerosLike(w)));
    expect(values(c)).not.toEqual(values(m));
    m.dispose();
    c.dispose();
  });

  it('follows ema ← d·ema + (1 − d)·w with the warm-up decay min(d, (1+n)/(10+n)), and leaks nothing', async () => {
    const m = tinyModel(2);
    const ema = await createWeightEma(m, 0.9);
    const w0 = values(m);
    const target = m.getWeights().map((w) => tf.onesLike(w));
    m.setWeights(target);
    const before = tf.memory().numTensors;
    ema.update(); // d = min(0.9, 1/10) = 0.1
    ema.update(); // d = min(0.9, 2/11)
    expect(tf.memory().numTensors).toBe(before);
    expect(ema.updates).toBe(2);
    const d1 = 0.1, d2 = 2 / 11;
    const expected = w0.map((arr) => arr.map((v) => (v * d1 + (1 - d1)) * d2 + (1 - d2)));
    values(ema.model).forEach((arr, i) => arr.forEach((v, j) => expect(v).toBeCloseTo(expected[i]![j]!, 6)));
    for (let i = 0; i < 200; i++) ema.update();
    values(ema.model).forEach((arr) => arr.forEach((v) => expect(v).toBeCloseTo(1, 4))); // converges to the weights
    tf.dispose(target);
    ema.dispose();
    m.dispose();
  });

  it('continues a saved average and refuses a bad decay or another architecture', async () => {
    const m = tinyModel(3);
    const avg = tinyModel(4);
    const ema = await createWeightEma(m, 0.99, { average: avg, updates: 500 });
    expect(ema.updates).toBe(500);
    expect(values(ema.model)).toEqual(values(avg));
    await expect(createWeightEma(m, 1)).rejects.toThrow(/decay must be in \(0, 1\)/);
    const other = tf.sequential({ layers: [tf.layers.dense({ units: 5, inputShape: [3] })] });
    await expect(createWeightEma(m, 0.9, { average: other, updates: 0 })).rejects.toThrow(/EMA: weight/);
    ema.dispose();
    m.dispose();
    other.dispose();
  });
});
