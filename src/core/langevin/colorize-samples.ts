/**
 * Several plausible colourisations of one photo (SPEC §5): annealed Langevin dynamics
 * with the conditional score network, N chains in one batch under one seed.
 *
 * The encoder features are computed once. Each chain starts from the GAN's a,b plus
 * σ_k noise (startLevel k > 0) or from pure noise (k = 0). Every sample's a,b is then
 * recombined with the photo's full-resolution L by the pipeline's own code
 * (colorizeFromAb), exactly as the GAN's result is.
 */
import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '../image';
import { psnr, ssim } from '../metrics';
import { decodeAb, decoderInputs, type Colorizer } from '../model/colorizer';
import { AB_SCALE, AB_STRIDE } from '../model/config';
import { colorizeFromAb, imageHasColour, metricsSkippedReason, modelInputFor, type Letterbox } from '../pipeline/colorize';
import type { QualityMetrics } from '../pipeline/types';
import { throwIfAborted } from '../runtime/errors';
import { abDiversity } from './diversity';
import { annealedLangevin, initialNoise, langevinStepCount } from './sampler';
import { conditionalScore } from './score-model';
import type { ScoreNet } from './score-net';
import { DEFAULT_SAMPLING, type SamplingSettings } from './sampling-defaults';

/** Most chains one call runs (they share one batch: memory grows with N). */
export const MAX_SAMPLES = 32;

export interface SampleColouringsOptions extends Partial<SamplingSettings> {
  /** N: how many samples. */
  readonly count: number;
  /** Integer; the same seed gives the same samples. */
  readonly seed: number;
  readonly signal?: AbortSignal;
  /** After every Langevin step: steps done, total steps. */
  readonly onProgress?: (done: number, total: number) => void;
}

export interface AbSamples {
  /** Where the photo sits in the model's square input. */
  readonly box: Letterbox;
  /** One per sample: a,b in Lab units on the model's a,b grid ([size/4]², a,b interleaved). */
  readonly grids: readonly Float32Array[];
  /** The GAN's a,b for the same photo, same layout. */
  readonly gan: Float32Array;
  /** Mean pairwise a,b distance between the samples over the photo's region, in Lab units (null for N = 1). */
  readonly diversity: number | null;
  readonly settings: SamplingSettings;
  /** Score-network evaluations per sample. */
  readonly evaluations: number;
  readonly timings: { readonly featuresMs: number; readonly samplingMs: number };
}

function settingsOf(o: Partial<SamplingSettings>, levels: number): SamplingSettings {
  const s: SamplingSettings = {
    stepsPerLevel: o.stepsPerLevel ?? DEFAULT_SAMPLING.stepsPerLevel,
    epsilon: o.epsilon ?? DEFAULT_SAMPLING.epsilon,
    startLevel: o.startLevel ?? DEFAULT_SAMPLING.startLevel,
    denoise: o.denoise ?? DEFAULT_SAMPLING.denoise,
  };
  if (!Number.isInteger(s.startLevel) || s.startLevel < 0 || s.startLevel >= levels) {
    throw new RangeError(`startLevel must be an integer in 0..${levels - 1} (the network has ${levels} noise levels), got ${s.startLevel}`);
  }
  if (!Number.isFinite(s.epsilon) || s.epsilon <= 0) throw new RangeError(`epsilon must be a number > 0, got ${s.epsilon}`);
  return s;
}

/** The a,b grid cells covering the photo (not the letterbox border): [y0, x0, h, w]. */
function contentCells(box: Letterbox): [number, number, number, number] {
  const x0 = Math.floor(box.left / AB_STRIDE), y0 = Math.floor(box.top / AB_STRIDE);
  const x1 = Math.ceil((box.left + box.width) / AB_STRIDE), y1 = Math.ceil((box.top + box.height) / AB_STRIDE);
  return [y0, x0, y1 - y0, x1 - x0];
}

