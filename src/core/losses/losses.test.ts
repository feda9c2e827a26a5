import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { colorMse, totalVariation } from './color';
import { klDivergence, teacherDistribution } from './class-distribution';
import { criticLoss, generatorAdversarialLoss, gradientPenalty } from './adversarial';
import { featureLoss, srganPerceptualLoss } from './perceptual';
import { totalLoss } from './total';

const val = (t: tf.Tensor) => {
  const v = t.dataSync()[0]!;
  t.dispose();
  return v;
};

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('losses (hand-computed values)', () => {
  it('colour MSE', () => {
    // diffs 1, -2, 0, 3 → (1 + 4 + 0 + 9) / 4 = 3.5
    expect(val(colorMse(tf.tensor([1, 0, 5, 3]), tf.tensor([0, 2, 5, 0])))).toBeCloseTo(3.5, 6);
  });

  it('total variation of a,b', () => {
    // 2×2 single channel [[0,1],[3,5]]: |dy| = 3,4 → 3.5; |dx| = 1,2 → 1.5; sum 5
    const ab = tf.tensor4d([0, 1, 3, 5], [1, 2, 2, 1]);
    expect(val(totalVariation(ab))).toBeCloseTo(5, 6);
    ab.dispose();
  });

  it('KL(p‖q) = Σ p log(p/q), and masked rows are ignored', () => {
    const p = tf.tensor2d([[0.5, 0.5], [1, 0]]);
    const q = tf.tensor2d([[0.25, 0.75], [0.5, 0.5]]);
    const row0 = 0.5 * Math.log(0.5 / 0.25) + 0.5 * Math.log(0.5 / 0.75);
    const row1 = Math.log(2);
    expect(val(klDivergence(p, q))).toBeCloseTo((row0 + row1) / 2, 5);
    expect(val(klDivergence(p, q, tf.tensor1d([1, 0])))).toBeCloseTo(row0, 5);
    expect(val(klDivergence(p, p))).toBeCloseTo(0, 6);
    tf.dispose([p, q]);
  });

  it('teacher distribution: background class and softmax(logit/T)', () => {
    const scores = tf.tensor2d([[0.8, 0.2]]);
    const d = teacherDistribution(scores, 0.5);
    const probs = [0.8, 0.2, 0.2]; // background = 1 − 0.8
    const logits = probs.map((p) => Math.log(p / (1 - p)) / 0.5);
    const z = logits.reduce((s, l) => s + Math.exp(l), 0);
    const expected = logits.map((l) => Math.exp(l) / z);
    Array.from(d.dataSync()).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 5));
    tf.dispose([scores, d]);
  });

  it('WGAN: critic minimises E[D(fake)] − E[D(real)], generator −E[D(fake)]', () => {
    const real = tf.tensor([2, 4]);
    const fake = tf.tensor([1, -1]);
    expect(val(criticLoss('wgan-gp', real, fake))).toBeCloseTo(0 - 3, 6);
    expect(val(generatorAdversarialLoss('wgan-gp', fake))).toBeCloseTo(0, 6);
    tf.dispose([real, fake]);
  });

  it('minimax and non-saturating generator losses on logits', () => {
    const logits = tf.tensor([0, Math.log(3)]); // D = 0.5, 0.75
    const minimax = (Math.log(1 - 0.5) + Math.log(1 - 0.75)) / 2; // minimise mean log(1 − D)
    const nonSat = -(Math.log(0.5) + Math.log(0.75)) / 2; // minimise −mean log D
    expect(val(generatorAdversarialLoss('minimax', logits))).toBeCloseTo(minimax, 5);
    expect(val(generatorAdversarialLoss('non-saturating', logits))).toBeCloseTo(nonSat, 5);
    const realLogits = tf.tensor([Math.log(3)]);
    // −log D(real) − log(1 − D(fake)), fake D = 0.5 and 0.75
    const expectedD = -Math.log(0.75) + -(Math.log(0.5) + Math.log(0.25)) / 2;
    expect(val(criticLoss('minimax', realLogits, logits))).toBeCloseTo(expectedD, 5);
    tf.dispose([logits, realLogits]);
  });

  it('gradient penalty of a linear critic D(x) = Σ w·x is (‖w‖ − 1)²', () => {
    const w = tf.tensor4d([3, 4], [1, 1, 1, 2]); // ‖w‖ = 5 → (5 − 1)² = 16
    const critic = (x: tf.Tensor4D) => tf.sum(tf.mul(x, w), [1, 2, 3]);
    const real = tf.randomNormal([3, 1, 1, 2], 0, 1, 'float32', 1) as tf.Tensor4D;
    const fake = tf.randomNormal([3, 1, 1, 2], 0, 1, 'float32', 2) as tf.Tensor4D;
    const alpha = tf.tensor1d([0.1, 0.5, 0.9]);
    expect(val(gradientPenalty(critic, real, fake, alpha))).toBeCloseTo(16, 4);
    tf.dispose([w, real, fake, alpha]);
  });

  it('gradient penalty is differentiable w.r.t. the critic weights (second order)', () => {
    const w = tf.variable(tf.tensor4d([3, 4], [1, 1, 1, 2]));
    const real = tf.ones([2, 1, 1, 2]) as tf.Tensor4D;
    const fake = tf.zeros([2, 1, 1, 2]) as tf.Tensor4D;
    const alpha = tf.tensor1d([0.3, 0.7]);
    const { grads } = tf.variableGrads(() => gradientPenalty((x) => tf.sum(tf.mul(tf.leakyRelu(x, 0.2), w), [1, 2, 3]), real, fake, alpha), [w]);
    // x̂ ∈ (0,1) so leakyRelu is identity: GP = (‖w‖ − 1)², d/dw = 2(‖w‖ − 1)·w/‖w‖ = 2·4·(3,4)/5
    expect(Array.from(grads[w.name]!.dataSync())).toEqual([expect.closeTo(4.8, 3), expect.closeTo(6.4, 3)]);
    tf.dispose([w, real, fake, alpha, ...Object.values(grads)]);
  });

  it('perceptual loss l_X + 1e-3·l_Gen, and the four-term total', () => {
    const phi = (x: tf.Tensor4D) => tf.mul(x, 2);
    const target = tf.tensor4d([1, 2], [1, 1, 1, 2]);
    const out = tf.tensor4d([0, 2], [1, 1, 1, 2]);
    const lx = featureLoss(phi, target, out); // ((2−0)² + 0) / 2 = 2
    expect(lx.dataSync()[0]).toBeCloseTo(2, 6);
    const adv = tf.scalar(5);
    expect(val(srganPerceptualLoss(lx, adv))).toBeCloseTo(2.005, 6);
    const t = totalLoss({ pixel: 1, disc: 0.5, feature: 2, smooth: 10 }, { pixel: tf.scalar(1), disc: tf.scalar(2), feature: tf.scalar(3), smooth: tf.scalar(0.1) });
    expect(val(t)).toBeCloseTo(1 + 1 + 6 + 1, 5);
    expect(() => totalLoss({ pixel: 1, disc: 1, feature: 0, smooth: 0 }, { pixel: tf.scalar(1) })).toThrow(/disc/);
    tf.dispose([target, out, lx, adv]);
  });

  it('leaves no tensors behind', () => {
    const before = tf.memory().numTensors;
    const a = tf.randomNormal([2, 4, 4, 2]) as tf.Tensor4D;
    const b = tf.randomNormal([2, 4, 4, 2]) as tf.Tensor4D;
    const p = tf.tidy(() => tf.softmax(tf.randomNormal([2, 5]))) as tf.Tensor2D;
    const q = tf.tidy(() => tf.softmax(tf.randomNormal([2, 5]))) as tf.Tensor2D;
    const scores = tf.sigmoid(p) as tf.Tensor2D;
    const alpha = tf.randomUniform([2]);
    tf.dispose([
      colorMse(a, b), totalVariation(a), klDivergence(p, q), criticLoss('wgan-gp', a, b), criticLoss('minimax', a, b),
      generatorAdversarialLoss('non-saturating', a), gradientPenalty((x) => tf.sum(tf.square(x), [1, 2, 3]), a, b, alpha),
      teacherDistribution(scores),
    ]);
    tf.dispose([a, b, p, q, scores, alpha]);
    expect(tf.memory().numTensors).toBe(before);
  });
});
