import * as tf from '@tensorflow/tfjs';

/** Weights of the four-term objective L_total = λp·L_pixel + λd·L_disc + λf·L_feature + λs·L_smooth. */
export interface TotalLossWeights {
  readonly pixel: number;
  readonly disc: number;
  readonly feature: number;
  readonly smooth: number;
}

export interface TotalLossTerms {
  readonly pixel: tf.Scalar;
  readonly disc?: tf.Scalar;
  readonly feature?: tf.Scalar;
  readonly smooth?: tf.Scalar;
}

/** Weighted sum; a term that is absent counts as 0 and must then have weight 0. */
export function totalLoss(w: TotalLossWeights, t: TotalLossTerms): tf.Scalar {
  for (const k of ['disc', 'feature', 'smooth'] as const) {
    if (w[k] !== 0 && !t[k]) throw new Error(`total loss: weight ${k}=${w[k]} but the ${k} term was not computed`);
  }
  return tf.tidy(() => {
    let sum: tf.Tensor = tf.mul(t.pixel, w.pixel);
    if (t.disc && w.disc) sum = tf.add(sum, tf.mul(t.disc, w.disc));
    if (t.feature && w.feature) sum = tf.add(sum, tf.mul(t.feature, w.feature));
    if (t.smooth && w.smooth) sum = tf.add(sum, tf.mul(t.smooth, w.smooth));
    return sum as tf.Scalar;
  });
}
