/**
 * The colorizer used by the app, the worker and the CLIs: the frozen encoder plus the
 * trained decoder (G¹), loaded from any tfjs IO source (URL, indexeddb://, files).
 */
import * as tf from '@tensorflow/tfjs';
import { AB_SCALE, DEFAULT_INFERENCE_SIZE, INPUT_MULTIPLE } from './config';
import { DECODER_INPUTS, type DecoderInputName } from './decoder';
import { loadEncoder, type FrozenEncoder } from './encoder';
import { grayRgbFromL, normaliseL, toAbStride } from './preprocess';
import './layers';

/** What the model's manifest.json says about it. */
export interface ModelInfo {
  readonly name: string;
  readonly version: string;
  /** False for a randomly initialised decoder: the UI must say so. */
  readonly trained: boolean;
  readonly trainingSteps?: number;
  readonly description?: string;
}

export interface Colorizer {
  readonly info: ModelInfo;
  /** Square model input size in pixels (multiple of 32). */
  readonly inputSize: number;
  /** L [1,S,S,1] in 0..100 → a,b [1,S/4,S/4,2] in Lab units. */
  predictAb(L: tf.Tensor4D): tf.Tensor4D;
  readonly decoder: tf.LayersModel;
  readonly encoder: FrozenEncoder;
  dispose(): void;
}

export interface ColorizerSources {
  readonly encoder: string | tf.io.IOHandler;
  readonly generator: string | tf.io.IOHandler;
  readonly info: ModelInfo;
  readonly inputSize?: number;
}

export function createColorizer(encoder: FrozenEncoder, decoder: tf.LayersModel, info: ModelInfo, inputSize = DEFAULT_INFERENCE_SIZE): Colorizer {
  if (inputSize % INPUT_MULTIPLE !== 0) throw new RangeError(`Model input size must be a multiple of ${INPUT_MULTIPLE}, got ${inputSize}`);
  return {
    info,
    inputSize,
    encoder,
    decoder,
    predictAb(L) {
      return tf.tidy(() => decodeAb(decoder, decoderInputs(encoder, L)));
    },
    dispose() {
      encoder.dispose();
      decoder.dispose();
    },
  };
}

/**
 * What the decoder (and the Langevin score network) reads for L [N,S,S,1] (0..100): the
 * frozen encoder's features and L at the a,b stride. Caller disposes.
 */
export function decoderInputs(encoder: FrozenEncoder, L: tf.Tensor4D): Record<DecoderInputName, tf.Tensor> {
  return tf.tidy(() => {
    const f = encoder.features(grayRgbFromL(L));
    return { s4: f.s4, s8: f.s8, s16: f.s16, s32: f.s32, global: f.global, lightness: toAbStride(normaliseL(L)) };
  });
}

/** The decoder's a,b [N,S/4,S/4,2] in Lab units for decoderInputs(). Caller disposes. */
export function decodeAb(decoder: tf.LayersModel, inputs: Readonly<Record<DecoderInputName, tf.Tensor>>): tf.Tensor4D {
  return tf.tidy(() => {
    const [ab] = decoder.predict(DECODER_INPUTS.map((k) => inputs[k])) as tf.Tensor4D[];
    return tf.mul(ab!, AB_SCALE) as tf.Tensor4D;
  });
}

/**
 * One pass to compile kernels/shaders. Reads back asynchronously: a synchronous read
 * (dataSync) on WebGPU inside a worker returns zeros and loses the device.
 */
export async function warmUp(colorizer: Colorizer): Promise<void> {
  const ab = tf.tidy(() => colorizer.predictAb(tf.fill([1, colorizer.inputSize, colorizer.inputSize, 1], 50) as tf.Tensor4D));
  try {
    await ab.data();
  } finally {
    ab.dispose();
  }
}

/** Loads both networks and runs one warm-up pass. */
export async function loadColorizer(src: ColorizerSources): Promise<Colorizer> {
  const [encoder, decoder] = await Promise.all([loadEncoder(src.encoder), tf.loadLayersModel(src.generator)]);
  const colorizer = createColorizer(encoder, decoder, src.info, src.inputSize);
  await warmUp(colorizer);
  return colorizer;
}
