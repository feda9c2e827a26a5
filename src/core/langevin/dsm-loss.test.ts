import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { dsmLoss, dsmLossPerSample, perturb, sampleLevels } from './dsm-loss';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('denoising score matching loss', () => {
  it('matches a hand-computed value', () => {
    // Sample 1 (σ = 2):   s + z/σ = [1 + 1, 0 − 0.5] → mean square 2.125 → ½·4·2.125 = 4.25
    // Sample 2 (σ = 0.5): s + z/σ = [0.5 + 0, −1 + 8] → mean square 24.625 → ½·0.25·24.625 = 3.078125
    const score = tf.tensor2d([[1, 0], [0.5, -1]]);
    const noise = tf.tensor2d([[2, -1], [0, 4]]);
    const sigmas = tf.tensor1d([2, 0.5]);
    const per = dsmLossPerSample(score, noise, sigmas);
    expect(Array.from(per.dataSync())).toEqual([4.25, 3.078125]);
    const loss = dsmLoss(score, noise, sigmas);
    expect(loss.dataSync()[0]).toBeCloseTo(3.6640625, 6);
    tf.dispose([score, noise, sigmas, per, loss]);
  });

  it('a zero score costs ½·mean(z²) at every σ; shapes are checked', () => {
    tf.tidy(() => {
      const noise = tf.randomNormal([3, 4, 4, 2], 0, 1, 'float32', 3);
      const zero = tf.zerosLike(noise);
      const loss = dsmLoss(zero, noise, tf.tensor1d([1, 0.1, 0.01]));
      expect(loss.dataSync()[0]).toBeCloseTo(0.5 * (tf.mean(tf.square(noise)).dataSync()[0]!), 5);
      expect(() => dsmLoss(zero, tf.zeros([3, 4, 4, 1]), tf.tensor1d([1, 1, 1]))).toThrow(/same shape/);
      expect(() => dsmLoss(zero, noise, tf.tensor1d([1, 1]))).toThrow(/one σ per sample/);
    });
  });

  it('is minimised by the exact score of the σ-smoothed Gaussian, at ½·s²/(s² + σ²)', () => {
    const ladder = [2, 1, 0.5, 0.25];
    const mu = 0.3, s = 0.6;
    const x = tf.add(tf.mul(tf.randomNormal([20000, 4], 0, 1, 'float32', 11), s), mu);
    const p = perturb(x, ladder, 5);
    const sig = tf.reshape(p.sigmas, [-1, 1]);
    const exactScore = (scale: number, shift: number, smoothed = true) =>
      tf.mul(tf.div(tf.sub(p.noisy, mu + shift), tf.neg(smoothed ? tf.add(tf.square(sig), s * s) : tf.fill(sig.shape, s * s))), scale);
    const lossOf = (t: tf.Tensor) => dsmLoss(t, p.noise, p.sigmas).dataSync()[0]!;
    const best = lossOf(exactScore(1, 0));
    const expected = Array.from(p.levels).reduce((acc, l) => acc + (0.5 * s * s) / (s * s + ladder[l]! ** 2), 0) / p.levels.length;
    expect(best).toBeCloseTo(expected, 2);
    for (const [scale, shift] of [[0.9, 0], [1.1, 0], [1, 0.1], [1, -0.1]]) expect(lossOf(exactScore(scale!, shift!))).toBeGreaterThan(best);
    // The score of the unsmoothed density is wrong at large σ.
    expect(lossOf(exactScore(1, 0, false))).toBeGreaterThan(best + 0.05);
    tf.dispose([x, p.noisy, p.noise, p.sigmas, sig]);
  });

  it('perturb: σ from the ladder per sample, noisy = x + σz, deterministic in the seed', () => {
    const x = tf.ones([400, 3]);
    const a = perturb(x, [1, 0.1], 9), b = perturb(x, [1, 0.1], 9), c = perturb(x, [1, 0.1], 10);
    expect(Array.from(a.noise.dataSync())).toEqual(Array.from(b.noise.dataSync()));
    expect(Array.from(a.levels)).toEqual(Array.from(b.levels));
    expect(Array.from(a.noise.dataSync())).not.toEqual(Array.from(c.noise.dataSync()));
    const sig = a.sigmas.dataSync();
    expect(new Set(sig)).toEqual(new Set([1, Math.fround(0.1)]));
    const resid = tf.sub(tf.sub(a.noisy, x), tf.mul(a.noise, tf.reshape(a.sigmas, [-1, 1])));
    expect(tf.max(tf.abs(resid)).dataSync()[0]).toBeLessThan(1e-6);
    const high = Array.from(a.levels).filter((l) => l === 0).length / 400;
    expect(high).toBeGreaterThan(0.4);
    expect(high).toBeLessThan(0.6);
    expect(() => perturb(x, [1, 0.1], 0)).toThrow(/non-zero integer/);
    expect(() => sampleLevels(0, 2, 1)).toThrow(/n must be/);
    tf.dispose([x, resid, ...[a, b, c].flatMap((p) => [p.noisy, p.noise, p.sigmas])]);
  });

  it('leaks no tensors', () => {
    const score = tf.ones([2, 3]), noise = tf.ones([2, 3]), sigmas = tf.tensor1d([1, 2]);
    const before = tf.memory().numTensors;
    dsmLoss(score, noise, sigmas).dispose();
    const p = perturb(score, [1, 0.5], 3);
    tf.dispose([p.noisy, p.noise, p.sigmas]);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose([score, noise, sigmas]);
  });
});
