import * as tf from '@tensorflow/tfjs';
import { colorMse } from './color';

/** SRGAN adversarial weight in L = l_X + 10⁻³·l_Gen. */
export const SRGAN_ADVERSARIAL_WEIGHT = 1e-3;

/**
 * l_X: (1/(W·H)) Σ (φ(target) − φ(output))², the mean squared distance of a frozen
 * network's feature maps φ (per element, which also divides by channels). The target
 * does not depend on trainable weights, so it contributes no gradient.
 */
export function featureLoss(phi: (x: tf.Tensor4D) => tf.Tensor, target: tf.Tensor4D, output: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => colorMse(phi(output), phi(target)));
}

/** L^SR = l_X + 10⁻³ · l_Gen. */
export function srganPerceptualLoss(contentLoss: tf.Scalar, adversarialLoss: tf.Scalar): tf.Scalar {
  return tf.tidy(() => tf.add(contentLoss, tf.mul(adversarialLoss, SRGAN_ADVERSARIAL_WEIGHT)) as tf.Scalar);
}
