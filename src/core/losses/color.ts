import * as tf from '@tensorflow/tfjs';

/** L_e: mean squared error between predicted and true a,b (any matching shapes). */
export function colorMse(pred: tf.Tensor, target: tf.Tensor): tf.Scalar {
  return tf.tidy(() => tf.mean(tf.squaredDifference(pred, target)) as tf.Scalar);
}

/** L_smooth: total variation of a,b [N,H,W,C], mean absolute neighbour difference in x and y. */
export function totalVariation(ab: tf.Tensor4D): tf.Scalar {
  return tf.tidy(() => {
    const [, h, w] = ab.shape;
    const dy = tf.sub(tf.slice(ab, [0, 1, 0, 0], [-1, h - 1, -1, -1]), tf.slice(ab, [0, 0, 0, 0], [-1, h - 1, -1, -1]));
    const dx = tf.sub(tf.slice(ab, [0, 0, 1, 0], [-1, -1, w - 1, -1]), tf.slice(ab, [0, 0, 0, 0], [-1, -1, w - 1, -1]));
    return tf.add(tf.mean(tf.abs(dy)), tf.mean(tf.abs(dx))) as tf.Scalar;
  });
}
