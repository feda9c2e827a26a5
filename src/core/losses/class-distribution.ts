import * as tf from '@tensorflow/tfjs';

const EPS = 1e-7;

/**
 * L_s: KL(y_v ‖ G²(L)) = Σ_k y_v[k]·log(y_v[k]/q[k]), averaged over the batch.
 * teacher, predicted: [N, m] probability rows. Rows with weight 0 (no teacher output
 * cached) are left out of the mean.
 */
export function klDivergence(teacher: tf.Tensor2D, predicted: tf.Tensor2D, rowWeights?: tf.Tensor1D): tf.Scalar {
  return tf.tidy(() => {
    const p = tf.clipByValue(teacher, EPS, 1);
    const q = tf.clipByValue(predicted, EPS, 1);
    const perRow = tf.sum(tf.mul(teacher, tf.sub(tf.log(p), tf.log(q))), 1);
    if (!rowWeights) return tf.mean(perRow) as tf.Scalar;
    const total = tf.sum(rowWeights);
    return tf.div(tf.sum(tf.mul(perRow, rowWeights)), tf.maximum(total, 1)) as tf.Scalar;
  });
}

/**
 * The teacher's distribution from a detector's per-class scores in (0,1): add a
 * background class (1 − max score), then softmax(logit(p) / temperature).
 */
export function teacherDistribution(classScores: tf.Tensor2D, temperature = 0.5): tf.Tensor2D {
  return tf.tidy(() => {
    const background = tf.sub(1, tf.max(classScores, 1, true));
    const p = tf.clipByValue(tf.concat([classScores, background], 1), 1e-4, 1 - 1e-4);
    const logit = tf.log(tf.div(p, tf.sub(1, p)));
    return tf.softmax(tf.div(logit, temperature)) as tf.Tensor2D;
  });
}
