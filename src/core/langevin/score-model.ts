/**
 * Conditional score network s(ab_noisy, σ, L) ≈ ∇ log p_σ(ab | L) for a,b / AB_SCALE at the
 * decoder's stride (4). It reads the same frozen-encoder inputs as the GAN decoder
 * (DECODER_INPUTS), so the existing feature cache trains it unchanged, plus the noisy a,b
 * and log σ.
 *
 * Parameterisation (NCSN, Song & Ermon 2019/2020): the LayersModel predicts n ≈ σ·s, i.e.
 * minus the added unit noise, and s = n/σ is formed outside it. The noisy a,b enters scaled
 * by c_in(σ) = 1/√(σ_data² + σ²) (as in Karras et al. 2022) so the network sees unit-scale
 * input at every level. Use scoreModelInputs/predictScore rather than calling the model
 * directly: they apply both conventions.
 *
 * A small U-shaped net: global features and a σ embedding fused at stride 32, encoder
 * skips at 16, 8 and 4, the noisy a,b average-pooled into every stage, three 3×3 convs at
 * stride 4. ~0.7 M parameters with the defaults (~2.8 MB float32).
 */
import * as tf from '@tensorflow/tfjs';
import { ENCODER_TAPS } from '../model/config';
import { DECODER_INPUTS, type DecoderInputName } from '../model/decoder';
import { GlobalFusion } from '../model/layers';

/** Std of a,b / AB_SCALE over the training feature cache (0.146 measured on 1000 samples of features-160-10927). */
export const SIGMA_DATA = 0.15;

export interface ScoreNetWidths {
  readonly global: number;
  readonly sigma: number;
  readonly s32: number;
  readonly s16: number;
  readonly s8: number;
  readonly s4: number;
  /** 3×3 convs at stride 4. */
  readonly s4Convs: number;
}

export const DEFAULT_SCORE_WIDTHS: ScoreNetWidths = { global: 128, sigma: 32, s32: 128, s16: 96, s8: 64, s4: 64, s4Convs: 3 };

/** Input order: the decoder's inputs, then c_in(σ)·ab_noisy [N,h,w,2] and log σ [N,1]. */
export const SCORE_INPUTS = [...DECODER_INPUTS, 'ab_noisy', 'log_sigma'] as const;

/** The conditioning: decoder inputs (features, L at stride 4) for a batch. */
export type ScoreConditioning = Readonly<Record<DecoderInputName, tf.Tensor>>;

export function createScoreNetwork(widths: ScoreNetWidths = DEFAULT_SCORE_WIDTHS, seed = 1): tf.LayersModel {
  let s = seed;
  const init = () => tf.initializers.heNormal({ seed: s++ });
  const conv = (filters: number, kernel: number, name: string) =>
    tf.layers.conv2d({ filters, kernelSize: kernel, padding: 'same', activation: 'relu', kernelInitializer: init(), name });
  const dense = (units: number, name: string) => tf.layers.dense({ units, activation: 'relu', kernelInitializer: init(), name });
  const apply = (layer: tf.layers.Layer, x: tf.SymbolicTensor | tf.SymbolicTensor[]) => layer.apply(x) as tf.SymbolicTensor;
  const map = (name: 's4' | 's8' | 's16' | 's32') => tf.input({ shape: [null, null, ENCODER_TAPS[name].channels], name });

  const s4 = map('s4'), s8 = map('s8'), s16 = map('s16'), s32 = map('s32');
  const global = tf.input({ shape: [ENCODER_TAPS.global.channels], name: 'global' });
  const lightness = tf.input({ shape: [null, null, 1], name: 'lightness' });
  const abNoisy = tf.input({ shape: [null, null, 2], name: 'ab_noisy' });
  const logSigma = tf.input({ shape: [1], name: 'log_sigma' });

  const g = apply(dense(widths.global, 'score_global_fc'), global);
  const e = apply(dense(widths.sigma, 'score_sigma_fc2'), apply(dense(widths.sigma, 'score_sigma_fc1'), logSigma));
  const ge = apply(tf.layers.concatenate({ name: 'score_global_sigma' }), [g, e]);

  const pool = (x: tf.SymbolicTensor, name: string) => apply(tf.layers.averagePooling2d({ poolSize: 2, strides: 2, padding: 'valid', name }), x);
  const ab8 = pool(abNoisy, 'score_ab_pool8');
  const ab16 = pool(ab8, 'score_ab_pool16');
  const ab32 = pool(ab16, 'score_ab_pool32');

  let x = apply(conv(widths.s32, 1, 'score_reduce_s32'), apply(tf.layers.concatenate({ name: 'score_in_s32' }), [s32, ab32]));
  x = apply(new GlobalFusion({ name: 'score_fusion' }), [x, ge]);
  x = apply(conv(widths.s32, 1, 'score_fuse_s32'), x);

  const stage = (input: tf.SymbolicTensor, skips: tf.SymbolicTensor[], filters: number, name: string, convs: number) => {
    let y = apply(tf.layers.upSampling2d({ size: [2, 2], interpolation: 'bilinear', name: `score_up_${name}` }), input);
    y = apply(tf.layers.concatenate({ name: `score_skip_${name}` }), [y, ...skips]);
    y = apply(new GlobalFusion({ name: `score_sigma_${name}` }), [y, e]);
    for (let i = 0; i < convs; i++) y = apply(conv(filters, 3, `score_conv_${name}_${i}`), y);
    return y;
  };
  x = stage(x, [s16, ab16], widths.s16, 's16', 1);
  x = stage(x, [s8, ab8], widths.s8, 's8', 1);
  x = stage(x, [s4, lightness, abNoisy], widths.s4, 's4', widths.s4Convs);
  // Zero-initialised: training starts from s = 0 (the loss is then ½ per dimension).
  const out = apply(tf.layers.conv2d({ filters: 2, kernelSize: 3, padding: 'same', kernelInitializer: 'zeros', name: 'score_out' }), x);
  return tf.model({ inputs: [s4, s8, s16, s32, global, lightness, abNoisy, logSigma], outputs: out, name: 'langevin_score' });
}

