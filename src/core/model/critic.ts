/**
 * Critic D_w: a PatchGAN over the full Lab image at the a,b stride ([L/50−1, a/AB_SCALE, b/AB_SCALE]),
 * so it is conditioned on L. No normalisation layers (WGAN-GP penalises per-sample
 * gradients). Output: one score per patch, [N, h, w, 1].
 */
import * as tf from '@tensorflow/tfjs';

export function createCritic(width = 32, seed = 101): tf.LayersModel {
  let s = seed;
  const input = tf.input({ shape: [null, null, 3], name: 'lab' });
  let x: tf.SymbolicTensor = input;
  [width, width * 2, width * 4].forEach((filters, i) => {
    x = tf.layers.conv2d({ filters, kernelSize: 4, strides: 2, padding: 'same', kernelInitializer: tf.initializers.heNormal({ seed: s++ }), name: `critic_conv${i}` }).apply(x) as tf.SymbolicTensor;
    x = tf.layers.leakyReLU({ alpha: 0.2, name: `critic_lrelu${i}` }).apply(x) as tf.SymbolicTensor;
  });
  const score = tf.layers.conv2d({ filters: 1, kernelSize: 3, padding: 'same', kernelInitializer: tf.initializers.glorotUniform({ seed: s++ }), name: 'critic_score' }).apply(x) as tf.SymbolicTensor;
  return tf.model({ inputs: input, outputs: score, name: 'chromagan_critic' });
}
