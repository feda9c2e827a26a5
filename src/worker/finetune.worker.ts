/**
 * The fine-tuning worker: trains the shipped generator on the user's photos with the
 * same core training step as the Node CLI, on webgpu (real GPU) → webgl (hardware) →
 * wasm (with the project's gradient kernels). Exposed with comlink; the page talks to
 * it through ./finetune-client.ts. The page never does tensor work.
 */
import * as Comlink from 'comlink';
import * as tf from '@tensorflow/tfjs';
import { createColorizer, type ModelInfo } from '../core/model/colorizer';
import { loadEncoder, type FrozenEncoder } from '../core/model/encoder';
import { checkTrainingSet, chromaSpread, photoProblem } from '../core/finetune/photo-checks';
import { squareCrop } from '../core/finetune/square-crop';
import { trainingSetLimit } from '../core/finetune/limits';
import type { RawImage } from '../core/image';
import { colorize } from '../core/pipeline/colorize';
import { previewOf } from '../core/pipeline/preview';
import { ColorizerError } from '../core/runtime/errors';
import '../core/model/layers';
import { chooseBackend, parseBackendPreference, TRAINING_BACKEND_ORDER } from '../platform/browser/backend';
import { decodeImageBlob } from '../platform/browser/decode-image';
import {
  deleteStoredModel,
  getStoredModel,
  listStoredModels,
  loadCrops,
  loadHistory,
  loadNetwork,
  loadOptimizerState,
  newModelId,
  putSummary,
  saveCrops,
  writeCheckpoint,
  type StoredModel,
} from '../platform/browser/finetune-store';
import { modelFromFiles, modelToFiles } from './finetune-files';
import { SHIPPED_MODEL_NAME, type FineTuneEventCallback, type FineTuneInitResult, type FineTuneSettings, type FineTuneWorkerApi, type PhotoCheck, type PhotoInput, type RunStatus } from './finetune-protocol';
import { runFineTuning } from './finetune-run';
import { importedFields, MAX_MODEL_NAME, uniqueModelName, validateSettings } from './finetune-settings';
import { toWorkerError, type ImageDataLike } from './protocol';
import { MODEL_URLS, readManifest } from './shipped-models';

/** Longest side of the held-out preview photo (colorized every N steps). */
const PREVIEW_SIDE = 256;
const THUMBNAIL_SIDE = 96;
/** Stored statuses of a run that was going on (a paused run saved its checkpoint and stays paused). */
const ACTIVE_STATUSES: readonly RunStatus[] = ['preparing', 'training'];

interface Shipped {
  readonly encoder: FrozenEncoder;
  readonly decoder: tf.LayersModel;
  readonly info: ModelInfo;
}

let ready: Promise<FineTuneInitResult> | null = null;
let shipped: Promise<Shipped> | null = null;
let active: {
  id: string;
  abort: AbortController;
  paused: { promise: Promise<void>; release(): void } | null;
  emit: FineTuneEventCallback;
} | null = null;
let deviceLostReason: string | null = null;
/** The WebGL training context, polled after every step (a lost one may not fire its event in time). */
let webglContext: WebGLRenderingContext | null = null;

function currentDeviceLoss(): string | null {
  if (!deviceLostReason && webglContext?.isContextLost()) loseDevice('WebGL context lost');
  return deviceLostReason;
}
/** Backends whose device was lost: not tried again in this worker. */
const lostBackends = new Set<'webgpu' | 'webgl'>();
let testHooks = false;
/** The backend the page asked for (`init`); later internal inits use it too. */
let requestedBackend: string | undefined;

function init(backend: string | undefined = requestedBackend): Promise<FineTuneInitResult> {
  ready ??= (async () => {
    const t0 = performance.now();
    const preference = parseBackendPreference(backend ?? 'auto');
    if (!preference) throw new ColorizerError('invalid-argument', `Unknown backend "${backend}"; use auto, webgpu, webgl, wasm or cpu`);
    let choice;
    try {
      choice = await chooseBackend(preference, undefined, {
        order: TRAINING_BACKEND_ORDER,
        skipSoftwareWebGl: true,
        exclude: [...lostBackends],
        excludedReason: 'its device was lost earlier',
      });
    } catch (err) {
      throw new ColorizerError('backend-unavailable', (err as Error).message, { cause: err });
    }
    watchDeviceLoss();
    return { ...choice, loadMs: performance.now() - t0 };
  })();
  ready.catch(() => {
    ready = null;
  });
  return ready;
}

