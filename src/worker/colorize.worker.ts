/**
 * The colorizer worker: all tensor work happens here, never on the main thread.
 * Exposed with comlink; the main thread talks to it only through ./bridge.ts.
 * Cancellation is by terminating this worker (the bridge does it).
 *
 * Large photos: the page gets display previews (≤ 4096 px a side) and the
 * full-resolution PNG; PSNR/SSIM are skipped above METRICS_MAX_PIXELS (50 MP: SSIM
 * over 96 MP takes most of a minute). A lost WebGPU device re-initialises the worker on
 * the next backend (src/platform/browser/device-loss.ts), retries the running
 * photo once and tells the page through the init call's event callback.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { loadColorizer, type Colorizer } from '../core/model/colorizer';
import { colorize, metricsSkippedReason } from '../core/pipeline/colorize';
import { previewOf } from '../core/pipeline/preview';
import { ColorizerError } from '../core/runtime/errors';
import { chooseBackend, parseBackendPreference } from '../platform/browser/backend';
import { decodeImageBlob } from '../platform/browser/decode-image';
import {
  decideOnDeviceLoss,
  deviceLossFailureNotice,
  deviceLossNotice,
  type DeviceLossDecision,
  type DeviceLostInfo,
} from '../platform/browser/device-loss';
import { sampleAlternatives, scoreNetFor } from './alternatives';
import {
  toWorkerError,
  type AlternativesProgressCallback,
  type ColorizeFileResult,
  type ColorizeWorkerApi,
  type ImageDataLike,
  type InitOptions,
  type InitResult,
  type ProgressCallback,
  type RuntimeEventCallback,
} from './protocol';
import { fineTunedGeneratorSource } from './fine-tuned-models';
import { MODEL_URLS, readManifest } from './shipped-models';
import { SHIPPED_MODEL_NAME } from './finetune-protocol';

export { MODEL_URLS } from './shipped-models';

let colorizer: Colorizer | null = null;
/** Which model `colorizer` is, as results name it. */
let colorizerModel: { readonly id: string; readonly name: string } = { id: 'shipped', name: SHIPPED_MODEL_NAME };
let initialising: Promise<InitResult> | null = null;
let initialisedFor: string | null = null;
let initOptions: InitOptions = {};
let onRuntimeEvent: RuntimeEventCallback | null = null;
/** WebGPU device in use, if any, and how many device losses happened so far. */
let watchedDevice: object | null = null;
let deviceLosses = 0;
/** Bumped by every initialise(); a slower, older one must not install its model. */
let initGeneration = 0;
/** Rejects when the device in use is lost, so a running photo does not wait forever. */
let deviceLost: { promise: Promise<never>; reject(err: Error): void } | null = null;


async function initialise(options: InitOptions, loss?: Extract<DeviceLossDecision, { action: 'fallback' }>): Promise<InitResult> {
  const t0 = performance.now();
  const generation = ++initGeneration;
  const preference = parseBackendPreference(options.backend ?? 'auto');
  if (!preference) {
    throw new ColorizerError('invalid-argument', `Unknown backend "${options.backend}"; use auto, webgpu, wasm, webgl or cpu`);
  }
  let choice;
  try {
    choice = await chooseBackend(preference, undefined, loss ? { exclude: loss.exclude, excludedReason: loss.reason } : {});
  } catch (err) {
    throw new ColorizerError('backend-unavailable', (err as Error).message, { cause: err });
  }
  watchDeviceLoss();
  const fineTuned = options.modelId && options.modelId !== 'shipped' ? await fineTunedGeneratorSource(options.modelId) : null;
  const info = fineTuned?.info ?? (await readManifest(MODEL_URLS.manifest));
  disposeColorizer();
  let loaded: Colorizer;
  try {
    const sources = { encoder: MODEL_URLS.encoder, generator: fineTuned?.url ?? MODEL_URLS.generator, info };
    loaded = await loadColorizer(sources);
  } catch (err) {
    throw new ColorizerError('model-load-failed', `Could not load the colorizer model: ${(err as Error).message}`, { cause: err });
  }
  if (generation !== initGeneration) {
    // A device loss started a newer initialisation meanwhile: that one's model wins.
    try {
      loaded.dispose();
    } catch {
      // on a lost device: nothing to free
    }
    throw new ColorizerError('backend-unavailable', 'The backend changed while the model was loading');
  }
  colorizer = loaded;
  colorizerModel = fineTuned ? { id: options.modelId!, name: info.name } : { id: 'shipped', name: SHIPPED_MODEL_NAME };
  return { ...choice, model: info, modelId: colorizerModel.id, loadMs: performance.now() - t0 };
}

