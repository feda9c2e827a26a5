/**
 * The colorizer worker: all tensor work happens here, never on the main thread.
 * Exposed with comlink; the main thread talks to it only through ./bridge.ts.
 * Cancellation is by terminating this worker (the bridge does it).
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { loadColorizer, type Colorizer, type ModelInfo } from '../core/model/colorizer';
import { colorize } from '../core/pipeline/colorize';
import { ColorizerError } from '../core/runtime/errors';
import { chooseBackend, parseBackendPreference } from '../platform/browser/backend';
import { decodeImageBlob } from '../platform/browser/decode-image';
import {
  toWorkerError,
  type ColorizeFileResult,
  type ColorizeWorkerApi,
  type ImageDataLike,
  type InitOptions,
  type InitResult,
  type ProgressCallback,
} from './protocol';

/** Where the app is served from (Vite's base), as an absolute URL ending in '/'. */
const BASE = new URL(import.meta.env.BASE_URL, self.location.origin).href;
export const MODEL_URLS = {
  encoder: `${BASE}models/encoder/mobilenet_v2/model.json`,
  generator: `${BASE}models/chromagan/v1/model.json`,
  manifest: `${BASE}models/chromagan/v1/manifest.json`,
} as const;

let colorizer: Colorizer | null = null;
let initialising: Promise<InitResult> | null = null;
let initialisedFor: string | null = null;

async function readManifest(url: string): Promise<ModelInfo> {
  let json: Record<string, unknown>;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    json = (await response.json()) as Record<string, unknown>;
  } catch (err) {
    throw new ColorizerError('model-load-failed', `Could not read the model manifest: ${(err as Error).message}`, { cause: err });
  }
  if (typeof json.name !== 'string' || typeof json.version !== 'string' || typeof json.trained !== 'boolean') {
    throw new ColorizerError('model-load-failed', `The model manifest at ${url} lacks name, version or trained`);
  }
  return {
    name: json.name,
    version: json.version,
    trained: json.trained,
    ...(typeof json.trainingSteps === 'number' ? { trainingSteps: json.trainingSteps } : {}),
    ...(typeof json.description === 'string' ? { description: json.description } : {}),
  };
}

async function initialise(options: InitOptions): Promise<InitResult> {
  const t0 = performance.now();
  const preference = parseBackendPreference(options.backend ?? 'auto');
  if (!preference) {
    throw new ColorizerError('invalid-argument', `Unknown backend "${options.backend}"; use auto, webgpu, wasm, webgl or cpu`);
  }
  let choice;
  try {
    choice = await chooseBackend(preference);
  } catch (err) {
    throw new ColorizerError('backend-unavailable', (err as Error).message, { cause: err });
  }
  const info = await readManifest(MODEL_URLS.manifest);
  colorizer?.dispose();
  colorizer = null;
  try {
    const sources = { encoder: MODEL_URLS.encoder, generator: MODEL_URLS.generator, info };
    colorizer = await loadColorizer(sources);
  } catch (err) {
    throw new ColorizerError('model-load-failed', `Could not load the colorizer model: ${(err as Error).message}`, { cause: err });
  }
  return { ...choice, model: info, loadMs: performance.now() - t0 };
}

/** Encodes an RGBA image as PNG in the worker (no main-thread work for downloads). */
async function encodePng(image: ImageDataLike): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  if (!context) throw new ColorizerError('backend-unavailable', 'This browser has no 2D OffscreenCanvas to encode PNG');
  context.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
  return canvas.convertToBlob({ type: 'image/png' });
}

const api: ColorizeWorkerApi = {
  async init(options = {}) {
    // Concurrent init calls with the same options share one load; a failed load can
    // be retried. (The bridge starts a fresh worker to change backend.)
    const key = String(options.backend ?? 'auto');
    if (!initialising || initialisedFor !== key) {
      const previous = initialising;
      initialisedFor = key;
      initialising = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(() => initialise(options)).catch((err) => {
        if (initialisedFor === key) initialising = null;
        throw err;
      });
    }
    try {
      return await initialising;
    } catch (err) {
      throw toWorkerError(err);
    }
  },

  async colorizeFile(file: Blob, name: string, onProgress?: ProgressCallback): Promise<ColorizeFileResult> {
    const report = (stage: Parameters<ProgressCallback>[0]['stage'], fraction: number) => {
      void onProgress?.({ stage, fraction });
    };
    try {
      if (initialising) await initialising;
      if (!colorizer) throw new ColorizerError('invalid-argument', 'The colorizer is not loaded yet: call init() first');
      const t0 = performance.now();
      report('decode', 0);
      const image = await decodeImageBlob(file, name);
      const t1 = performance.now();
      const result = await colorize(colorizer, image, {
        onProgress: (p) => report(p.stage, 0.1 + 0.8 * p.fraction),
      });
      const t2 = performance.now();
      report('encode', 0.92);
      const png = await encodePng(result.colorized);
      const t3 = performance.now();
      report('encode', 1);
      const out: ColorizeFileResult = {
        name,
        original: image,
        gray: result.gray,
        colorized: result.colorized,
        png,
        metrics: result.metrics,
        hasColourReference: result.hasColourReference,
        timings: {
          decodeMs: t1 - t0,
          modelMs: result.timings.modelMs,
          colorizeMs: t2 - t1,
          encodeMs: t3 - t2,
          totalMs: t3 - t0,
        },
        backend: tf.getBackend(),
      };
      const buffers = new Set<ArrayBuffer>([image.data.buffer, result.gray.data.buffer, result.colorized.data.buffer] as ArrayBuffer[]);
      return Comlink.transfer(out, [...buffers]);
    } catch (err) {
      throw toWorkerError(err);
    } finally {
      (onProgress as Partial<Comlink.Remote<ProgressCallback>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },
};

Comlink.expose(api);
