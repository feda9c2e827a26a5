/**
 * Shapes and constants of the ChromaGAN-style colorizer. One place, read by the
 * model code, the training step, the pipeline and the CLIs.
 */

/** Encoder taps (MobileNetV2 layer names) and their stride relative to the input. */
export const ENCODER_TAPS = {
  s4: { layer: 'block_2_add', stride: 4, channels: 24 },
  s8: { layer: 'block_5_add', stride: 8, channels: 32 },
  s16: { layer: 'block_12_add', stride: 16, channels: 96 },
  s32: { layer: 'block_16_project_BN', stride: 32, channels: 320 },
  global: { layer: 'out_relu', stride: 32, channels: 1280 },
} as const;

export type EncoderTap = keyof typeof ENCODER_TAPS;

/**
 * The decoder predicts a,b at 1/4 of the model input size (as Zhang et al. 2016);
 * chroma is smooth, and it is upsampled and recombined with full-resolution L.
 * Stride 2 measured 2× slower to train on wasm for the same decoder.
 */
export const AB_STRIDE = 4;

/** a,b are divided by this before the network sees or predicts them. */
export const AB_SCALE = 110;

/** Model input must be a multiple of this (the encoder's deepest stride). */
export const INPUT_MULTIPLE = 32;

/** Size used for training (the training photos are 160²). */
export const TRAIN_INPUT_SIZE = 160;

/** Default square input size for inference (letterboxed). */
export const DEFAULT_INFERENCE_SIZE = 224;

/** Class-distribution head: 80 COCO classes from the NanoDet teacher + background. */
export const NUM_CLASSES = 81;
