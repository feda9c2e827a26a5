/**
 * The sampler on toy densities whose σ-smoothed score is known in closed form:
 * a 2-D Gaussian N(μ, diag(s²)) (smoothed: N(μ, diag(s² + σ²))) and a 2-D mixture of
 * two isotropic Gaussians (smoothed: the same mixture with s_k² + σ²). 2000 chains run
 * in parallel as one [2000, 2] tensor.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { isAbortError } from '../runtime/errors';
import { geometricSigmas } from './noise-schedule';
import { annealedLangevin, derivedSeed, initialNoise, langevinStepCount, type ScoreFn } from './sampler';

const MU = [1, -2], SD = [1, 0.5];
const gaussianScore: ScoreFn = (x, sigma) =>
  tf.div(tf.sub(x, tf.tensor1d(MU)), tf.neg(tf.add(tf.square(tf.tensor1d(SD)), sigma * sigma)));

const MIXTURE = [{ w: 0.3, mu: [-3, -3], s: 0.5 }, { w: 0.7, mu: [3, 2], s: 0.8 }];
/** ∇ log Σ_k w_k N(x; μ_k, (s_k² + σ²)I) = Σ_k r_k(x)·(μ_k − x)/(s_k² + σ²), r = responsibilities. */
const mixtureScore: ScoreFn = (x, sigma) => {
  const logits: tf.Tensor[] = [], grads: tf.Tensor[] = [];
  for (const c of MIXTURE) {
    const v = c.s * c.s + sigma * sigma;
    const d = tf.sub(x, tf.tensor1d(c.mu));
    logits.push(tf.sub(tf.mul(tf.sum(tf.square(d), 1), -0.5 / v), Math.log(v) - Math.log(c.w)));
    grads.push(tf.div(d, -v));
  }
  const r = tf.softmax(tf.stack(logits, 1), 1);
  return tf.addN(grads.map((g, k) => tf.mul(g, tf.slice(r, [0, k], [-1, 1]))));
};

function moments(points: number[][]): { mean: number[]; variance: number[] } {
  const mean = [0, 1].map((j) => points.reduce((s, p) => s + p[j]!, 0) / points.length);
  const variance = [0, 1].map((j) => points.reduce((s, p) => s + (p[j]! - mean[j]!) ** 2, 0) / points.length);
  return { mean, variance };
}

async function sample(score: ScoreFn, opts: { sigmas: number[]; T: number; eps: number; seed: number; n?: number; denoise?: boolean; init?: tf.Tensor; startSigmaIndex?: number }): Promise<number[][]> {
  const init = opts.init ?? initialNoise([opts.n ?? 2000, 2], opts.sigmas[0]!, opts.seed);
  const x = await annealedLangevin({
    score, init, sigmas: opts.sigmas, stepsPerLevel: opts.T, epsilon: opts.eps, seed: opts.seed,
    denoise: opts.denoise ?? false, startSigmaIndex: opts.startSigmaIndex, yieldEvery: 0,
  });
  const out = x.arraySync() as number[][];
  x.dispose();
  if (!opts.init) init.dispose();
  return out;
}

