/**
 * The contract between the fine-tuning worker and the main thread. Types and plain
 * data only, so the page imports no tfjs.
 *
 * Life of a fine-tuning run:
 * 1. `checkPhotos` decodes and checks the photos the user dropped (colour? big enough?
 *    decodable?) and returns a thumbnail and a verdict for each.
 * 2. `start` prepares the training set (frozen encoder features, teacher classes), then
 *    trains, reporting `FineTuneEvent`s, and saves a checkpoint (models + optimizers +
 *    the square training crops) to IndexedDB every `checkpointEvery` steps and at the end.
 * 3. `pause` / `proceed` hold and continue the loop; `stop` ends it after the current step
 *    with a checkpoint. `start`'s promise settles when the run ends, with the model.
 * 4. After a reload or crash, `resume(id)` rebuilds the run from its last checkpoint.
 */
import { CHROMAGAN_OBJECTIVE, type ObjectivePreset, type Objective } from '../core/train/objective';
import type { StepLosses } from '../core/train/step';
import type { BackendChoice, BackendPreference } from '../platform/browser/backend-names';
import type { ImageDataLike, MemorySnapshot, QualityMetrics, WorkerError } from './protocol';

export type { StepLosses, Objective, ObjectivePreset };

/** Square training input sizes the UI offers (multiples of 32). */
export const TRAINING_SIZES = [64, 96, 128, 160] as const;
export type TrainingSize = (typeof TRAINING_SIZES)[number];

export interface FineTuneSettings {
  /** Which preset the weights started from (for display); `objective` is what is used. */
  readonly preset: ObjectivePreset | 'custom';
  readonly objective: Objective;
  /** Steps to train in total (a resumed run continues to this step). */
  readonly steps: number;
  readonly learningRate: number;
  readonly criticLearningRate: number;
  readonly batchSize: number;
  readonly size: TrainingSize;
  /** Colorize the held-out photo every N steps (0: only at the end). */
  readonly previewEvery: number;
  /** Save a checkpoint to IndexedDB every N steps (and always at the end or on stop). */
  readonly checkpointEvery: number;
  readonly seed: number;
}

export const DEFAULT_FINETUNE_SETTINGS: FineTuneSettings = {
  preset: 'chromagan',
  objective: CHROMAGAN_OBJECTIVE,
  steps: 100,
  learningRate: 5e-5,
  criticLearningRate: 5e-5,
  batchSize: 8,
  size: 128,
  previewEvery: 25,
  checkpointEvery: 25,
  seed: 1,
};

export { MIN_FINETUNE_PHOTOS, MAX_TRAINING_SET_BYTES } from '../core/finetune/limits';

export interface PhotoInput {
  readonly name: string;
  readonly blob: Blob;
}

/** What `checkPhotos` found about one photo. */
/** What the app calls the model it ships with, everywhere (settings, library, compare, status bar). */
export const SHIPPED_MODEL_NAME = 'Shipped model';

export interface PhotoCheck {
  readonly name: string;
  readonly ok: boolean;
  /** Why it cannot be used (grayscale, too small, not an image…); absent when ok. */
  readonly problem?: string;
  readonly width: number;
  readonly height: number;
  /** 99th percentile of the distance of a*b* from the photo's mean a*b* (Lab units). */
  readonly chromaSpread: number;
  /** SHA-256 of the file's bytes (hex), to spot the same photo added twice; absent where crypto.subtle is not. */
  readonly digest?: string;
  /** Small preview (≤ 96 px a side); absent when the photo could not be decoded. */
  readonly thumbnail?: ImageDataLike;
}

/** Problems with the training set as a whole (too few photos, too much memory). */
export type { TrainingSetVerdict } from '../core/finetune/photo-checks';
import type { TrainingSetVerdict } from '../core/finetune/photo-checks';

export type RunStatus = 'preparing' | 'training' | 'paused' | 'stopped' | 'finished' | 'interrupted' | 'failed';

export interface PreviewMetrics {
  readonly before: QualityMetrics;
  readonly after: QualityMetrics;
}

