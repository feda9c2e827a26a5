/**
 * GAN losses of SPEC §2–3. Critic outputs are raw scores (logits for the minimax and
 * non-saturating forms, Wasserstein scores for WGAN-GP); every function returns the
 * quantity to *minimise*.
 */
import * as tf from '@tensorflow/tfjs';

import type { GanLossType } from './gan-loss-types';

export { GAN_LOSS_TYPES, type GanLossType } from './gan-loss-types';

/** WGAN-GP penalty weight (the reference ChromaGAN code's 10). */
export const GRADIENT_PENALTY_WEIGHT = 10;

/** −log σ(x) = softplus(−x), numerically stable. */
const negLogSigmoid = (x: tf.Tensor) => tf.softplus(tf.neg(x));
/** −log(1 − σ(x)) = softplus(x). */
const negLogOneMinusSigmoid = (x: tf.Tensor) => tf.softplus(x);

/** Generator adversarial term for the chosen loss. */
export function generatorAdversarialLoss(type: GanLossType, fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    switch (type) {
      case 'wgan-gp':
        // The generator maximises E[D(fake)].
        return tf.neg(tf.mean(fakeScores)) as tf.Scalar;
      case 'minimax':
        // Minimise (1/m) Σ log(1 − D(G(z))).
        return tf.neg(tf.mean(negLogOneMinusSigmoid(fakeScores))) as tf.Scalar;
      case 'non-saturating':
        // Maximise (1/m) Σ log D(G(z)) ⇔ minimise −mean log D(G(z)).
        return tf.mean(negLogSigmoid(fakeScores)) as tf.Scalar;
    }
  });
}

/** Critic loss without the gradient penalty (added separately for WGAN-GP). */
export function criticLoss(type: GanLossType, realScores: tf.Tensor, fakeScores: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    if (type === 'wgan-gp') {
      // The critic maximises E[D(real)] − E[D(fake)]; minimise the negation.
      return tf.sub(tf.mean(fakeScores), tf.mean(realScores)) as tf.Scalar;
    }
    // Both minimax and non-saturating train D as a binary classifier.
    return tf.add(tf.mean(negLogSigmoid(realScores)), tf.mean(negLogOneMinusSigmoid(fakeScores))) as tf.Scalar;
  });
}

/**
 * E[(‖∇_Î D(Î)‖₂ − 1)²] with Î = α·real + (1−α)·fake on straight lines, α ~ U(0,1)
 * per sample. `critic` maps an image batch to scores; differentiable w.r.t. the
 * critic's variables (second-order gradients).
 */
export function gradientPenalty(critic: (x: tf.Tensor4D) => tf.Tensor, real: tf.Tensor4D, fake: tf.Tensor4D, alpha: tf.Tensor): tf.Scalar {
  return tf.tidy(() => {
    const a = tf.reshape(alpha, [-1, 1, 1, 1]);
    const interp = tf.add(tf.mul(a, real), tf.mul(tf.sub(1, a), fake)) as tf.Tensor4D;
    const grad = tf.grad((x: tf.Tensor) => tf.sum(critic(x as tf.Tensor4D)))(interp);
    const norm = tf.sqrt(tf.add(tf.sum(tf.square(grad), [1, 2, 3]), 1e-12));
    return tf.mean(tf.square(tf.sub(norm, 1))) as tf.Scalar;
  });
}