// The last level must mix: ε/(2(s² + σ_L²))·T ≫ 1, so σ_L is a fair fraction of the data's spread.
const GAUSS = { sigmas: geometricSigmas(5, 0.3, 5), T: 100, eps: 2 * 0.2 * 0.3 ** 2 };
/** Stationary variance of the discretised chain at the last level: v/(1 − ε/(4v)). */
const discretised = (v: number, eps: number) => v / (1 - eps / (4 * v));

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('annealed Langevin dynamics on a 2-D Gaussian', () => {
  it('recovers the mean and the variance of the σ_L-smoothed density', async () => {
    const { mean, variance } = moments(await sample(gaussianScore, { ...GAUSS, seed: 7 }));
    const sL = GAUSS.sigmas.at(-1)!;
    mean.forEach((m, j) => expect(Math.abs(m - MU[j]!)).toBeLessThan(0.06));
    variance.forEach((v, j) => expect(v / discretised(SD[j]! ** 2 + sL ** 2, GAUSS.eps)).toBeGreaterThan(0.88));
    variance.forEach((v, j) => expect(v / discretised(SD[j]! ** 2 + sL ** 2, GAUSS.eps)).toBeLessThan(1.12));
  });

  it('with the final denoising step, gives Tweedie’s E[x | x̃]: variance s⁴/(s² + σ_L²)', async () => {
    const { mean, variance } = moments(await sample(gaussianScore, { ...GAUSS, seed: 7, denoise: true }));
    const sL = GAUSS.sigmas.at(-1)!;
    mean.forEach((m, j) => expect(Math.abs(m - MU[j]!)).toBeLessThan(0.06));
    variance.forEach((v, j) => {
      const chain = discretised(SD[j]! ** 2 + sL ** 2, GAUSS.eps);
      const shrink = SD[j]! ** 2 / (SD[j]! ** 2 + sL ** 2);
      expect(v / (chain * shrink * shrink)).toBeGreaterThan(0.88);
      expect(v / (chain * shrink * shrink)).toBeLessThan(1.12);
    });
  });

  it('starting from a wrong guess plus noise at a middle level (the GAN start) still converges', async () => {
    const init = tf.tensor2d(Array.from({ length: 2000 }, () => [MU[0]! + 2, MU[1]! - 1]));
    const { mean, variance } = moments(await sample(gaussianScore, { ...GAUSS, seed: 3, init, startSigmaIndex: 2 }));
    expect(init.isDisposed).toBe(false); // the caller's tensor is left alone
    init.dispose();
    const sL = GAUSS.sigmas.at(-1)!;
    mean.forEach((m, j) => expect(Math.abs(m - MU[j]!)).toBeLessThan(0.06));
    variance.forEach((v, j) => expect(Math.abs(v / discretised(SD[j]! ** 2 + sL ** 2, GAUSS.eps) - 1)).toBeLessThan(0.12));
  });
});

describe('annealed Langevin dynamics on a 2-D Gaussian mixture', () => {
  it('recovers the mixture weights, each mode’s mean and variance', async () => {
    const sigmas = geometricSigmas(10, 0.25, 6);
    const eps = 2 * 0.2 * 0.25 ** 2;
    const points = await sample(mixtureScore, { sigmas, T: 100, eps, seed: 11 });
    const a = points.filter((p) => p[0]! < 0), b = points.filter((p) => p[0]! >= 0);
    expect(a.length / points.length).toBeGreaterThan(0.27);
    expect(a.length / points.length).toBeLessThan(0.33);
    // Nothing stuck between the modes.
    expect(points.every((p) => Math.min(Math.hypot(p[0]! + 3, p[1]! + 3), Math.hypot(p[0]! - 3, p[1]! - 2)) < 4)).toBe(true);
    [a, b].forEach((pts, k) => {
      const c = MIXTURE[k]!;
      const { mean, variance } = moments(pts);
      mean.forEach((m, j) => expect(Math.abs(m - c.mu[j]!)).toBeLessThan(0.1));
      const target = discretised(c.s ** 2 + 0.25 ** 2, eps);
      variance.forEach((v) => expect(Math.abs(v / target - 1)).toBeLessThan(0.2));
    });
  });
});

