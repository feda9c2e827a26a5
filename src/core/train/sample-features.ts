/**
 * What the decoder trains on, computed from a batch of colour images in Lab:
 * frozen encoder features of the gray image, L and true a,b at the a,b stride.
 * Used by the Node feature cache and by in-browser fine-tuning alike.
 */
import * as tf from '@tensorflow/tfjs';
import type { FrozenEncoder } from '../model/encoder';
import { grayRgbFromL, normaliseAb, normaliseL, toAbStride } from '../model/preprocess';

export { SAMPLE_FIELDS, sampleFieldShapes, type SampleField } from './sample-fields';
import type { SampleField } from './sample-fields';

/** lab: [N,H,W,3] (L 0..100, a, b). Returns every field batched; caller disposes. */
export function computeSampleFeatures(encoder: FrozenEncoder, lab: tf.Tensor4D): Record<SampleField, tf.Tensor> {
  return tf.tidy(() => {
    const [L, ab] = tf.split(lab, [1, 2], 3) as [tf.Tensor4D, tf.Tensor4D];
    const f = encoder.features(grayRgbFromL(L));
    return {
      s4: f.s4, s8: f.s8, s16: f.s16, s32: f.s32, global: f.global,
      lightness: toAbStride(normaliseL(L)),
      ab: toAbStride(normaliseAb(ab)),
    };
  });
}
