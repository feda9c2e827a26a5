/**
 * tfjs registers no gradients for comparison ops. They appear on the tape inside
 * first-order gradients (LeakyRelu's gradient is a `where(greater(x, 0), …)`), so a
 * second-order gradient — WGAN-GP's penalty on ‖∇D‖ — fails with "gradient function
 * not found for Greater". Their true gradient is zero almost everywhere.
 */
import * as tf from '@tensorflow/tfjs';

const COMPARISONS = ['Greater', 'GreaterEqual', 'Less', 'LessEqual', 'Equal', 'NotEqual'] as const;

let registered = false;

export function registerComparisonGradients(): void {
  if (registered) return;
  registered = true;
  for (const kernelName of COMPARISONS) {
    if (tf.getGradient(kernelName)) continue;
    tf.registerGradient({
      kernelName,
      inputsToSave: ['a', 'b'],
      gradFunc: (_dy, saved) => {
        const [a, b] = saved as [tf.Tensor, tf.Tensor];
        return { a: () => tf.zerosLike(a), b: () => tf.zerosLike(b) };
      },
    });
  }
}
