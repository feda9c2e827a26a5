/**
 * φ for the perceptual term of the four-term total loss (SRGAN's l_X): the feature maps
 * of a frozen copy of the trained critic after its second block (stride 4 of the a,b
 * grid, 2·width channels). The critic has learnt what real colour looks like given L,
 * so its features play the role SRGAN gives to VGG's. The copy must not be the critic
 * being trained: its weights would move under φ.
 */
import * as tf from '@tensorflow/tfjs';
import { criticInput } from './preprocess';

export const PERCEPTUAL_LAYER = 'critic_lrelu1';

export interface PerceptualFeatures {
  /** (L normalised, a,b/AB_SCALE) at the a,b stride → features [N, h/4, w/4, C]. */
  features(lightness: tf.Tensor4D, ab: tf.Tensor4D): tf.Tensor4D;
  dispose(): void;
}

/** Wraps `frozenCritic` (which it owns from now on) as φ; its weights are made non-trainable. */
export function criticPerceptualFeatures(frozenCritic: tf.LayersModel): PerceptualFeatures {
  frozenCritic.trainable = false;
  const layer = frozenCritic.getLayer(PERCEPTUAL_LAYER);
  const phi = tf.model({ inputs: frozenCritic.inputs, outputs: layer.output as tf.SymbolicTensor, name: 'perceptual_phi' });
  return {
    features: (lightness, ab) => phi.apply(criticInput(lightness, ab)) as tf.Tensor4D,
    dispose: () => frozenCritic.dispose(),
  };
}
