import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createDecoder } from '../model/decoder';
import { createCritic } from '../model/critic';
import { createGanTrainer, type TrainBatch } from './step';
import { CHROMAGAN_OBJECTIVE, TOTAL_LOSS_OBJECTIVE, validateObjective, type Objective } from './objective';
import { NUM_CLASSES } from '../model/config';

const SMALL = { fuse: 16, s16: 8, s8: 8, s4: 8, global: 8 };

/** A tiny fixed batch for a 64² input: features at strides 4..32, targets at stride 4. */
function tinyBatch(): TrainBatch {
  return tf.tidy(() => {
    const n = 2;
    const l = tf.randomUniform([n, 16, 16, 1], -1, 1, 'float32', 5) as tf.Tensor4D;
    return {
      s4: tf.randomNormal([n, 16, 16, 24], 0, 1, 'float32', 1) as tf.Tensor4D,
      s8: tf.randomNormal([n, 8, 8, 32], 0, 1, 'float32', 2) as tf.Tensor4D,
      s16: tf.randomNormal([n, 4, 4, 96], 0, 1, 'float32', 3) as tf.Tensor4D,
      s32: tf.randomNormal([n, 2, 2, 320], 0, 1, 'float32', 4) as tf.Tensor4D,
      global: tf.randomUniform([n, 1280], 0, 1, 'float32', 6) as tf.Tensor2D,
      lightness: l,
      // A learnable target: chroma that depends on L.
      ab: tf.concat([tf.mul(l, 0.3), tf.mul(l, -0.2)], 3) as tf.Tensor4D,
      teacher: tf.softmax(tf.randomNormal([n, NUM_CLASSES], 0, 2, 'float32', 7)) as tf.Tensor2D,
      teacherMask: tf.ones([n]) as tf.Tensor1D,
    };
  });
}

