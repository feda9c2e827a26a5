/**
 * Tensor-side preparation shared by inference and training: L → the encoder's gray
 * RGB input, L and a,b at the decoder's stride, and back.
 */
import * as tf from '@tensorflow/tfjs';
import { AB_SCALE, AB_STRIDE } from './config';

const EPS = 216 / 24389;
const KAPPA = 24389 / 27;

/** L [N,H,W,1] (0..100) → sRGB gray [N,H,W,3] in 0..1: what a black-and-white photo looks like. */
export function grayRgbFromL(L: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    const fy = tf.div(tf.add(L, 16), 116);
    const fy3 = tf.pow(fy, 3);
    const y = tf.where(tf.greater(fy3, EPS), fy3, tf.div(tf.sub(tf.mul(fy, 116), 16), KAPPA));
    const yc = tf.maximum(y, 0);
    const srgb = tf.where(
      tf.greater(yc, 0.0031308),
      tf.sub(tf.mul(tf.pow(tf.maximum(yc, 0.0031308), 1 / 2.4), 1.055), 0.055),
      tf.mul(yc, 12.92),
    );
    return tf.tile(tf.clipByValue(srgb, 0, 1), [1, 1, 1, 3]) as tf.Tensor4D;
  });
}

/** Average-pools by the decoder's stride. */
export function toAbStride(x: tf.Tensor4D): tf.Tensor4D {
  return tf.avgPool(x, AB_STRIDE, AB_STRIDE, 'valid');
}

/** L (0..100) → the decoder's L input in −1..1. */
export function normaliseL(L: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.sub(tf.div(L, 50), 1));
}

export function normaliseAb(ab: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.div(ab, AB_SCALE));
}

export function denormaliseAb(ab: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => tf.mul(ab, AB_SCALE));
}

/** The critic's view of an image: [L/50−1, a/s, b/s] at the decoder's stride. */
export function criticInput(lightness: tf.Tensor4D, ab: tf.Tensor4D): tf.Tensor4D {
  return tf.concat([lightness, ab], 3);
}
