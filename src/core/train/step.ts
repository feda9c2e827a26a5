/**
 * One training step of the GAN: a critic update, then a generator (decoder + class
 * head) update. The same code runs in the Node CLI (cached encoder features) and the
 * browser worker. Synchronous tensor work only; the caller reads the returned losses.
 */
import * as tf from '@tensorflow/tfjs';
import { criticLoss, generatorAdversarialLoss, gradientPenalty, GRADIENT_PENALTY_WEIGHT } from '../losses/adversarial';
import { klDivergence } from '../losses/class-distribution';
import { colorMse, totalVariation } from '../losses/color';
import { featureLoss } from '../losses/perceptual';
import { criticInput } from '../model/preprocess';
import { registerComparisonGradients } from '../runtime/comparison-gradients';
import type { Objective } from './objective';

/** Decoder inputs in DECODER_INPUTS order, plus targets. */
export interface TrainBatch {
  readonly s4: tf.Tensor4D;
  readonly s8: tf.Tensor4D;
  readonly s16: tf.Tensor4D;
  readonly s32: tf.Tensor4D;
  readonly global: tf.Tensor2D;
  /** L at the decoder's stride, normalised to −1..1. */
  readonly lightness: tf.Tensor4D;
  /** True a,b at the decoder's stride, divided by AB_SCALE. */
  readonly ab: tf.Tensor4D;
  /** Teacher class distribution [N, m]; rows with teacherMask 0 are ignored. */
  readonly teacher?: tf.Tensor2D;
  readonly teacherMask?: tf.Tensor1D;
}

export interface StepLosses {
  generator: number;
  pixel: number;
  adversarial: number;
  classDistribution: number;
  feature: number;
  smooth: number;
  critic: number;
  gradientPenalty: number;
}

export interface GanTrainer {
  /** One step; reads the losses synchronously (Node, cpu/wasm). */
  step(batch: TrainBatch, stepIndex: number): StepLosses;
  /**
   * The same step, reading the losses back asynchronously: required on WebGPU/WebGL in a
   * worker, where a synchronous read stalls or loses the device.
   */
  stepAsync(batch: TrainBatch, stepIndex: number): Promise<StepLosses>;
  readonly generatorOptimizer: tf.Optimizer;
  readonly criticOptimizer: tf.Optimizer;
}

export interface GanTrainerOptions {
  readonly decoder: tf.LayersModel;
  readonly critic: tf.LayersModel;
  readonly objective: Objective;
  readonly generatorLearningRate: number;
  readonly criticLearningRate: number;
  /** Feature extractor φ for the perceptual term: (lightness, ab) → features. Needed when weights.feature > 0. */
  readonly perceptualFeatures?: (lightness: tf.Tensor4D, ab: tf.Tensor4D) => tf.Tensor;
  readonly seed?: number;
}

export function batchInputs(b: TrainBatch): tf.Tensor[] {
  return [b.s4, b.s8, b.s16, b.s32, b.global, b.lightness];
}