function disposeColorizer(): void {
  const previous = colorizer;
  colorizer = null;
  try {
    previous?.dispose();
  } catch {
    // Its tensors lived on a lost device: nothing left to free.
  }
}

/** Listens for the loss of the WebGPU device the active backend uses (tfjs exposes it as `backend.device`). */
function watchDeviceLoss(): void {
  watchedDevice = null;
  deviceLost = null;
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<DeviceLostInfo> } }).device;
  if (!device?.lost) return;
  watchedDevice = device;
  let reject!: (err: Error) => void;
  const promise = new Promise<never>((_, rej) => {
    reject = rej;
  });
  promise.catch(() => undefined);
  deviceLost = { promise, reject };
  void device.lost.then((info) => {
    const decision = decideOnDeviceLoss(
      { reason: info?.reason, message: info?.message },
      { activeBackend: tf.getBackend(), isCurrentDevice: watchedDevice === device },
    );
    if (decision.action === 'fallback') recoverFromDeviceLoss(decision);
  });
}

/** Re-initialises on the next backend after a device loss; calls wait for it through `initialising`. */
function recoverFromDeviceLoss(decision: Extract<DeviceLossDecision, { action: 'fallback' }>): void {
  deviceLosses++;
  deviceLost?.reject(new ColorizerError('backend-unavailable', decision.reason));
  watchedDevice = null;
  deviceLost = null;
  disposeColorizer();
  const recovery = initialise(initOptions, decision).then(
    (init) => {
      void onRuntimeEvent?.({ kind: 'backend-changed', init, notice: deviceLossNotice(decision.reason, init) });
      return init;
    },
    (err: unknown) => {
      const error = toWorkerError(err);
      void onRuntimeEvent?.({ kind: 'backend-failed', error, notice: deviceLossFailureNotice(decision.reason, error.message) });
      throw err;
    },
  );
  initialising = recovery;
  recovery.catch(() => {
    if (initialising === recovery) initialising = null;
  });
}

/** Encodes an RGBA image as PNG in the worker (no main-thread work for downloads). */
async function encodePng(image: ImageDataLike): Promise<Blob> {
  const canvas = new OffscreenCanvas(image.width, image.height);
  const context = canvas.getContext('2d');
  if (!context) throw new ColorizerError('backend-unavailable', 'This browser has no 2D OffscreenCanvas to encode PNG');
  context.putImageData(new ImageData(image.data as Uint8ClampedArray<ArrayBuffer>, image.width, image.height), 0, 0);
  const png = await canvas.convertToBlob({ type: 'image/png' });
  canvas.width = canvas.height = 1; // release the full-size backing store now, not at the next GC
  return png;
}

