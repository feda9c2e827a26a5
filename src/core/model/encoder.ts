/**
 * The frozen, pretrained encoder shared by G¹ and G²: MobileNetV2 (ImageNet-initialised,
 * shipped by nsfwjs, MIT) applied to the grayscale image replicated to 3 channels,
 * tapped at several strides. Fully convolutional, so any input that is a multiple of 32.
 */
import * as tf from '@tensorflow/tfjs';
import { ENCODER_TAPS, type EncoderTap } from './config';

export type EncoderFeatures = Record<EncoderTap, tf.Tensor>;

export interface FrozenEncoder {
  /** gray: [N,H,W,3] sRGB gray in 0..1. Returns s4, s8, s16, s32 maps and global [N,1280]. */
  features(gray: tf.Tensor4D): EncoderFeatures;
  dispose(): void;
}

const TAP_ORDER: readonly EncoderTap[] = ['s4', 's8', 's16', 's32', 'global'];

export async function loadEncoder(source: string | tf.io.IOHandler): Promise<FrozenEncoder> {
  const full = await tf.loadLayersModel(source);
  const outputs = TAP_ORDER.map((tap) => full.getLayer(ENCODER_TAPS[tap].layer).output as tf.SymbolicTensor);
  const tapped = tf.model({ inputs: full.inputs, outputs });
  tapped.trainable = false;
  return {
    features(gray) {
      return tf.tidy(() => {
        const outs = tapped.predict(gray) as tf.Tensor[];
        const result = {} as EncoderFeatures;
        TAP_ORDER.forEach((tap, i) => {
          result[tap] = tap === 'global' ? tf.mean(outs[i]!, [1, 2]) : outs[i]!;
        });
        return result;
      });
    },
    dispose() {
      full.dispose();
    },
  };
}
