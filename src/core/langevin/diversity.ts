/**
 * How different N colourisations of one photo are: the mean, over all pairs of samples,
 * of the per-pixel Euclidean a,b distance √(Δa² + Δb²) averaged over pixels. In the units
 * of the input (Lab units for a,b in Lab; ×AB_SCALE for the network's scaled a,b).
 */
import * as tf from '@tensorflow/tfjs';

/** samples: [N,H,W,2] a,b with N ≥ 2 → scalar mean pairwise distance. Caller disposes. */
export function meanPairwiseAbDistance(samples: tf.Tensor4D): tf.Scalar {
  const [n, , , c] = samples.shape;
  if (n < 2) throw new RangeError(`diversity needs at least 2 samples, got ${n}`);
  if (c !== 2) throw new RangeError(`expected a,b with 2 channels, got ${c}`);
  return tf.tidy(() => {
    const rows = tf.unstack(samples);
    let total: tf.Tensor = tf.scalar(0);
    for (let i = 0; i < n; i++) {
      for (let j = i + 1; j < n; j++) {
        total = tf.add(total, tf.mean(tf.sqrt(tf.sum(tf.squaredDifference(rows[i]!, rows[j]!), -1))));
      }
    }
    return tf.div(total, (n * (n - 1)) / 2) as tf.Scalar;
  });
}

/** meanPairwiseAbDistance, read back as a number (asynchronously, safe on WebGPU). */
export async function abDiversity(samples: tf.Tensor4D): Promise<number> {
  const d = meanPairwiseAbDistance(samples);
  try {
    return (await d.data())[0]!;
  } finally {
    d.dispose();
  }
}
