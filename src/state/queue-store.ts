/**
 * The queue of photos: one item per file, from queued to done / error / cancelled.
 * Plain data plus actions; the bridge is wired to it in ./jobs.ts. Object URLs made
 * for downloads are revoked when their item goes.
 */
import { create } from 'zustand';
import type { ColorizeFileResult, ImageDataLike, ProgressStage, QualityMetrics, WorkerError } from '../worker/protocol';

export type ItemStatus = 'queued' | 'running' | 'done' | 'error' | 'cancelled';

export interface ItemResult {
  /** Display images (previews for photos over 4096 px a side). */
  readonly original: ImageDataLike;
  readonly gray: ImageDataLike;
  readonly colorized: ImageDataLike;
  /** Full-resolution size of the photo and of the PNG download. */
  readonly width: number;
  readonly height: number;
  /** Object URL of the full-resolution colorized PNG. */
  readonly pngUrl: string;
  readonly downloadName: string;
  readonly metrics: QualityMetrics | null;
  /** Why there are no PSNR/SSIM although the photo had colour. */
  readonly metricsSkipped?: string;
  readonly hasColourReference: boolean;
  readonly timings: ColorizeFileResult['timings'];
  /** The tfjs backend that really ran this image (reported by the worker). */
  readonly backend: string;
  /** The model that colorized it (shipped or fine-tuned). */
  readonly model?: ColorizeFileResult['model'];
  /** Set while a Langevin sample replaces the GAN's result: which one, and the GAN's own result to go back to. */
  readonly alternative?: { readonly label: string; readonly gan: Pick<ItemResult, 'colorized' | 'pngUrl' | 'downloadName' | 'metrics'> };
}

/** A Langevin sample to use as an item's result (see chooseColorized). */
export interface ChosenColorized {
  readonly colorized: ImageDataLike;
  readonly png: Blob;
  readonly metrics: QualityMetrics | null;
  /** E.g. "sample 3 of 8"; also goes into the download name. */
  readonly label: string;
}

export interface QueueItem {
  readonly id: string;
  readonly name: string;
  readonly bytes: number;
  readonly status: ItemStatus;
  /** 0..1 */
  readonly progress: number;
  readonly stage?: ProgressStage;
  readonly result?: ItemResult;
  readonly error?: Pick<WorkerError, 'code' | 'message'>;
}

export interface QueueState {
  readonly items: readonly QueueItem[];
  add(name: string, bytes: number): string;
  start(id: string): void;
  progress(id: string, fraction: number, stage?: ProgressStage): void;
  complete(id: string, result: ColorizeFileResult): void;
  fail(id: string, error: Pick<WorkerError, 'code' | 'message'>): void;
  cancelled(id: string): void;
  /** Replaces a done item's colorized image, PNG and metrics by a sample; null goes back to the GAN's result. */
  chooseColorized(id: string, choice: ChosenColorized | null): void;
  remove(id: string): void;
  /** Removes every item that is no longer queued or running. */
  clearFinished(): void;
}

export const ACTIVE_STATUSES: ReadonlySet<ItemStatus> = new Set(['queued', 'running']);

/** "old photo.jpeg" → "old photo-colorized.png" */
export function downloadNameFor(name: string): string {
  const base = name.replace(/\.[^./\\]+$/, '') || 'photo';
  return `${base}-colorized.png`;
}

let nextId = 1;

function revoke(item: QueueItem): void {
  if (item.result) URL.revokeObjectURL(item.result.pngUrl);
  if (item.result?.alternative) URL.revokeObjectURL(item.result.alternative.gan.pngUrl);
}

/** "old photo-colorized.png" + "sample 3 of 8" → "old photo-colorized-sample-3-of-8.png" */
export function alternativeDownloadName(ganName: string, label: string): string {
  return ganName.replace(/\.png$/, `-${label.replace(/[^\w]+/g, '-')}.png`);
}

export const useQueueStore = create<QueueState>()((set, get) => {
  const patch = (id: string, change: (item: QueueItem) => Partial<QueueItem> | null) =>
    set((state) => ({
      items: state.items.map((item) => {
        if (item.id !== id) return item;
        const next = change(item);
        return next ? { ...item, ...next } : item;
      }),
    }));

  return {
    items: [],
    add(name, bytes) {
      const id = `item-${nextId++}`;
      set((state) => ({ items: [...state.items, { id, name, bytes, status: 'queued', progress: 0 }] }));
      return id;
    },
    start(id) {
      patch(id, (item) => (item.status === 'queued' ? { status: 'running', progress: 0 } : null));
    },
    progress(id, fraction, stage) {
      patch(id, (item) =>
        item.status === 'running' || item.status === 'queued'
          ? { status: 'running', progress: Math.max(item.progress, Math.min(1, Math.max(0, fraction))), ...(stage ? { stage } : {}) }
          : null,
      );
    },
    complete(id, result) {
      const item = get().items.find((i) => i.id === id);
      if (!item || !ACTIVE_STATUSES.has(item.status)) return; // removed or cancelled meanwhile
      const pngUrl = URL.createObjectURL(result.png);
      patch(id, () => ({
        status: 'done',
        progress: 1,
        result: {
          original: result.original,
          gray: result.gray,
          colorized: result.colorized,
          width: result.size?.width ?? result.colorized.width,
          height: result.size?.height ?? result.colorized.height,
          pngUrl,
          downloadName: downloadNameFor(item.name),
          metrics: result.metrics,
          ...(result.metricsSkipped ? { metricsSkipped: result.metricsSkipped } : {}),
          hasColourReference: result.hasColourReference,
          timings: result.timings,
          backend: result.backend,
          ...(result.model ? { model: result.model } : {}),
        },
      }));
    },
    fail(id, error) {
      patch(id, (item) => (ACTIVE_STATUSES.has(item.status) ? { status: 'error', error: { code: error.code, message: error.message } } : null));
    },
    cancelled(id) {
      patch(id, (item) => (ACTIVE_STATUSES.has(item.status) ? { status: 'cancelled' } : null));
    },
    chooseColorized(id, choice) {
      patch(id, (item) => {
        const r = item.result;
        if (item.status !== 'done' || !r) return null;
        const gan = r.alternative?.gan ?? { colorized: r.colorized, pngUrl: r.pngUrl, downloadName: r.downloadName, metrics: r.metrics };
        if (r.alternative) URL.revokeObjectURL(r.pngUrl); // the previous sample's PNG
        if (!choice) {
          const { alternative: _dropped, ...rest } = r;
          return { result: { ...rest, ...gan } };
        }
        return {
          result: {
            ...r,
            colorized: choice.colorized,
            pngUrl: URL.createObjectURL(choice.png),
            downloadName: alternativeDownloadName(gan.downloadName, choice.label),
            metrics: choice.metrics,
            alternative: { label: choice.label, gan },
          },
        };
      });
    },
    remove(id) {
      const item = get().items.find((i) => i.id === id);
      if (!item) return;
      revoke(item);
      set((state) => ({ items: state.items.filter((i) => i.id !== id) }));
    },
    clearFinished() {
      const finished = get().items.filter((i) => !ACTIVE_STATUSES.has(i.status));
      finished.forEach(revoke);
      set((state) => ({ items: state.items.filter((i) => ACTIVE_STATUSES.has(i.status)) }));
    },
  };
});
