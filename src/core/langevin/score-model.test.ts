import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { annealedLangevin } from './sampler';
import { conditionalScore, createScoreNetwork, DEFAULT_SCORE_WIDTHS, predictScore, scoreModelInputs, SCORE_INPUTS, SIGMA_DATA } from './score-model';
import { batchConditioning } from './train-step';
import { disposeBatch, tinyBatch, TINY_WIDTHS } from './test-batch';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

/** Gives the zero-initialised output layer random weights so predictions are not all 0. */
function randomiseOutput(model: tf.LayersModel): void {
  const layer = model.getLayer('score_out');
  layer.setWeights(layer.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.1, 'float32', 20 + i)));
}

describe('score network', () => {
  it('default widths stay within the parameter budget (≤ 1.5 M, ≤ 10 MB float32)', () => {
    const model = createScoreNetwork(DEFAULT_SCORE_WIDTHS);
    const params = model.countParams();
    expect(params).toBeLessThan(1_500_000);
    expect(params * 4).toBeLessThan(10 * 1024 * 1024);
    expect(model.inputNames).toEqual([...SCORE_INPUTS]);
    model.dispose();
  });

  it('predicts a score at the a,b stride; starts at zero; s = net/σ', () => {
    const model = createScoreNetwork(TINY_WIDTHS, 3);
    const b = tinyBatch(2);
    const s0 = predictScore(model, batchConditioning(b), b.ab, 0.5);
    expect(s0.shape).toEqual([2, 8, 8, 2]);
    expect(tf.max(tf.abs(s0)).dataSync()[0]).toBe(0);
    randomiseOutput(model);
    const net = model.predict(scoreModelInputs(batchConditioning(b), b.ab, 0.5)) as tf.Tensor;
    const s = predictScore(model, batchConditioning(b), b.ab, 0.5);
    expect(tf.max(tf.abs(tf.sub(s, tf.div(net, 0.5)))).dataSync()[0]).toBeLessThan(1e-5);
    // Per-sample σ as a tensor gives the same as a number.
    tf.tidy(() => {
      const sT = predictScore(model, batchConditioning(b), b.ab, tf.tensor1d([0.5, 0.5]));
      expect(tf.max(tf.abs(tf.sub(s, sT))).dataSync()[0]).toBeLessThan(1e-6);
    });
    tf.dispose([s0, net, s]);
    disposeBatch(b);
    model.dispose();
  });

  it('feeds c_in(σ)·ab and log σ', () => {
    const b = tinyBatch(2);
    const inputs = scoreModelInputs(batchConditioning(b), b.ab, tf.tensor1d([1, 0.01]));
    expect(inputs).toHaveLength(SCORE_INPUTS.length);
    const ab = inputs[6]!.arraySync() as number[][][][], raw = b.ab.arraySync();
    expect(ab[0]![3]![4]![1]).toBeCloseTo(raw[0]![3]![4]![1]! / Math.sqrt(SIGMA_DATA ** 2 + 1), 5);
    expect(ab[1]![3]![4]![0]).toBeCloseTo(raw[1]![3]![4]![0]! / Math.sqrt(SIGMA_DATA ** 2 + 1e-4), 4);
    expect(Array.from(inputs[7]!.dataSync())).toEqual([0, Math.fround(Math.log(0.01))].map((v) => expect.closeTo(v, 5)));
    disposeBatch(b);
    tf.dispose(inputs);
  });

  it('saves and loads (custom layers registered) with identical predictions', async () => {
    const model = createScoreNetwork(TINY_WIDTHS, 4);
    randomiseOutput(model);
    let artifacts: tf.io.ModelArtifacts | null = null;
    await model.save(tf.io.withSaveHandler(async (a) => {
      artifacts = a;
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }));
    const loaded = await tf.loadLayersModel(tf.io.fromMemory(artifacts!));
    const b = tinyBatch(1);
    const a = predictScore(model, batchConditioning(b), b.ab, 0.1), c = predictScore(loaded, batchConditioning(b), b.ab, 0.1);
    expect(tf.max(tf.abs(tf.sub(a, c))).dataSync()[0]).toBeLessThan(1e-5);
    tf.dispose([a, c]);
    disposeBatch(b);
    model.dispose();
    loaded.dispose();
  });

  it('binds one photo to N Langevin chains: different samples, no leak', async () => {
    const model = createScoreNetwork(TINY_WIDTHS, 5);
    randomiseOutput(model);
    const b = tinyBatch(1);
    const before = tf.memory().numTensors;
    const cs = conditionalScore(model, batchConditioning(b), 3);
    const init = tf.tile(b.ab, [3, 1, 1, 1]);
    const x = await annealedLangevin({ score: cs.score, init, sigmas: [0.5, 0.1], stepsPerLevel: 2, epsilon: 1e-3, seed: 1, startSigmaIndex: 0 });
    expect(x.shape).toEqual([3, 8, 8, 2]);
    const rows = x.arraySync() as number[][][][];
    expect(rows[0]!.flat(2).some((v, i) => Math.abs(v - rows[1]!.flat(2)[i]!) > 1e-3)).toBe(true);
    tf.dispose([x, init]);
    cs.dispose();
    expect(tf.memory().numTensors).toBe(before);
    expect(() => conditionalScore(model, batchConditioning(tinyBatch(2)), 3)).toThrow(/batch 1/);
    disposeBatch(b);
    model.dispose();
  });
});
