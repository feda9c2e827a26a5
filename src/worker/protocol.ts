/**
 * The contract between the colorizer worker and the main thread. Types only (plus
 * small pure helpers), so the main thread imports no tfjs.
 */
import type { ModelInfo } from '../core/model/colorizer';
import type { ColorizeProgress, QualityMetrics } from '../core/pipeline/types';
import type { ColorizerErrorCode } from '../core/runtime/errors';
import type { BackendChoice, BackendPreference } from '../platform/browser/backend-names';

export type { ModelInfo, QualityMetrics };

export interface InitOptions {
  /** 'auto' (default) or a forced backend. */
  readonly backend?: BackendPreference | string;
  /** The colorizer's model: undefined or 'shipped' = the shipped model, else a fine-tuned model id. */
  readonly modelId?: string;
  /** Enables `simulateDeviceLoss` (end-to-end tests only; see src/main.tsx). */
  readonly testHooks?: boolean;
}

/**
 * Something the worker tells the page on its own, outside any call: the backend
 * changed because the WebGPU device was lost (or no backend is left).
 */
export type RuntimeEvent =
  | { readonly kind: 'backend-changed'; readonly init: InitResult; readonly notice: string }
  | { readonly kind: 'backend-failed'; readonly error: WorkerError; readonly notice: string };

export type RuntimeEventCallback = (event: RuntimeEvent) => void;

/** `tf.memory()` in the worker, as plain numbers. */
export interface MemorySnapshot {
  readonly backend: string;
  readonly numTensors: number;
  readonly numDataBuffers: number;
  readonly numBytes: number;
  /** True when the backend cannot count its bytes exactly (tfjs says so). */
  readonly unreliable: boolean;
}

export interface InitResult extends BackendChoice {
  readonly model: ModelInfo;
  /** Which model that is: 'shipped' or a fine-tuned model's id (as in InitOptions.modelId). */
  readonly modelId: string;
  /** Time to choose the backend, load both networks and run the warm-up pass. */
  readonly loadMs: number;
}

