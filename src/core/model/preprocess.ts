/**
 * Tensor-side preparation shared by inference and training: L → the encoder's gray
 * RGB input, L and a,b at the decoder's stride, and back.
 */
import * as tf from '@tensorflow/tfjs';
import { AB_SCALE, AB_STRIDE } from './config';
import { fLabInvT, linearToSrgbTensor } from '../color/lab';

/** L [N,H,W,1] (0..100) → sRGB gray [N,H,W,3] in 0..1: what a black-and-white photo looks like. */
export function grayRgbFromL(L: tf.Tensor4D): tf.Tensor4D {
  return tf.tidy(() => {
    // a = b = 0: relative luminance Y = f⁻¹((L + 16) / 116), then the sRGB curve.
    const y = tf.maximum(fLabInvT(tf.div(tf.add(L, 16), 116)), 0);
    return tf.tile(tf.clipByValue(linearToSrgbTensor(y), 0, 1), [1, 1, 1, 3]) as tf.Tensor4D;
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
