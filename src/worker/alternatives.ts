/**
 * The worker side of "Show alternatives": N Langevin samples of one photo
 * (src/core/langevin/colorize-samples.ts), each rendered at full resolution, encoded as
 * PNG and handed over as a display preview, one at a time so that only one full-size
 * sample is in memory. The score network is loaded on first use and kept (reloaded when
 * the backend changed, e.g. after a lost WebGPU device).
 */
import * as tf from '@tensorflow/tfjs';
import type { RawImage } from '../core/image';
import { qualityAgainst, renderSample, sampleColourings } from '../core/langevin/colorize-samples';
import { loadScoreNet, type ScoreNet } from '../core/langevin/score-net';
import type { Colorizer } from '../core/model/colorizer';
import { imageHasColour, metricsSkippedReason } from '../core/pipeline/colorize';
import { previewOf } from '../core/pipeline/preview';
import { ColorizerError } from '../core/runtime/errors';
import type { Alternative, AlternativesProgressCallback, AlternativesRequest, AlternativesResult } from './protocol';

/**
 * Longest side of a sample's display copy. The grid shows N of them at once and one at most
 * fills the result panel, so 2048 px is plenty: 8 samples of a 12000×8000 photo keep about
 * 90 MB of previews on the page instead of 360 MB at the usual 4096 px. The PNG stays full size.
 */
export const ALTERNATIVE_PREVIEW_SIDE = 2048;

export interface ScoreNetUrls {
  readonly model: string;
  readonly manifest: string;
}

let loaded: { backend: string; net: Promise<ScoreNet> } | null = null;

/** The score network on the current backend, loading it once (a failed load can be retried). */
export function scoreNetFor(urls: ScoreNetUrls): Promise<ScoreNet> {
  const backend = tf.getBackend();
  if (loaded?.backend === backend) return loaded.net;
  const previous = loaded?.net;
  const net = (async () => {
    try {
      (await previous?.catch(() => null))?.dispose();
    } catch {
      // its tensors lived on a lost device
    }
    let manifest: unknown;
    try {
      const response = await fetch(urls.manifest);
      if (!response.ok) throw new Error(`HTTP ${response.status} for ${urls.manifest}`);
      manifest = await response.json();
    } catch (err) {
      throw new ColorizerError('model-load-failed', `Could not read the score-network manifest: ${(err as Error).message}`, { cause: err });
    }
    return loadScoreNet(urls.model, manifest);
  })();
  loaded = { backend, net };
  net.catch(() => {
    if (loaded?.net === net) loaded = null;
  });
  return net;
}

export interface AlternativesDeps {
  readonly colorizer: Colorizer;
  readonly scoreNet: () => Promise<ScoreNet>;
  readonly decode: (file: Blob, name: string) => Promise<RawImage>;
  readonly encodePng: (image: RawImage) => Promise<Blob>;
}

/** Decodes the photo, runs the sampler and returns N previews + PNGs with their metrics. */
export async function sampleAlternatives(
  deps: AlternativesDeps, file: Blob, name: string, request: AlternativesRequest, onProgress?: AlternativesProgressCallback,
): Promise<{ result: AlternativesResult; transfer: ArrayBuffer[] }> {
  const report = (stage: Parameters<AlternativesProgressCallback>[0]['stage'], fraction: number) => void onProgress?.({ stage, fraction });
  const t0 = performance.now();
  report('decode', 0);
  const image = await deps.decode(file, name);
  report('load', 0.03);
  const tl = performance.now();
  const net = await deps.scoreNet();
  const loadMs = performance.now() - tl;
  report('sampling', 0.05);
  const ab = await sampleColourings(deps.colorizer, net, image, {
    count: request.count,
    seed: request.seed,
    onProgress: (done, total) => report('sampling', 0.05 + 0.8 * (done / total)),
  });
  const hasColour = imageHasColour(image);
  const skipped = hasColour ? metricsSkippedReason(image.width * image.height) : null;
  const alternatives: Alternative[] = [];
  for (let i = 0; i < ab.grids.length; i++) {
    report('encode', 0.85 + 0.15 * (i / ab.grids.length));
    const sample = renderSample(image, ab, i);
    const png = await deps.encodePng(sample);
    alternatives.push({ colorized: previewOf(sample, ALTERNATIVE_PREVIEW_SIDE), png, metrics: qualityAgainst(image, sample, hasColour) });
  }
  report('encode', 1);
  const result: AlternativesResult = {
    name,
    alternatives,
    diversity: ab.diversity,
    hasColourReference: hasColour,
    ...(skipped ? { metricsSkipped: skipped } : {}),
    seed: request.seed,
    sampler: { stepsPerLevel: ab.settings.stepsPerLevel, epsilon: ab.settings.epsilon, startLevel: ab.settings.startLevel, evaluations: ab.evaluations },
    scoreNet: { version: net.info.version, trainingSteps: net.info.trainingSteps },
    timings: { loadMs, samplingMs: ab.timings.featuresMs + ab.timings.samplingMs, perSampleMs: ab.timings.samplingMs / request.count, totalMs: performance.now() - t0 },
    backend: tf.getBackend(),
  };
  return { result, transfer: alternatives.map((a) => a.colorized.data.buffer as ArrayBuffer) };
}