function watchDeviceLoss(): void {
  webglContext = null;
  if (tf.getBackend() === 'webgl') {
    // tfjs-webgl does not throw on a lost context (its results just turn to zeros): watch it.
    const gl = (tf.backend() as unknown as { gpgpu?: { gl?: WebGLRenderingContext } }).gpgpu?.gl ?? null;
    webglContext = gl;
    (gl?.canvas as EventTarget | undefined)?.addEventListener?.('webglcontextlost', () => loseDevice('WebGL context lost'), { once: true });
    return;
  }
  if (tf.getBackend() !== 'webgpu') return;
  const device = (tf.backend() as unknown as { device?: { lost?: Promise<{ reason?: string; message?: string }> } }).device;
  void device?.lost?.then((info) => loseDevice(`${info?.reason ?? 'unknown'}${info?.message ? `: ${info.message}` : ''}`));
}

/** The training backend is gone: the running step fails with the reason, and the next run starts on another backend. */
function loseDevice(detail: string): void {
  const backend = tf.getBackend();
  if (backend === 'webgpu' || backend === 'webgl') lostBackends.add(backend);
  deviceLostReason = `the GPU device was lost (${detail}); the next run starts on another backend`;
}

/** The training-set memory limit for this device (navigator.deviceMemory where the browser tells it). */
function deviceTrainingSetLimit(): number {
  return trainingSetLimit((navigator as Navigator & { deviceMemory?: number }).deviceMemory);
}

async function fileDigest(blob: Blob): Promise<string | undefined> {
  if (!globalThis.crypto?.subtle) return undefined; // not a secure context
  const hash = new Uint8Array(await crypto.subtle.digest('SHA-256', await blob.arrayBuffer()));
  return Array.from(hash, (b) => b.toString(16).padStart(2, '0')).join('');
}

function loadShipped(): Promise<Shipped> {
  shipped ??= (async () => {
    try {
      const [encoder, decoder, info] = await Promise.all([loadEncoder(MODEL_URLS.encoder), tf.loadLayersModel(MODEL_URLS.generator), readManifest(MODEL_URLS.manifest)]);
      return { encoder, decoder, info };
    } catch (err) {
      throw new ColorizerError('model-load-failed', `Could not load the shipped model for fine-tuning: ${(err as Error).message}`, { cause: err });
    }
  })();
  shipped.catch(() => {
    shipped = null;
  });
  return shipped;
}

const imageData = (image: RawImage): ImageDataLike => ({ width: image.width, height: image.height, data: image.data });

async function decode(photo: PhotoInput): Promise<RawImage> {
  return decodeImageBlob(photo.blob, photo.name);
}

function gate(): Promise<void> {
  return active?.paused?.promise ?? Promise.resolve();
}

/** Runs a training call with the shared bookkeeping: one run at a time, errors as WorkerErrors. */
async function withRun(id: string, onEvent: FineTuneEventCallback, body: (signal: AbortSignal) => Promise<StoredModel>) {
  if (active) throw toWorkerError(new ColorizerError('invalid-argument', 'A fine-tuning run is already going on; stop it first'));
  const abort = new AbortController();
  active = { id, abort, paused: null, emit: onEvent };
  try {
    return await body(abort.signal);
  } catch (err) {
    throw toWorkerError(err);
  } finally {
    active?.paused?.release();
    active = null;
    if (deviceLostReason) {
      // Start over on the next backend: its tensors (and the shipped models on it) are gone.
      deviceLostReason = null;
      ready = null;
      void shipped?.then((s) => {
        try {
          s.encoder.dispose();
          s.decoder.dispose();
        } catch {
          // on a lost device: nothing to free
        }
      }, () => undefined);
      shipped = null;
    }
    (onEvent as Partial<Comlink.Remote<FineTuneEventCallback>>)[Comlink.releaseProxy]?.();
  }
}

const emitter = (onEvent: FineTuneEventCallback) => (event: Parameters<FineTuneEventCallback>[0]) => void onEvent(event);