async function run(objective: Objective, steps: number) {
  const decoder = createDecoder(SMALL, 3);
  const critic = createCritic(4, 9);
  const trainer = createGanTrainer({ decoder, critic, objective, generatorLearningRate: 3e-3, criticLearningRate: 1e-3,
    perceptualFeatures: (l, ab) => tf.concat([l, ab], 3) });
  const batch = tinyBatch();
  const history = [];
  for (let i = 0; i < steps; i++) history.push(trainer.step(batch, i));
  tf.dispose(Object.values(batch));
  return { history, dispose: () => { decoder.dispose(); critic.dispose(); trainer.generatorOptimizer.dispose(); trainer.criticOptimizer.dispose(); } };
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('GAN training step (cpu backend)', () => {
  it('learns: colour MSE alone halves on a tiny set', async () => {
    const { history, dispose } = await run({ gan: 'wgan-gp', weights: { pixel: 1, adversarial: 0, classDistribution: 0, feature: 0, smooth: 0 } }, 15);
    expect(history.at(-1)!.pixel).toBeLessThan(history[0]!.pixel * 0.5);
    expect(history[0]!.critic).toBe(0); // no critic step without an adversarial term
    dispose();
  });

  it('ChromaGAN objective: all three terms and the critic with gradient penalty are computed and finite', async () => {
    const { history, dispose } = await run(CHROMAGAN_OBJECTIVE, 6);
    const first = history[0]!;
    for (const h of history) for (const v of Object.values(h)) expect(Number.isFinite(v)).toBe(true);
    expect(first.generator).toBeCloseTo(first.pixel + 0.1 * first.adversarial + 0.003 * first.classDistribution, 4);
    expect(first.classDistribution).toBeGreaterThan(0);
    expect(first.gradientPenalty).toBeGreaterThan(0);
    dispose();
  });

  it('four-term total loss with non-saturating GAN, perceptual and smoothness terms runs', async () => {
    const { history, dispose } = await run(TOTAL_LOSS_OBJECTIVE, 10);
    expect(history.at(-1)!.pixel).toBeLessThan(history[0]!.pixel);
    expect(history[0]!.feature).toBeGreaterThan(0);
    expect(history[0]!.smooth).toBeGreaterThanOrEqual(0);
    expect(history[0]!.gradientPenalty).toBe(0);
    dispose();
  });

  it('minimax GAN loss runs', async () => {
    const { history, dispose } = await run({ ...CHROMAGAN_OBJECTIVE, gan: 'minimax' }, 3);
    expect(Number.isFinite(history.at(-1)!.critic)).toBe(true);
    dispose();
  });

  it.each([
    ['ChromaGAN (WGAN-GP)', CHROMAGAN_OBJECTIVE],
    ['four-term total loss (non-saturating, perceptual, smoothness)', TOTAL_LOSS_OBJECTIVE],
    ['ChromaGAN with minimax', { ...CHROMAGAN_OBJECTIVE, gan: 'minimax' } as Objective],
  ])('leaks no tensors across steps: %s', async (_name, objective) => {
    const decoder = createDecoder(SMALL, 3);
    const critic = createCritic(4, 9);
    const trainer = createGanTrainer({ decoder, critic, objective, generatorLearningRate: 1e-3, criticLearningRate: 1e-3,
      perceptualFeatures: (l, ab) => tf.tidy(() => tf.concat([l, ab], 3)) });
    const batch = tinyBatch();
    trainer.step(batch, 0); // creates the optimizer slots
    const before = tf.memory().numTensors;
    for (let i = 1; i < 4; i++) trainer.step(batch, i);
    expect(tf.memory().numTensors).toBe(before);
    tf.dispose(Object.values(batch));
    decoder.dispose();
    critic.dispose();
  });

  it('stepAsync gives the same losses as step and leaks nothing', async () => {
    const make = () => {
      const decoder = createDecoder(SMALL, 3);
      const critic = createCritic(4, 9);
      return { decoder, critic, trainer: createGanTrainer({ decoder, critic, objective: CHROMAGAN_OBJECTIVE, generatorLearningRate: 1e-3, criticLearningRate: 1e-3 }) };
    };
    const a = make(), b = make();
    const batch = tinyBatch();
    const syncLosses = [a.trainer.step(batch, 0), a.trainer.step(batch, 1)];
    const first = await b.trainer.stepAsync(batch, 0);
    const before = tf.memory().numTensors;
    const second = await b.trainer.stepAsync(batch, 1);
    expect(tf.memory().numTensors).toBe(before);
    for (const [i, l] of [first, second].entries()) {
      for (const k of Object.keys(l) as (keyof typeof l)[]) expect([k, l[k]]).toEqual([k, expect.closeTo(syncLosses[i]![k], 5)]);
    }
    expect(second.gradientPenalty).toBeGreaterThan(0);
    tf.dispose(Object.values(batch));
    for (const m of [a, b]) { m.decoder.dispose(); m.critic.dispose(); }
  });

  it('rejects bad objectives with a message naming the field', () => {
    expect(() => validateObjective({ ...CHROMAGAN_OBJECTIVE, gan: 'hinge' as never })).toThrow(/Unknown GAN loss "hinge"/);
    expect(() => validateObjective({ ...CHROMAGAN_OBJECTIVE, weights: { ...CHROMAGAN_OBJECTIVE.weights, pixel: -1 } })).toThrow(/pixel/);
  });
});

describe('objectiveFromOptions (the CLIs\' --objective, --gan, --weights)', () => {
  it('builds presets with overrides and names what is wrong', async () => {
    const { objectiveFromOptions } = await import('./objective');
    expect(objectiveFromOptions('chromagan')).toEqual(CHROMAGAN_OBJECTIVE);
    expect(objectiveFromOptions('total', 'minimax', 'adversarial=0.01,smooth=0')).toEqual({ gan: 'minimax', weights: { ...TOTAL_LOSS_OBJECTIVE.weights, adversarial: 0.01, smooth: 0 } });
    expect(() => objectiveFromOptions('vgg')).toThrow(/Unknown objective "vgg"/);
    expect(() => objectiveFromOptions('chromagan', undefined, 'adversarial=')).toThrow(/Bad loss weight "adversarial="/);
    expect(() => objectiveFromOptions('chromagan', undefined, 'colour=1')).toThrow(/name in pixel, adversarial/);
    expect(() => objectiveFromOptions('chromagan', 'hinge')).toThrow(/Unknown GAN loss "hinge"/);
  });
});
