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
}

export interface InitResult extends BackendChoice {
  readonly model: ModelInfo;
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
  readonly original: ImageDataLike;
  readonly gray: ImageDataLike;
  readonly colorized: ImageDataLike;
  /** The full-resolution colorized image as PNG, encoded in the worker. */
  readonly png: Blob;
  /** PSNR/SSIM of the colorized image against the original; null without colour reference. */
  readonly metrics: QualityMetrics | null;
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
  init(options?: InitOptions): Promise<InitResult>;
  colorizeFile(file: Blob, name: string, onProgress?: ProgressCallback): Promise<ColorizeFileResult>;
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