const api: FineTuneWorkerApi = {
  async init(options = {}) {
    testHooks = Boolean(options.testHooks);
    requestedBackend = options.backend;
    try {
      return await init(options.backend);
    } catch (err) {
      throw toWorkerError(err);
    }
  },

  async checkPhotos(photos) {
    const out: PhotoCheck[] = [];
    for (const photo of photos) {
      try {
        const image = await decode(photo);
        const spread = chromaSpread(image);
        const problem = photoProblem(image, spread);
        const digest = await fileDigest(photo.blob);
        out.push({
          ...(digest ? { digest } : {}),
          name: photo.name,
          ok: problem === null,
          ...(problem ? { problem } : {}),
          width: image.width,
          height: image.height,
          chromaSpread: spread,
          thumbnail: imageData(previewOf(image, THUMBNAIL_SIDE)),
        });
      } catch (err) {
        out.push({ name: photo.name, ok: false, problem: toWorkerError(err).message, width: 0, height: 0, chromaSpread: 0 });
      }
    }
    return out;
  },

  async checkTrainingSet(okPhotoCount, settings) {
    return checkTrainingSet(okPhotoCount, settings.size, settings.batchSize, deviceTrainingSetLimit());
  },

  async start(request, onEvent) {
    const id = newModelId();
    return withRun(id, onEvent, async (signal) => {
      const emit = emitter(onEvent);
      const settings: FineTuneSettings = request.settings;
      validateSettings(settings);
      const initResult = await init();
      const base = await loadShipped();
      if (request.previewIndex < 0 || request.previewIndex >= request.photos.length) {
        throw new ColorizerError('invalid-argument', `Preview photo ${request.previewIndex} is not one of the ${request.photos.length} photos`);
      }
      const crops: RawImage[] = [];
      let preview: (RawImage & { name: string }) | null = null;
      for (const [i, photo] of request.photos.entries()) {
        if (signal.aborted) throw new ColorizerError('aborted', 'Stopped');
        emit({ kind: 'preparing', stage: 'decode', done: i, total: request.photos.length });
        const image = await decode(photo);
        const problem = photoProblem(image);
        if (problem) throw new ColorizerError('invalid-argument', `${photo.name}: ${problem}`);
        if (i === request.previewIndex) preview = Object.assign(previewOf(image, PREVIEW_SIDE), { name: photo.name });
        else crops.push(squareCrop(image, settings.size));
      }
      const verdict = checkTrainingSet(request.photos.length, settings.size, settings.batchSize, deviceTrainingSetLimit());
      if (!verdict.ok) throw new ColorizerError('invalid-argument', verdict.problems.join('. '));
      const now = Date.now();
      const summary: StoredModel = {
        id,
        name: uniqueModelName(request.name.trim() || `Fine-tuned ${new Date(now).toLocaleString()}`, (await listStoredModels()).map((m) => m.name)),
        createdAt: now,
        updatedAt: now,
        step: 0,
        settings,
        status: 'preparing',
        backend: initResult.backend,
        trainSeconds: 0,
        photoCount: crops.length,
        origin: 'trained',
        slot: 'b', // the first checkpoint goes to slot a
      };
      await saveCrops(id, { size: settings.size, crops, preview: preview! });
      await putSummary(summary);
      const [decoder, critic] = await Promise.all([tf.loadLayersModel(MODEL_URLS.generator), tf.loadLayersModel(MODEL_URLS.critic)]);
      return runFineTuning({
        summary, settings, crops, preview: preview!, encoder: base.encoder, decoder, critic,
        shippedDecoder: base.decoder, shippedInfo: base.info, history: [], backend: initResult.backend,
        emit, signal, gate, isPaused: () => Boolean(active?.paused), deviceLost: currentDeviceLoss,
      });
    });
  },

  async resume(id, onEvent, steps) {
    return withRun(id, onEvent, async (signal) => {
      const emit = emitter(onEvent);
      const stored = await getStoredModel(id);
      if (stored.origin === 'imported') throw new ColorizerError('invalid-argument', 'An imported model cannot continue training: its critic, optimizer state and training photos were not exported');
      const settings: FineTuneSettings = { ...stored.settings, steps: steps ?? stored.settings.steps };
      validateSettings(settings);
      if (stored.step >= settings.steps) throw new ColorizerError('invalid-argument', `This model already has ${stored.step} of ${settings.steps} steps; ask for more steps to continue`);
      const initResult = await init();
      const base = await loadShipped();
      const data = await loadCrops(id);
      if (!data) throw new ColorizerError('invalid-argument', 'The training photos of this run are no longer stored, so it cannot resume');
      const [decoder, critic, generatorState, criticState, history] = await Promise.all([
        loadNetwork(id, 'decoder', stored.slot),
        loadNetwork(id, 'critic', stored.slot),
        loadOptimizerState(id, stored.slot, 'generator'),
        loadOptimizerState(id, stored.slot, 'critic'),
        loadHistory(id),
      ]);
      return runFineTuning({
        // The stored status (paused, interrupted, …) until the run persists 'training' as it starts.
        summary: { ...withoutMessage(stored), settings, backend: initResult.backend },
        settings, crops: data.crops, preview: data.preview, encoder: base.encoder, decoder, critic,
        shippedDecoder: base.decoder, shippedInfo: base.info,
        optimizers: { ...(generatorState ? { generator: generatorState } : {}), ...(criticState ? { critic: criticState } : {}) },
        history: history.filter((p) => p.step <= stored.step), backend: initResult.backend,
        emit, signal, gate, isPaused: () => Boolean(active?.paused), deviceLost: currentDeviceLoss,
      });
    });
  },

  async pause() {
    if (!active || active.paused) return;
    let release!: () => void;
    const promise = new Promise<void>((resolve) => (release = resolve));
    active.paused = { promise, release };
    void active.emit({ kind: 'status', status: 'paused' });
  },

  async proceed() {
    if (!active?.paused) return;
    active.paused.release();
    active.paused = null;
    void active.emit({ kind: 'status', status: 'training' });
  },

  async stop() {
    if (!active) return;
    active.abort.abort();
    active.paused?.release();
  },

  async listModels() {
    try {
      const models = await listStoredModels();
      // A run that was going on when the page closed or crashed is interrupted now.
      return models.map(({ slot: _slot, ...m }) => (ACTIVE_STATUSES.includes(m.status) && active?.id !== m.id ? { ...m, status: 'interrupted' as const } : m));
    } catch (err) {
      throw toWorkerError(err);
    }
  },

  async lossHistory(id) {
    return loadHistory(id);
  },

  async renameModel(id, name) {
    try {
      const trimmed = name.trim();
      if (!trimmed) throw new ColorizerError('invalid-argument', 'A model needs a name');
      const stored = await getStoredModel(id);
      const others = (await listStoredModels()).filter((m) => m.id !== id).map((m) => m.name);
      const wanted = trimmed.slice(0, MAX_MODEL_NAME);
      if (uniqueModelName(wanted, others) !== wanted) throw new ColorizerError('invalid-argument', `A model named “${wanted}” already exists; choose another name`);
      const renamed = { ...stored, name: wanted, updatedAt: Date.now() };
      await putSummary(renamed);
      return renamed;
    } catch (err) {
      throw toWorkerError(err);
    }
  },

  async deleteModel(id) {
    try {
      if (active?.id === id) throw new ColorizerError('invalid-argument', 'Stop the run before deleting its model');
      await deleteStoredModel(id);
    } catch (err) {
      throw toWorkerError(err);
    }
  },

  async exportModel(id) {
    try {
      const stored = await getStoredModel(id);
      const decoder = await loadNetwork(id, 'decoder', stored.slot);
      try {
        return await modelToFiles(decoder, stored);
      } finally {
        decoder.dispose();
      }
    } catch (err) {
      throw toWorkerError(err);
    }
  },

  async importModel(files) {
    try {
      await init();
      const base = await loadShipped();
      const { model, summary, fileStem } = await modelFromFiles(files, base.decoder);
      try {
        const fields = importedFields(summary, fileStem);
        const now = Date.now();
        const id = newModelId();
        const stored = await writeCheckpoint({
          summary: {
            id,
            ...fields,
            name: uniqueModelName(fields.name, (await listStoredModels()).map((m) => m.name)),
            createdAt: now,
            updatedAt: now,
            status: 'finished',
            origin: 'imported',
          },
          decoder: model,
          optimizers: {},
          history: [],
        });
        const { slot: _slot, ...plain } = stored;
        return plain;
      } finally {
        model.dispose();
      }
    } catch (err) {
      throw toWorkerError(err);
    }
  },

  async compare(photo, modelIds) {
    try {
      await init();
      const base = await loadShipped();
      const image = await decode(photo);
      const results = [];
      for (const modelId of modelIds) {
        const stored = modelId === 'shipped' ? null : await getStoredModel(modelId);
        const decoder = stored ? await loadNetwork(stored.id, 'decoder', stored.slot) : base.decoder;
        try {
          const result = await colorize(createColorizer(base.encoder, decoder, base.info), image, { computeMetrics: true });
          results.push({ modelId, modelName: stored?.name ?? SHIPPED_MODEL_NAME, image: imageData(previewOf(result.colorized, 1024)), metrics: result.metrics });
        } finally {
          if (stored) decoder.dispose();
        }
      }
      return results;
    } catch (err) {
      throw toWorkerError(err);
    }
  },

  async simulateDeviceLoss() {
    if (!testHooks) throw toWorkerError(new ColorizerError('invalid-argument', 'simulateDeviceLoss needs the testHooks init option'));
    loseDevice('simulated by a test');
  },

  async memory() {
    const m = tf.memory() as tf.MemoryInfo & { numDataBuffers?: number };
    return { backend: tf.getBackend() ?? '', numTensors: m.numTensors, numDataBuffers: m.numDataBuffers ?? 0, numBytes: m.numBytes, unreliable: Boolean(m.unreliable) };
  },
};

function withoutMessage(model: StoredModel): StoredModel {
  const { message: _message, ...rest } = model;
  return rest;
}

Comlink.expose(api);
