/**
 * Test helpers (imported only by tests): a tiny fixed training batch and
 * a small score network, both seeded.
 */
import * as tf from '@tensorflow/tfjs';
import type { TrainBatch } from '../train/step';
import type { ScoreNetWidths } from './score-model';

export const TINY_WIDTHS: ScoreNetWidths = { global: 8, sigma: 4, s32: 8, s16: 8, s8: 8, s4: 8, s4Convs: 1 };

/**
 * n samples of a `size`² input (multiple of 32): features at strides 4..32, L and a
 * learnable a,b (a function of L) at stride 4. The cpu backend's conv filter gradient is
 * slow (~10 MFLOP/s), hence the small default.
 */
export function tinyBatch(n = 2, size = 32): TrainBatch {
  const q = size / 4;
  return tf.tidy(() => {
    const l = tf.randomUniform([n, q, q, 1], -1, 1, 'float32', 5) as tf.Tensor4D;
    return {
      s4: tf.randomNormal([n, q, q, 24], 0, 1, 'float32', 1) as tf.Tensor4D,
      s8: tf.randomNormal([n, q / 2, q / 2, 32], 0, 1, 'float32', 2) as tf.Tensor4D,
      s16: tf.randomNormal([n, q / 4, q / 4, 96], 0, 1, 'float32', 3) as tf.Tensor4D,
      s32: tf.randomNormal([n, q / 8, q / 8, 320], 0, 1, 'float32', 4) as tf.Tensor4D,
      global: tf.randomUniform([n, 1280], 0, 1, 'float32', 6) as tf.Tensor2D,
      lightness: l,
      ab: tf.concat([tf.mul(l, 0.3), tf.mul(l, -0.2)], 3) as tf.Tensor4D,
    };
  });
}

export function disposeBatch(b: TrainBatch): void {
  tf.dispose(Object.values(b).filter((t): t is tf.Tensor => t instanceof tf.Tensor));
}
