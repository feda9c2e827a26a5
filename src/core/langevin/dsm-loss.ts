/**
 * Denoising score matching over a ladder of noise levels (Vincent 2011; Song & Ermon 2019):
 * for x̃ = x + σz, z ~ N(0, I), the score of the σ-smoothed data density minimises
 *
 *   ℓ(σ) = ½·σ²·E‖s(x̃, σ) + z/σ‖²,
 *
 * whose minimiser is ∇ log p_σ(x̃). The σ² weight makes every level contribute on the same
 * scale. Averaged over samples and over dimensions (so the value does not grow with the
 * image size; a zero score gives exactly ½).
 */
import * as tf from '@tensorflow/tfjs';
import { mulberry32 } from '../train/shuffle';
import { validateSigmas } from './noise-schedule';

/** [N] σ per sample, broadcastable against x [N, ...]. */
function perSample(sigmas: tf.Tensor1D, rank: number): tf.Tensor {
  return tf.reshape(sigmas, [sigmas.shape[0], ...Array<number>(rank - 1).fill(1)]);
}

/** ½·σ_n²·mean_dims((s_n + z_n/σ_n)²) for each sample n: [N]. */
export function dsmLossPerSample(score: tf.Tensor, noise: tf.Tensor, sigmas: tf.Tensor1D): tf.Tensor1D {
  if (!tf.util.arraysEqual(score.shape, noise.shape)) throw new RangeError(`score ${JSON.stringify(score.shape)} and noise ${JSON.stringify(noise.shape)} must have the same shape`);
  if (sigmas.shape[0] !== score.shape[0]) throw new RangeError(`one σ per sample: got ${sigmas.shape[0]} for a batch of ${score.shape[0]}`);
  return tf.tidy(() => {
    const sig = perSample(sigmas, score.rank);
    const r = tf.add(score, tf.div(noise, sig));
    const axes = Array.from({ length: score.rank - 1 }, (_, i) => i + 1);
    const perDim = axes.length ? tf.mean(tf.square(r), axes) : tf.square(r);
    return tf.mul(tf.mul(perDim, tf.square(sigmas)), 0.5) as tf.Tensor1D;
  });
}

/** The batch mean of dsmLossPerSample. */
export function dsmLoss(score: tf.Tensor, noise: tf.Tensor, sigmas: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => tf.mean(dsmLossPerSample(score, noise, sigmas)) as tf.Scalar);
}

/** Ladder index per sample, uniform over the levels, the same for the same seed. */
export function sampleLevels(n: number, levels: number, seed: number): Int32Array {
  if (!Number.isInteger(n) || n < 1) throw new RangeError(`n must be an integer ≥ 1, got ${n}`);
  const rand = mulberry32(seed);
  return Int32Array.from({ length: n }, () => Math.min(levels - 1, Math.floor(rand() * levels)));
}

export interface Perturbed {
  /** x + σz. */
  readonly noisy: tf.Tensor;
  /** z ~ N(0, I). */
  readonly noise: tf.Tensor;
  /** σ per sample [N]. */
  readonly sigmas: tf.Tensor1D;
  /** Ladder index per sample. */
  readonly levels: Int32Array;
}

/**
 * Draws one σ per sample from the ladder and perturbs x with it. Deterministic in seed
 * (which must be an integer ≠ 0: tfjs treats a falsy seed as unseeded). Caller disposes.
 */
export function perturb(x: tf.Tensor, ladder: readonly number[], seed: number): Perturbed {
  validateSigmas(ladder);
  if (!Number.isInteger(seed) || seed === 0) throw new RangeError(`seed must be a non-zero integer, got ${seed}`);
  const n = x.shape[0]!;
  const levels = sampleLevels(n, ladder.length, seed);
  const tensors = tf.tidy(() => {
    const sigmas = tf.tensor1d(Array.from(levels, (l) => ladder[l]!));
    const noise = tf.randomNormal(x.shape, 0, 1, 'float32', seed);
    return { noisy: tf.add(x, tf.mul(noise, perSample(sigmas, x.rank))), noise, sigmas };
  });
  return { ...tensors, levels };
}
