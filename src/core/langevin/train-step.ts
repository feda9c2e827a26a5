/**
 * One Adam step of the score network on the denoising score matching loss, from the same
 * batch the GAN trains on (cached encoder features, L and true a,b at the a,b stride).
 * The GAN's teacher fields are ignored. Synchronous tensor work; the caller reads the result.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainBatch } from '../train/step';
import { dsmLossPerSample, perturb } from './dsm-loss';
import { validateSigmas } from './noise-schedule';
import { derivedSeed } from './sampler';
import { predictScore, type ScoreConditioning } from './score-model';

export interface ScoreStepResult {
  /** Batch-mean DSM loss (½ for a zero score). */
  readonly loss: number;
  /** Loss per sample and the ladder index of its σ, for per-level logging. */
  readonly perSample: Float32Array;
  readonly levels: Int32Array;
}

export interface ScoreTrainer {
  step(batch: TrainBatch, stepIndex: number): ScoreStepResult;
  /** The loss with noise fixed by `seed`, without updating: comparable across calls. */
  evaluate(batch: TrainBatch, seed: number): number;
  readonly optimizer: tf.Optimizer;
}

export interface ScoreTrainerOptions {
  readonly model: tf.LayersModel;
  /** The noise ladder σ_1 > … > σ_L; each sample draws one level uniformly. */
  readonly sigmas: readonly number[];
  readonly learningRate: number;
  readonly seed?: number;
}

export function batchConditioning(b: TrainBatch): ScoreConditioning {
  return { s4: b.s4, s8: b.s8, s16: b.s16, s32: b.s32, global: b.global, lightness: b.lightness };
}

export function createScoreTrainer(opts: ScoreTrainerOptions): ScoreTrainer {
  validateSigmas(opts.sigmas);
  if (!Number.isFinite(opts.learningRate) || opts.learningRate <= 0) throw new RangeError(`learningRate must be a finite number > 0, got ${opts.learningRate}`);
  const { model, sigmas } = opts;
  const seed = opts.seed ?? 1;
  const optimizer = tf.train.adam(opts.learningRate, 0.9, 0.999);
  const vars = () => model.trainableWeights.map((v) => v.read() as tf.Variable);

  const lossOf = (batch: TrainBatch, noiseSeed: number, training: boolean) => {
    const p = perturb(batch.ab, sigmas, noiseSeed);
    const score = predictScore(model, batchConditioning(batch), p.noisy as tf.Tensor4D, p.sigmas, training);
    return { perSample: dsmLossPerSample(score, p.noise, p.sigmas), levels: p.levels };
  };

  return {
    optimizer,
    step(batch, stepIndex) {
      // Stream 2²⁰ + step keeps training noise apart from evaluate()'s seeds.
      const noiseSeed = derivedSeed(seed, 2 ** 20 + stepIndex);
      const kept: { perSample?: tf.Tensor1D; levels?: Int32Array } = {};
      const cost = optimizer.minimize(() => {
        const r = lossOf(batch, noiseSeed, true);
        kept.levels = r.levels;
        kept.perSample = tf.keep(r.perSample); // read after minimize, then disposed
        return tf.mean(r.perSample) as tf.Scalar;
      }, true, vars())!;
      const result = { loss: cost.dataSync()[0]!, perSample: Float32Array.from(kept.perSample!.dataSync()), levels: kept.levels! };
      tf.dispose([cost, kept.perSample!]);
      return result;
    },
    evaluate(batch, evalSeed) {
      return tf.tidy(() => tf.mean(lossOf(batch, derivedSeed(evalSeed, 1), false).perSample).dataSync()[0]!);
    },
  };
}