/** Same layout as the DOM's ImageData (8-bit RGBA, row-major). */
export interface ImageDataLike {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export type ProgressStage = 'decode' | ColorizeProgress['stage'] | 'encode';

export interface WorkerProgress {
  readonly stage: ProgressStage;
  /** 0..1 overall, for the whole file (decode → colorize → PNG). */
  readonly fraction: number;
}

export type ProgressCallback = (progress: WorkerProgress) => void;

export interface ColorizeFileResult {
  readonly name: string;
  /**
   * Display images. For photos longer than PREVIEW_MAX_SIDE (4096 px) these are
   * area-averaged previews; `size` is then the real (full-resolution) size.
   */
  readonly original: ImageDataLike;
  readonly gray: ImageDataLike;
  readonly colorized: ImageDataLike;
  /** Full-resolution size of the photo and of the PNG (default: the display images' size). */
  readonly size?: { readonly width: number; readonly height: number };
  /** The full-resolution colorized image as PNG, encoded in the worker. */
  readonly png: Blob;
  /** PSNR/SSIM of the colorized image against the original; null without colour reference. */
  readonly metrics: QualityMetrics | null;
  /** Why PSNR/SSIM were not computed although the photo had colour (e.g. too large). */
  readonly metricsSkipped?: string;
  readonly hasColourReference: boolean;
  readonly timings: {
    readonly decodeMs: number;
    readonly modelMs: number;
    readonly colorizeMs: number;
    readonly encodeMs: number;
    readonly totalMs: number;
  };
  /** `tf.getBackend()` in the worker right after this image was colorized. */
  readonly backend: string;
  /** The model that colorized it: 'shipped' or a fine-tuned model's id, and its name. */
  readonly model?: { readonly id: string; readonly name: string };
}

/** Langevin alternatives for one photo (docs/langevin.md). */
export interface AlternativesRequest {
  /** N: how many samples (the app offers 4 or 8). */
  readonly count: number;
  /** The same seed gives the same samples. */
  readonly seed: number;
}

export interface AlternativesProgress {
  /** 'load': the score network (first use only); 'sampling': the Langevin steps; 'encode': the PNGs. */
  readonly stage: 'decode' | 'load' | 'sampling' | 'encode';
  /** 0..1 overall. */
  readonly fraction: number;
}

export type AlternativesProgressCallback = (progress: AlternativesProgress) => void;

export interface Alternative {
  /** Display image (a preview for photos over ALTERNATIVE_PREVIEW_SIDE, 2048 px, a side). */
  readonly colorized: ImageDataLike;
  /** The full-resolution sample as PNG. */
  readonly png: Blob;
  /** PSNR/SSIM against the original; null without colour reference (or when skipped). */
  readonly metrics: QualityMetrics | null;
}

export interface AlternativesResult {
  readonly name: string;
  readonly alternatives: readonly Alternative[];
  /** Mean pairwise a,b distance between the samples, Lab units (null for one sample). */
  readonly diversity: number | null;
  readonly hasColourReference: boolean;
  readonly metricsSkipped?: string;
  readonly seed: number;
  readonly sampler: { readonly stepsPerLevel: number; readonly epsilon: number; readonly startLevel: number; readonly evaluations: number };
  /** The score network's manifest version and training steps. */
  readonly scoreNet: { readonly version: string; readonly trainingSteps: number };
  readonly timings: { readonly loadMs: number; readonly samplingMs: number; readonly perSampleMs: number; readonly totalMs: number };
  readonly backend: string;
}

/**
 * Errors cross the worker boundary as plain objects (comlink keeps only part of an
 * Error). 'internal' is anything that is not a ColorizerError; 'aborted' is a cancel.
 */
export interface WorkerError {
  readonly name: 'ColorizerError';
  readonly code: ColorizerErrorCode | 'internal';
  readonly message: string;
}

export interface ColorizeWorkerApi {
  /** `onEvent` hears about later backend changes (a lost WebGPU device). */
  init(options?: InitOptions, onEvent?: RuntimeEventCallback): Promise<InitResult>;
  colorizeFile(file: Blob, name: string, onProgress?: ProgressCallback): Promise<ColorizeFileResult>;
  /** N Langevin samples of a photo (loads the score network on first use). */
  sampleAlternatives?(file: Blob, name: string, request: AlternativesRequest, onProgress?: AlternativesProgressCallback): Promise<AlternativesResult>;
  /** `tf.memory()` now (leak checks). */
  memory?(): Promise<MemorySnapshot>;
  /** Behaves as if the WebGPU device were lost (only with `testHooks`). */
  simulateDeviceLoss?(): Promise<void>;
}

export function isWorkerError(value: unknown): value is WorkerError {
  return (
    typeof value === 'object' && value !== null &&
    typeof (value as { code?: unknown }).code === 'string' &&
    typeof (value as { message?: unknown }).message === 'string'
  );
}

/**
 * Any thrown value as a WorkerError. ColorizerErrors (string `code`) keep their code;
 * everything else is 'internal', including DOMExceptions such as WebGPU's
 * 'AbortError' on a lost device: only the bridge cancels, so a stray AbortError is
 * a failure, not a cancel.
 */
export function toWorkerError(err: unknown): WorkerError {
  if (isWorkerError(err)) return { name: 'ColorizerError', code: err.code, message: err.message };
  if (typeof err === 'object' && err !== null && typeof (err as Error).message === 'string') {
    const { name, message } = err as Error;
    const prefix = name && name !== 'Error' ? `${name}: ` : '';
    return { name: 'ColorizerError', code: 'internal', message: message ? `${prefix}${message}` : name || 'Unknown error' };
  }
  return { name: 'ColorizerError', code: 'internal', message: String(err) };
}