/** Runs N Langevin chains for one photo; returns their a,b grids (the full-resolution images come from renderSample). */
export async function sampleColourings(colorizer: Colorizer, scoreNet: ScoreNet, image: RawImage, opts: SampleColouringsOptions): Promise<AbSamples> {
  const { count, seed, signal } = opts;
  if (!Number.isInteger(count) || count < 1 || count > MAX_SAMPLES) throw new RangeError(`count must be an integer in 1..${MAX_SAMPLES}, got ${count}`);
  const sigmas = scoreNet.info.sigmas;
  const settings = settingsOf(opts, sigmas.length);
  throwIfAborted(signal);

  const t0 = performance.now();
  const { box, input } = modelInputFor(image, colorizer.inputSize);
  const cond = tf.tidy(() => decoderInputs(colorizer.encoder, tf.tensor4d(input, [1, box.size, box.size, 1])));
  const ganAb = decodeAb(colorizer.decoder, cond);
  let score: ReturnType<typeof conditionalScore> | null = null;
  let init: tf.Tensor | null = null;
  let samples: tf.Tensor | null = null;
  try {
    const gan = (await ganAb.data()) as Float32Array;
    const t1 = performance.now();
    throwIfAborted(signal);
    const [, g, , c] = ganAb.shape;
    init = settings.startLevel > 0
      ? tf.tidy(() => tf.tile(tf.div(ganAb, AB_SCALE), [count, 1, 1, 1]))
      : initialNoise([count, g, g, c], sigmas[0]!, seed);
    score = conditionalScore(scoreNet.model, cond, count);
    samples = await annealedLangevin({
      score: score.score,
      init,
      sigmas,
      stepsPerLevel: settings.stepsPerLevel,
      epsilon: settings.epsilon,
      seed,
      startSigmaIndex: settings.startLevel,
      denoise: settings.denoise,
      ...(signal ? { signal } : {}),
      ...(opts.onProgress ? { onProgress: opts.onProgress } : {}),
    });
    const lab = tf.tidy(() => tf.mul(samples!, AB_SCALE) as tf.Tensor4D);
    let data: Float32Array, diversity: number | null = null;
    try {
      data = (await lab.data()) as Float32Array;
      if (count > 1) {
        const [y0, x0, h, w] = contentCells(box);
        const region = tf.slice(lab, [0, y0, x0, 0], [count, h, w, 2]);
        try {
          diversity = await abDiversity(region);
        } finally {
          region.dispose();
        }
      }
    } finally {
      lab.dispose();
    }
    const per = g * g * c;
    const grids = Array.from({ length: count }, (_, i) => data.slice(i * per, (i + 1) * per));
    const evaluations = langevinStepCount({ sigmas, stepsPerLevel: settings.stepsPerLevel, startSigmaIndex: settings.startLevel, denoise: settings.denoise });
    return { box, grids, gan, diversity, settings, evaluations, timings: { featuresMs: t1 - t0, samplingMs: performance.now() - t1 } };
  } finally {
    score?.dispose();
    init?.dispose();
    samples?.dispose();
    ganAb.dispose();
    tf.dispose(Object.values(cond));
  }
}

/** Sample i (or the GAN's result for i = 'gan') at the photo's full resolution. */
export function renderSample(image: RawImage, samples: AbSamples, i: number | 'gan'): RawImage {
  const grid = i === 'gan' ? samples.gan : samples.grids[i];
  if (!grid) throw new RangeError(`no sample ${i}; there are ${samples.grids.length}`);
  return colorizeFromAb(image, grid, samples.box);
}

/**
 * PSNR/SSIM of `result` against the photo, or null when the photo has no colour or is too
 * large for metrics (pass `hasColour` = imageHasColour(image) to check it once per photo).
 */
export function qualityAgainst(image: RawImage, result: RawImage, hasColour = imageHasColour(image)): QualityMetrics | null {
  if (!hasColour || metricsSkippedReason(image.width * image.height) !== null) return null;
  return { psnr: psnr(image, result), ssim: ssim(image, result) };
}

export interface ColorSamples {
  readonly ab: AbSamples;
  readonly images: readonly RawImage[];
  /** Per sample; null without a colour reference. */
  readonly metrics: readonly (QualityMetrics | null)[];
  /** The GAN's own result and its metrics, for comparison. */
  readonly gan: { readonly image: RawImage; readonly metrics: QualityMetrics | null };
  readonly hasColourReference: boolean;
}

/** sampleColourings + every sample at full resolution with its PSNR/SSIM (holds N + 1 full-size images: small photos, tests, eval). */
export async function colorizeSamples(colorizer: Colorizer, scoreNet: ScoreNet, image: RawImage, opts: SampleColouringsOptions): Promise<ColorSamples> {
  const ab = await sampleColourings(colorizer, scoreNet, image, opts);
  const hasColour = imageHasColour(image);
  const images = ab.grids.map((_, i) => renderSample(image, ab, i));
  const ganImage = renderSample(image, ab, 'gan');
  return {
    ab,
    images,
    metrics: images.map((im) => qualityAgainst(image, im, hasColour)),
    gan: { image: ganImage, metrics: qualityAgainst(image, ganImage, hasColour) },
    hasColourReference: hasColour,
  };
}