/** σ as a per-sample column [N,1]: a number (same σ for the batch) or a [N] tensor. */
function sigmaColumn(sigma: number | tf.Tensor1D, n: number): tf.Tensor2D {
  return typeof sigma === 'number' ? tf.fill([n, 1], sigma) : tf.reshape(sigma, [n, 1]);
}

/** Model inputs in SCORE_INPUTS order. abNoisy is a,b / AB_SCALE plus noise of std σ. */
export function scoreModelInputs(cond: ScoreConditioning, abNoisy: tf.Tensor4D, sigma: number | tf.Tensor1D): tf.Tensor[] {
  const n = abNoisy.shape[0];
  const sig = sigmaColumn(sigma, n);
  const cIn = tf.rsqrt(tf.add(tf.square(sig), SIGMA_DATA * SIGMA_DATA));
  return [...DECODER_INPUTS.map((k) => cond[k]), tf.mul(abNoisy, tf.reshape(cIn, [n, 1, 1, 1])), tf.log(sig)];
}

/** s(ab_noisy, σ | L) = n/σ. With training true, runs the layers in training mode (for the optimiser's tape). */
export function predictScore(model: tf.LayersModel, cond: ScoreConditioning, abNoisy: tf.Tensor4D, sigma: number | tf.Tensor1D, training = false): tf.Tensor4D {
  return tf.tidy(() => {
    const n = abNoisy.shape[0];
    const out = model.apply(scoreModelInputs(cond, abNoisy, sigma), { training }) as tf.Tensor4D;
    return tf.div(out, tf.reshape(sigmaColumn(sigma, n), [n, 1, 1, 1])) as tf.Tensor4D;
  });
}

export interface ConditionalScore {
  /** For annealedLangevin: x [batch,h,w,2] (a,b / AB_SCALE), σ → score. */
  readonly score: (x: tf.Tensor, sigma: number) => tf.Tensor;
  dispose(): void;
}

/**
 * Binds one photo's conditioning (batch 1) to the network for `batch` parallel chains:
 * the features are tiled once and kept until dispose().
 */
export function conditionalScore(model: tf.LayersModel, cond: ScoreConditioning, batch: number): ConditionalScore {
  if (!Number.isInteger(batch) || batch < 1) throw new RangeError(`batch must be an integer ≥ 1, got ${batch}`);
  for (const k of DECODER_INPUTS) {
    if (cond[k].shape[0] !== 1) throw new RangeError(`conditionalScore expects one photo's features (batch 1); ${k} has batch ${cond[k].shape[0]}`);
  }
  const tiled = tf.tidy(() => {
    const out = {} as Record<DecoderInputName, tf.Tensor>;
    for (const k of DECODER_INPUTS) {
      const t = cond[k];
      out[k] = batch === 1 ? tf.clone(t) : tf.tile(t, [batch, ...t.shape.slice(1).map(() => 1)]);
    }
    return out;
  });
  return {
    score: (x, sigma) => predictScore(model, tiled, x as tf.Tensor4D, sigma),
    dispose: () => tf.dispose(Object.values(tiled)),
  };
}
