/**
 * Adam state as bytes + a weights manifest, so any store (files in Node, IndexedDB in
 * the browser) can keep it next to the models of a training checkpoint.
 */
import * as tf from '@tensorflow/tfjs';

export interface EncodedOptimizerState {
  readonly data: ArrayBuffer;
  readonly specs: tf.io.WeightsManifestEntry[];
}

export async function encodeOptimizerState(optimizer: tf.Optimizer): Promise<EncodedOptimizerState> {
  const named = await optimizer.getWeights();
  try {
    const { data, specs } = await tf.io.encodeWeights(named);
    return { data: data as ArrayBuffer, specs };
  } finally {
    // getWeights returns the iteration count as a new tensor; the slots are the optimizer's own.
    const iterations = named.find((w) => w.name === 'iter');
    iterations?.tensor.dispose();
  }
}

/**
 * Restores an Adam state saved by encodeOptimizerState into a fresh optimizer (or one
 * whose slots it replaces and frees). The slots follow the order of the trainable
 * weights at save time, so the model must be the same architecture.
 */
export async function restoreOptimizerState(optimizer: tf.Optimizer, state: EncodedOptimizerState): Promise<void> {
  const previous = await optimizer.getWeights();
  const map = tf.io.decodeWeights(state.data, state.specs);
  await optimizer.setWeights(state.specs.map((s) => ({ name: s.name, tensor: map[s.name]! })));
  // setWeights made variables of its own; free the decoded copies and any replaced slots.
  tf.dispose(Object.values(map));
  tf.dispose(previous.map((w) => w.tensor));
}
