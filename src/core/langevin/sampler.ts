/**
 * Annealed Langevin dynamics (SPEC §5; Song & Ermon 2019, Algorithm 1): for each noise
 * level σ_i, largest first, T steps of
 *
 *   x_t = x_{t−1} + (ε_i/2)·s(x_{t−1}, σ_i) + √ε_i·z_t,   z_t ~ N(0, I),   ε_i = ε·σ_i²/σ_L²,
 *
 * then optionally one denoising step x + σ_L²·s(x, σ_L) (Tweedie's formula), which removes
 * the σ_L noise the chain still carries. Deterministic for a seed on any backend (tfjs
 * draws random normals in JS). One tidy per step; only the current x stays alive.
 */
import * as tf from '@tensorflow/tfjs';
import { throwIfAborted } from '../runtime/errors';
import { annealedStepSizes, validateSigmas } from './noise-schedule';

/** s(x, σ) ≈ ∇ₓ log p_σ(x): same shape as x. Called inside a tidy; may allocate freely. */
export type ScoreFn = (x: tf.Tensor, sigma: number) => tf.Tensor;

export interface AnnealedLangevinOptions {
  readonly score: ScoreFn;
  /**
   * Start of the chain; never disposed by the sampler. With startSigmaIndex 0 it is used
   * as is (e.g. initialNoise(shape, σ_1, seed)); with startSigmaIndex k > 0 it is a guess
   * (the GAN's a,b) and the chain starts at init + σ_k·z.
   */
  readonly init: tf.Tensor;
  /** σ_1 > … > σ_L. */
  readonly sigmas: readonly number[];
  /** T: Langevin steps per noise level. */
  readonly stepsPerLevel: number;
  /** ε: the step size at the last level (ε_L = ε). */
  readonly epsilon: number;
  /** Integer; the same seed gives the same samples. 0 is a seed like any other. */
  readonly seed: number;
  /** First level to run (0-based). Levels before it are skipped; see init. Default 0. */
  readonly startSigmaIndex?: number;
  /** Final denoising step x + σ_L²·s(x, σ_L). Default true. */
  readonly denoise?: boolean;
  /** Checked before every step; an abort throws ColorizerError('aborted'). */
  readonly signal?: AbortSignal;
  /** After every step: steps done, total steps (the denoising step counts as one). */
  readonly onProgress?: (done: number, total: number) => void;
  /** Yield to the event loop every this many steps so that an abort can arrive (default 10; 0 = never). */
  readonly yieldEvery?: number;
}

/** Network evaluations (= steps) one call makes. */
export function langevinStepCount(o: Pick<AnnealedLangevinOptions, 'sigmas' | 'stepsPerLevel' | 'startSigmaIndex' | 'denoise'>): number {
  return (o.sigmas.length - (o.startSigmaIndex ?? 0)) * o.stepsPerLevel + (o.denoise ?? true ? 1 : 0);
}

/** Random streams per seed: −1 (initialNoise), 0 (start perturbation), then one per step. */
export const MAX_STREAMS = 2 ** 21;

/**
 * The tfjs random seed of one stream of one chain: seed·2²¹ + stream + 2, an exact integer,
 * so distinct (seed, stream) pairs give distinct generators and the result is never 0
 * (tfjs treats a falsy seed as "unseeded" and uses Math.random).
 */
export function derivedSeed(seed: number, stream: number): number {
  if (!Number.isInteger(seed) || Math.abs(seed) >= 2 ** 31) throw new RangeError(`seed must be an integer with |seed| < 2³¹, got ${seed}`);
  if (!Number.isInteger(stream) || stream < -1 || stream > MAX_STREAMS - 3) throw new RangeError(`random stream ${stream} is out of range (at most ${MAX_STREAMS - 3} steps)`);
  return seed * MAX_STREAMS + stream + 2;
}

/** N(0, σ²I) of the given shape: the usual start for a chain at σ_1. Caller disposes. */
export function initialNoise(shape: number[], sigma: number, seed: number): tf.Tensor {
  return tf.randomNormal(shape, 0, sigma, 'float32', derivedSeed(seed, -1));
}

function validate(o: AnnealedLangevinOptions): void {
  validateSigmas(o.sigmas);
  if (!Number.isInteger(o.stepsPerLevel) || o.stepsPerLevel < 1) throw new RangeError(`stepsPerLevel must be an integer ≥ 1, got ${o.stepsPerLevel}`);
  derivedSeed(o.seed, o.sigmas.length * o.stepsPerLevel); // throws for a bad seed or too many steps
  const k = o.startSigmaIndex ?? 0;
  if (!Number.isInteger(k) || k < 0 || k >= o.sigmas.length) throw new RangeError(`startSigmaIndex must be an integer in 0..${o.sigmas.length - 1}, got ${k}`);
  const y = o.yieldEvery ?? 10;
  if (!Number.isInteger(y) || y < 0) throw new RangeError(`yieldEvery must be an integer ≥ 0, got ${y}`);
  if (o.init.dtype !== 'float32') throw new RangeError(`init must be float32, got ${o.init.dtype}`);
}

const nextTask = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

/** Runs the chain(s) in `init` (any shape; a batch is a batch of independent chains). Caller disposes the result. */
export async function annealedLangevin(o: AnnealedLangevinOptions): Promise<tf.Tensor> {
  validate(o);
  throwIfAborted(o.signal);
  const steps = annealedStepSizes(o.sigmas, o.epsilon);
  const start = o.startSigmaIndex ?? 0;
  const denoise = o.denoise ?? true;
  const yieldEvery = o.yieldEvery ?? 10;
  const total = langevinStepCount(o);
  const sigmaLast = o.sigmas[o.sigmas.length - 1]!;

  let x: tf.Tensor = start > 0
    ? tf.tidy(() => tf.add(o.init, tf.randomNormal(o.init.shape, 0, o.sigmas[start]!, 'float32', derivedSeed(o.seed, 0))))
    : o.init;
  const replace = (next: tf.Tensor) => {
    if (x !== o.init) x.dispose();
    x = next;
  };

  let done = 0;
  try {
    for (let i = start; i < o.sigmas.length; i++) {
      const sigma = o.sigmas[i]!, eps = steps[i]!;
      for (let t = 0; t < o.stepsPerLevel; t++) {
        throwIfAborted(o.signal);
        const stepSeed = derivedSeed(o.seed, 1 + i * o.stepsPerLevel + t);
        const prev = x;
        replace(tf.tidy(() => {
          const s = o.score(prev, sigma);
          const z = tf.randomNormal(prev.shape, 0, 1, 'float32', stepSeed);
          return tf.add(tf.add(prev, tf.mul(s, eps / 2)), tf.mul(z, Math.sqrt(eps)));
        }));
        done++;
        o.onProgress?.(done, total);
        if (yieldEvery > 0 && done % yieldEvery === 0) await nextTask();
      }
    }
    if (denoise) {
      throwIfAborted(o.signal);
      const prev = x;
      replace(tf.tidy(() => tf.add(prev, tf.mul(o.score(prev, sigmaLast), sigmaLast * sigmaLast))));
      done++;
      o.onProgress?.(done, total);
    }
  } catch (err) {
    if (x !== o.init) x.dispose();
    throw err;
  }
  // Never hand back the caller's own tensor (zero steps cannot happen, but keep ownership simple).
  return x === o.init ? tf.clone(x) : x;
}