export function createGanTrainer(opts: GanTrainerOptions): GanTrainer {
  registerComparisonGradients();
  const { decoder, critic, objective } = opts;
  const w = objective.weights;
  if (w.feature > 0 && !opts.perceptualFeatures) throw new Error('feature loss weight > 0 needs perceptualFeatures');
  // ChromaGAN: Adam with β1 = 0.5.
  const generatorOptimizer = tf.train.adam(opts.generatorLearningRate, 0.5, 0.999);
  const criticOptimizer = tf.train.adam(opts.criticLearningRate, 0.5, 0.999);
  const gVars = () => decoder.trainableWeights.map((v) => v.read() as tf.Variable);
  const dVars = () => critic.trainableWeights.map((v) => v.read() as tf.Variable);
  const score = (x: tf.Tensor4D) => critic.apply(x, { training: true }) as tf.Tensor;
  const seed = opts.seed ?? 1;

  /** Runs the step; returns every loss term as a kept scalar (the reader disposes them). */
  function runStep(batch: TrainBatch, stepIndex: number): Partial<Record<keyof StepLosses, tf.Scalar>> {
    const out: Partial<Record<keyof StepLosses, tf.Scalar>> = {};
    const inputs = batchInputs(batch);
    const useGan = w.adversarial > 0;

    if (useGan) {
      tf.tidy(() => {
        const [fakeAb] = decoder.apply(inputs, { training: true }) as tf.Tensor4D[];
        const real = criticInput(batch.lightness, batch.ab);
        const fake = criticInput(batch.lightness, fakeAb!);
        const n = batch.ab.shape[0];
        const alpha = tf.randomUniform([n], 0, 1, 'float32', seed * 1_000_003 + stepIndex);
        let gp: tf.Scalar | null = null;
        const cost = criticOptimizer.minimize(() => {
          const base = criticLoss(objective.gan, score(real), score(fake));
          if (objective.gan !== 'wgan-gp') return base;
          gp = tf.keep(gradientPenalty(score, real, fake, alpha)); // read after minimize, then disposed
          return tf.add(base, tf.mul(gp, GRADIENT_PENALTY_WEIGHT)) as tf.Scalar;
        }, true, dVars());
        out.critic = tf.keep(cost!);
        if (gp) out.gradientPenalty = gp;
      });
    }

    tf.tidy(() => {
      const terms: Partial<Record<keyof StepLosses, tf.Scalar>> = {};
      const cost = generatorOptimizer.minimize(() => {
        const [ab, classes] = decoder.apply(inputs, { training: true }) as [tf.Tensor4D, tf.Tensor2D];
        let total: tf.Tensor = tf.scalar(0);
        const add = (name: keyof StepLosses, weight: number, term: () => tf.Scalar) => {
          if (weight <= 0) return;
          const t = term();
          terms[name] = tf.keep(t); // read after minimize, then disposed
          total = tf.add(total, tf.mul(t, weight));
        };
        add('pixel', w.pixel, () => colorMse(ab, batch.ab));
        add('adversarial', w.adversarial, () => generatorAdversarialLoss(objective.gan, score(criticInput(batch.lightness, ab))));
        if (batch.teacher) add('classDistribution', w.classDistribution, () => klDivergence(batch.teacher!, classes, batch.teacherMask));
        add('feature', w.feature, () =>
          featureLoss((x) => x, opts.perceptualFeatures!(batch.lightness, batch.ab) as tf.Tensor4D, opts.perceptualFeatures!(batch.lightness, ab) as tf.Tensor4D));
        add('smooth', w.smooth, () => totalVariation(ab));
        return total as tf.Scalar;
      }, true, gVars());
      out.generator = tf.keep(cost!);
      Object.assign(out, terms);
    });
    return out;
  }

  return {
    generatorOptimizer,
    criticOptimizer,
    step(batch, stepIndex) {
      const scalars = runStep(batch, stepIndex);
      return readLosses(scalars, (t) => t.dataSync()[0]!);
    },
    async stepAsync(batch, stepIndex) {
      const scalars = runStep(batch, stepIndex);
      const values = await Promise.all(Object.values(scalars).map((t) => t.data()));
      const byTensor = new Map(Object.values(scalars).map((t, i) => [t, values[i]![0]!]));
      return readLosses(scalars, (t) => byTensor.get(t)!);
    },
  };
}

/** Reads the kept loss scalars into numbers (0 for unused terms) and disposes them. */
function readLosses(scalars: Partial<Record<keyof StepLosses, tf.Scalar>>, read: (t: tf.Scalar) => number): StepLosses {
  const losses: StepLosses = { generator: 0, pixel: 0, adversarial: 0, classDistribution: 0, feature: 0, smooth: 0, critic: 0, gradientPenalty: 0 };
  for (const [k, t] of Object.entries(scalars)) {
    losses[k as keyof StepLosses] = read(t);
    t.dispose();
  }
  return losses;
}