describe('sampler contract', () => {
  const small = { sigmas: [1, 0.5, 0.25], T: 4, eps: 0.01, n: 8 };

  it('each step is exactly SPEC §5: x_t = x_{t−1} + (ε_i/2)·s(x_{t−1}, σ_i) + √ε_i·z_t with ε_i = ε·σ_i²/σ_L²', async () => {
    const sigmas = [0.8, 0.4, 0.1], T = 2, epsilon = 1e-3, seed = 11;
    const init = tf.tensor2d([[0.3, -0.7], [1.5, 0.2]]);
    const score: ScoreFn = (x, sigma) => tf.mul(tf.sub(x, 0.5), -1 / (sigma * sigma)); // any closed form
    const got = await annealedLangevin({ score, init, sigmas, stepsPerLevel: T, epsilon, seed, denoise: false });
    // The same chain by hand, with the sampler's documented random streams (1 + i·T + t).
    let x = init.arraySync() as number[][];
    for (let i = 0; i < sigmas.length; i++) {
      const eps = (epsilon * sigmas[i]! ** 2) / sigmas.at(-1)! ** 2;
      for (let t = 0; t < T; t++) {
        const z = tf.tidy(() => tf.randomNormal([2, 2], 0, 1, 'float32', derivedSeed(seed, 1 + i * T + t)).arraySync()) as number[][];
        x = x.map((row, r) => row.map((v, c) => v + (eps / 2) * (-(v - 0.5) / sigmas[i]! ** 2) + Math.sqrt(eps) * z[r]![c]!));
      }
    }
    const out = got.arraySync() as number[][];
    for (let r = 0; r < 2; r++) for (let c = 0; c < 2; c++) expect(out[r]![c]).toBeCloseTo(x[r]![c]!, 5);
    tf.dispose([got, init]);
  });

    it('same seed → identical samples (seed 0 included); different seeds → different samples', async () => {
    for (const seed of [0, 42]) expect(await sample(gaussianScore, { ...small, seed })).toEqual(await sample(gaussianScore, { ...small, seed }));
    const a = (await sample(gaussianScore, { ...small, seed: 1 })).flat();
    const b = (await sample(gaussianScore, { ...small, seed: 2 })).flat();
    expect(a.some((v, i) => Math.abs(v - b[i]!) > 1e-3)).toBe(true);
    // The chains in one batch differ from each other too.
    const rows = await sample(gaussianScore, { ...small, seed: 1 });
    expect(new Set(rows.map((r) => r.join(','))).size).toBe(rows.length);
  });

  it('derived seeds are never 0 and never repeat across (seed, stream)', () => {
    const seen = new Set<number>();
    for (const seed of [-1, 0, 1, 2]) for (let s = -1; s < 50; s++) seen.add(derivedSeed(seed, s));
    expect(seen.size).toBe(4 * 51);
    expect(seen.has(0)).toBe(false);
    expect(() => derivedSeed(0.5, 0)).toThrow(/seed must be an integer/);
  });

  it('reports progress for every step and leaks no tensors', async () => {
    const init = tf.zeros([8, 2]);
    const before = tf.memory().numTensors;
    const seen: [number, number][] = [];
    const x = await annealedLangevin({ score: gaussianScore, init, sigmas: small.sigmas, stepsPerLevel: 4, epsilon: 0.01, seed: 5, onProgress: (d, t) => seen.push([d, t]) });
    expect(tf.memory().numTensors).toBe(before + 1); // only the result
    expect(seen).toHaveLength(13);
    expect(seen.at(-1)).toEqual([13, 13]);
    expect(langevinStepCount({ sigmas: small.sigmas, stepsPerLevel: 4, startSigmaIndex: 1, denoise: false })).toBe(8);
    x.dispose();
    init.dispose();
  });

  it('cancels between steps, with no leak', async () => {
    const init = tf.zeros([8, 2]);
    const before = tf.memory().numTensors;
    const controller = new AbortController();
    let steps = 0;
    const run = annealedLangevin({
      score: gaussianScore, init, sigmas: small.sigmas, stepsPerLevel: 4, epsilon: 0.01, seed: 5, signal: controller.signal,
      onProgress: (d) => { steps = d; if (d === 5) controller.abort(); },
    });
    await expect(run).rejects.toSatisfy(isAbortError);
    expect(steps).toBe(5);
    expect(tf.memory().numTensors).toBe(before);
    await expect(annealedLangevin({ score: gaussianScore, init, sigmas: [1], stepsPerLevel: 1, epsilon: 0.01, seed: 1, signal: AbortSignal.abort() })).rejects.toSatisfy(isAbortError);
    // A failing score function does not leak either.
    const failing: ScoreFn = (x, s) => { if (s < 0.6) throw new Error('boom'); return gaussianScore(x, s); };
    await expect(annealedLangevin({ score: failing, init, sigmas: small.sigmas, stepsPerLevel: 2, epsilon: 0.01, seed: 1 })).rejects.toThrow('boom');
    expect(tf.memory().numTensors).toBe(before);
    init.dispose();
  });

  it('validates its options', async () => {
    const init = tf.zeros([2, 2]);
    const base = { score: gaussianScore, init, sigmas: [1, 0.5], stepsPerLevel: 2, epsilon: 0.01, seed: 1 };
    await expect(annealedLangevin({ ...base, stepsPerLevel: 0 })).rejects.toThrow(/stepsPerLevel/);
    await expect(annealedLangevin({ ...base, startSigmaIndex: 2 })).rejects.toThrow(/startSigmaIndex/);
    await expect(annealedLangevin({ ...base, seed: 1.5 })).rejects.toThrow(/seed/);
    await expect(annealedLangevin({ ...base, epsilon: -1 })).rejects.toThrow(/epsilon/);
    await expect(annealedLangevin({ ...base, sigmas: [0.5, 1] })).rejects.toThrow(/strictly decreasing/);
    init.dispose();
  });
});