/** A fine-tuned model as stored in IndexedDB. */
export interface FineTunedModelSummary {
  readonly id: string;
  readonly name: string;
  readonly createdAt: number;
  readonly updatedAt: number;
  /** Steps of the last checkpoint. */
  readonly step: number;
  readonly settings: FineTuneSettings;
  readonly status: RunStatus;
  /** Why the run ended early (error, lost device…). */
  readonly message?: string;
  readonly backend: string;
  readonly trainSeconds: number;
  readonly photoCount: number;
  /** Held-out photo: shipped model vs this one, at the last checkpoint. */
  readonly preview?: PreviewMetrics;
  /** Where it came from: trained here, or imported from files. */
  readonly origin: 'trained' | 'imported';
}

export interface LossPoint {
  readonly step: number;
  readonly seconds: number;
  readonly losses: StepLosses;
}

export type FineTuneEvent =
  | { readonly kind: 'status'; readonly status: RunStatus; readonly message?: string }
  | { readonly kind: 'preparing'; readonly stage: 'decode' | 'features' | 'teacher' | 'models'; readonly done: number; readonly total: number }
  | {
      readonly kind: 'step';
      readonly point: LossPoint;
      readonly targetSteps: number;
      readonly stepsPerSecond: number;
      /** Seconds left at the current speed (null before the speed is known). */
      readonly etaSeconds: number | null;
    }
  | {
      readonly kind: 'preview';
      readonly step: number;
      /** The held-out photo: original, shipped model, this model now. */
      readonly original: ImageDataLike;
      readonly before: ImageDataLike;
      readonly after: ImageDataLike;
      readonly metrics: PreviewMetrics | null;
    }
  | { readonly kind: 'checkpoint'; readonly model: FineTunedModelSummary };

export type FineTuneEventCallback = (event: FineTuneEvent) => void;

export interface StartRequest {
  readonly name: string;
  readonly photos: readonly PhotoInput[];
  /** Index in `photos` of the photo held out for the preview. */
  readonly previewIndex: number;
  readonly settings: FineTuneSettings;
}

export interface CompareResult {
  /** 'shipped' or a fine-tuned model id. */
  readonly modelId: string;
  readonly modelName: string;
  readonly image: ImageDataLike;
  readonly metrics: QualityMetrics | null;
}

export interface ExportedFile {
  readonly name: string;
  readonly blob: Blob;
}

export interface FineTuneInitResult extends BackendChoice {
  readonly loadMs: number;
}

export interface FineTuneWorkerApi {
  /** Picks the training backend: webgpu (real GPU) → webgl (hardware) → wasm → cpu. */
  init(options?: { readonly backend?: BackendPreference | string; readonly testHooks?: boolean }): Promise<FineTuneInitResult>;
  checkPhotos(photos: readonly PhotoInput[]): Promise<PhotoCheck[]>;
  /** Training-set verdict for the photos that passed `checkPhotos` (pure arithmetic). */
  checkTrainingSet(okPhotoCount: number, settings: FineTuneSettings): Promise<TrainingSetVerdict>;
  start(request: StartRequest, onEvent: FineTuneEventCallback): Promise<FineTunedModelSummary>;
  /** Continues a stored run from its last checkpoint up to `steps` (default: its settings). */
  resume(id: string, onEvent: FineTuneEventCallback, steps?: number): Promise<FineTunedModelSummary>;
  pause(): Promise<void>;
  proceed(): Promise<void>;
  stop(): Promise<void>;
  listModels(): Promise<FineTunedModelSummary[]>;
  lossHistory(id: string): Promise<LossPoint[]>;
  renameModel(id: string, name: string): Promise<FineTunedModelSummary>;
  deleteModel(id: string): Promise<void>;
  /** model.json (with the summary in its metadata) + weights.bin. */
  exportModel(id: string): Promise<ExportedFile[]>;
  importModel(files: readonly PhotoInput[]): Promise<FineTunedModelSummary>;
  /** Colorizes one photo with each model ('shipped' or ids), same size, with PSNR/SSIM. */
  compare(photo: PhotoInput, modelIds: readonly string[]): Promise<CompareResult[]>;
  memory(): Promise<MemorySnapshot>;
  /** Behaves as if the WebGPU device were lost during training (only after init with `testHooks`). */
  simulateDeviceLoss?(): Promise<void>;
}

export type { WorkerError, ImageDataLike, QualityMetrics, MemorySnapshot };

