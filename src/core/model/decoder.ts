/**
 * G¹ decoder (encoder features + L → a,b at stride 4) and G² head (global features →
 * class distribution), one trainable tfjs LayersModel so it saves/loads with any
 * tfjs IO handler (http, indexeddb://, files).
 *
 * Skip connections at strides 16, 8 and 4 (plus L itself at stride 4) and a global-feature fusion
 * at stride 32, as ChromaGAN fuses its class branch.
 */
import * as tf from '@tensorflow/tfjs';
import { ENCODER_TAPS, NUM_CLASSES } from './config';
import { GlobalFusion } from './layers';

export interface DecoderWidths {
  readonly fuse: number;
  readonly s16: number;
  readonly s8: number;
  readonly s4: number;
  readonly global: number;
}

export const DEFAULT_DECODER_WIDTHS: DecoderWidths = { fuse: 256, s16: 128, s8: 96, s4: 64, global: 256 };

/** Input order of the decoder model. */
export const DECODER_INPUTS = ['s4', 's8', 's16', 's32', 'global', 'lightness'] as const;
export type DecoderInputName = (typeof DECODER_INPUTS)[number];

/** Outputs: [ab at stride 4 (scaled by 1/AB_SCALE), class distribution (softmax)]. */
export function createDecoder(widths: DecoderWidths = DEFAULT_DECODER_WIDTHS, seed = 1): tf.LayersModel {
  let s = seed;
  const init = () => tf.initializers.heNormal({ seed: s++ });
  const conv = (filters: number, kernel: number, name: string, activation: 'relu' | 'linear' = 'relu') =>
    tf.layers.conv2d({ filters, kernelSize: kernel, padding: 'same', activation, kernelInitializer: init(), name });
  const up = (name: string) => tf.layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear', name });

  const s4 = tf.input({ shape: [null, null, ENCODER_TAPS.s4.channels], name: 's4' });
  const s8 = tf.input({ shape: [null, null, ENCODER_TAPS.s8.channels], name: 's8' });
  const s16 = tf.input({ shape: [null, null, ENCODER_TAPS.s16.channels], name: 's16' });
  const s32 = tf.input({ shape: [null, null, ENCODER_TAPS.s32.channels], name: 's32' });
  const global = tf.input({ shape: [ENCODER_TAPS.global.channels], name: 'global' });
  const lightness = tf.input({ shape: [null, null, 1], name: 'lightness' });

  // Global branch: shared by the fusion (G¹) and the class head (G²).
  const g = tf.layers.dense({ units: widths.global, activation: 'relu', kernelInitializer: init(), name: 'global_fc' }).apply(global) as tf.SymbolicTensor;
  const classes = tf.layers.dense({ units: NUM_CLASSES, activation: 'softmax', kernelInitializer: tf.initializers.glorotUniform({ seed: s++ }), name: 'class_head' }).apply(g) as tf.SymbolicTensor;

  let x = conv(widths.fuse, 1, 'reduce_s32').apply(s32) as tf.SymbolicTensor;
  x = new GlobalFusion({ name: 'fusion' }).apply([x, g]) as tf.SymbolicTensor;
  x = conv(widths.fuse, 1, 'fuse_s32').apply(x) as tf.SymbolicTensor;

  const stage = (input: tf.SymbolicTensor, skips: tf.SymbolicTensor[], filters: number, name: string, convs: number) => {
    let y = up(`up_${name}`).apply(input) as tf.SymbolicTensor;
    y = tf.layers.concatenate({ name: `skip_${name}` }).apply([y, ...skips]) as tf.SymbolicTensor;
    for (let i = 0; i < convs; i++) y = conv(filters, 3, `conv_${name}_${i}`).apply(y) as tf.SymbolicTensor;
    return y;
  };
  x = stage(x, [s16], widths.s16, 's16', 1);
  x = stage(x, [s8], widths.s8, 's8', 1);
  // Last stage at the a,b stride (4): encoder skip plus L itself for edges.
  x = stage(x, [s4, lightness], widths.s4, 's4', 2);
  // Zero-initialised: training starts from the gray image (a = b = 0), not random colour.
  const ab = tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', kernelInitializer: 'zeros', name: 'ab' }).apply(x) as tf.SymbolicTensor;

  return tf.model({ inputs: [s4, s8, s16, s32, global, lightness], outputs: [ab, classes], name: 'chromagan_decoder' });
}