const api: ColorizeWorkerApi = {
  async init(options = {}, onEvent) {
    // Concurrent init calls with the same options share one load; a failed load can
    // be retried. (The bridge starts a fresh worker to change backend.)
    initOptions = options;
    if (onEvent) {
      (onRuntimeEvent as Partial<Comlink.Remote<RuntimeEventCallback>> | null)?.[Comlink.releaseProxy]?.();
      onRuntimeEvent = onEvent;
    }
    const key = `${options.backend ?? 'auto'}|${options.modelId ?? 'shipped'}`;
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
    try {
      const losses = deviceLosses;
      try {
        return await colorizeOnce(file, name, onProgress);
      } catch (err) {
        // The GPU went away mid-photo: once the fallback backend is up, run it again there.
        if (deviceLosses === losses) throw err;
        return await colorizeOnce(file, name, onProgress);
      }
    } catch (err) {
      throw toWorkerError(err);
    } finally {
      (onProgress as Partial<Comlink.Remote<ProgressCallback>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },

  async sampleAlternatives(file, name, request, onProgress) {
    try {
      if (initialising) await initialising;
      if (!colorizer) throw new ColorizerError('invalid-argument', 'The colorizer is not loaded yet: call init() first');
      const deps = {
        colorizer,
        scoreNet: () => scoreNetFor({ model: MODEL_URLS.score, manifest: MODEL_URLS.scoreManifest }),
        decode: (blob: Blob, n: string) => decodeImageBlob(blob, n),
        encodePng,
      };
      const { result, transfer } = await sampleAlternatives(deps, file, name, request, onProgress);
      return Comlink.transfer(result, transfer);
    } catch (err) {
      throw toWorkerError(err);
    } finally {
      (onProgress as Partial<Comlink.Remote<AlternativesProgressCallback>> | undefined)?.[Comlink.releaseProxy]?.();
    }
  },

  async memory() {
    const m = tf.memory() as tf.MemoryInfo & { numDataBuffers?: number };
    return {
      backend: tf.getBackend() ?? '',
      numTensors: m.numTensors,
      numDataBuffers: m.numDataBuffers ?? 0,
      numBytes: m.numBytes,
      unreliable: Boolean(m.unreliable),
    };
  },

  async simulateDeviceLoss() {
    if (!initOptions.testHooks) throw new ColorizerError('invalid-argument', 'simulateDeviceLoss needs the testHooks init option');
    if (initialising) await initialising.catch(() => undefined);
    const decision = decideOnDeviceLoss({ reason: 'unknown', message: 'simulated by a test' }, { activeBackend: 'webgpu', isCurrentDevice: true });
    if (decision.action === 'fallback') recoverFromDeviceLoss(decision);
  },
};

async function colorizeOnce(file: Blob, name: string, onProgress?: ProgressCallback): Promise<ColorizeFileResult> {
  const report = (stage: Parameters<ProgressCallback>[0]['stage'], fraction: number) => {
    void onProgress?.({ stage, fraction });
  };
  if (initialising) await initialising;
  if (!colorizer) throw new ColorizerError('invalid-argument', 'The colorizer is not loaded yet: call init() first');
  const model = colorizer;
  const usedModel = colorizerModel;
  const lost = deviceLost?.promise;
  const t0 = performance.now();
  report('decode', 0);
  const image = await decodeImageBlob(file, name);
  const t1 = performance.now();
  const skipMetrics = metricsSkippedReason(image.width * image.height);
  const run = colorize(model, image, {
    onProgress: (p) => report(p.stage, 0.1 + 0.8 * p.fraction),
    computeMetrics: skipMetrics === null,
  });
  run.catch(() => undefined); // when the device loss wins the race, this one fails unobserved
  const result = await (lost ? Promise.race([run, lost]) : run);
  const t2 = performance.now();
  report('encode', 0.92);
  const png = await encodePng(result.colorized);
  const t3 = performance.now();
  report('encode', 1);
  const original = previewOf(image), gray = previewOf(result.gray), colorized = previewOf(result.colorized);
  const out: ColorizeFileResult = {
    name,
    original,
    gray,
    colorized,
    size: { width: image.width, height: image.height },
    png,
    metrics: result.metrics,
    ...(result.hasColourReference && skipMetrics ? { metricsSkipped: skipMetrics } : {}),
    hasColourReference: result.hasColourReference,
    timings: {
      decodeMs: t1 - t0,
      modelMs: result.timings.modelMs,
      colorizeMs: t2 - t1,
      encodeMs: t3 - t2,
      totalMs: t3 - t0,
    },
    backend: tf.getBackend(),
    model: usedModel,
  };
  const buffers = new Set<ArrayBuffer>([original.data.buffer, gray.data.buffer, colorized.data.buffer] as ArrayBuffer[]);
  return Comlink.transfer(out, [...buffers]);
}

Comlink.expose(api);
