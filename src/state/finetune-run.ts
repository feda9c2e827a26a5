/**
 * A fine-tuning run as the page shows it, and how the worker's events change it.
 * Pure functions (unit-tested); the store in ./finetune-store.ts holds the result.
 */
import type {
  FineTuneEvent,
  FineTunedModelSummary,
  LossPoint,
  PreviewMetrics,
  RunStatus,
  StepLosses,
} from '../worker/finetune-protocol';
import type { ImageDataLike } from '../worker/protocol';

export interface RunPreview {
  readonly step: number;
  readonly original: ImageDataLike;
  readonly before: ImageDataLike;
  readonly after: ImageDataLike;
  readonly metrics: PreviewMetrics | null;
}

export interface RunView {
  /** Known from the first checkpoint on (or when a stored run is shown). */
  readonly modelId?: string;
  readonly name?: string;
  readonly status: 'idle' | RunStatus;
  /** A `start` / `resume` of this page is going (the worker is training for us). */
  readonly active: boolean;
  readonly step: number;
  readonly targetSteps: number;
  readonly stepsPerSecond: number | null;
  readonly etaSeconds: number | null;
  readonly points: readonly LossPoint[];
  readonly preparing?: { readonly stage: string; readonly done: number; readonly total: number };
  readonly preview?: RunPreview;
  /** Step of the last checkpoint saved to IndexedDB. */
  readonly checkpointStep?: number;
  /** Why the run ended early (error, lost device, crash…). */
  readonly message?: string;
}

export const IDLE_RUN: RunView = {
  status: 'idle', active: false, step: 0, targetSteps: 0, stepsPerSecond: null, etaSeconds: null, points: [],
};

/** Appends a loss point; a resumed run replaces the points at and after its step. */
export function appendPoint(points: readonly LossPoint[], point: LossPoint): LossPoint[] {
  let keep = points.length;
  while (keep > 0 && points[keep - 1]!.step >= point.step) keep -= 1;
  const next = points.slice(0, keep);
  next.push(point);
  return next;
}

export function applyRunEvent(run: RunView, event: FineTuneEvent): RunView {
  switch (event.kind) {
    case 'status': {
      const { preparing: _, ...rest } = run;
      const base = event.status === 'preparing' ? run : rest;
      return { ...base, status: event.status, ...(event.message ? { message: event.message } : {}) };
    }
    case 'preparing':
      return { ...run, status: 'preparing', preparing: { stage: event.stage, done: event.done, total: event.total } };
    case 'step': {
      const { preparing: _, ...rest } = run;
      return {
        ...rest,
        status: run.status === 'paused' ? 'paused' : 'training',
        step: event.point.step,
        targetSteps: event.targetSteps,
        stepsPerSecond: event.stepsPerSecond,
        etaSeconds: event.etaSeconds,
        points: appendPoint(run.points, event.point),
      };
    }
    case 'preview':
      return {
        ...run,
        preview: { step: event.step, original: event.original, before: event.before, after: event.after, metrics: event.metrics },
      };
    case 'checkpoint':
      return { ...run, modelId: event.model.id, name: event.model.name, checkpointStep: event.model.step };
  }
}

/** The run's end, from the summary `start` / `resume` resolved with. */
export function finishRun(run: RunView, model: FineTunedModelSummary): RunView {
  return {
    ...run,
    active: false,
    modelId: model.id,
    name: model.name,
    status: model.status,
    step: Math.max(run.step, model.step),
    checkpointStep: model.step,
    targetSteps: run.targetSteps || model.settings.steps,
    etaSeconds: null,
    ...(model.message ? { message: model.message } : {}),
  };
}

/** The run failed or its worker died: the last checkpoint (if any) is kept. */
export function failRun(run: RunView, status: 'failed' | 'interrupted' | 'stopped', message: string): RunView {
  const { preparing: _, ...rest } = run;
  return { ...rest, active: false, status, message, etaSeconds: null };
}

/** A stored run, shown as the current one (after a reload): its summary and loss history. */
export function runFromModel(model: FineTunedModelSummary, points: readonly LossPoint[]): RunView {
  return {
    ...IDLE_RUN,
    modelId: model.id,
    name: model.name,
    status: storedStatus(model, false),
    step: model.step,
    checkpointStep: model.step,
    targetSteps: model.settings.steps,
    points,
    ...(model.message ? { message: model.message } : {}),
  };
}

/**
 * A stored run's status as the page should show it: 'preparing'/'training' in the
 * store with no run of this page going means the page or worker died: interrupted.
 */
export function storedStatus(model: FineTunedModelSummary, runningHere: boolean): RunStatus {
  if (!runningHere && (model.status === 'training' || model.status === 'preparing')) return 'interrupted';
  return model.status;
}

const RESUMABLE: ReadonlySet<RunStatus> = new Set(['interrupted', 'paused', 'stopped', 'failed']);

/**
 * Whether "Resume" continues this stored run from its checkpoint: interrupted,
 * paused, stopped, or failed after a checkpoint (out of memory, lost device), below
 * its target steps.
 */
export function isResumable(model: FineTunedModelSummary, runningHere = false): boolean {
  const status = storedStatus(model, runningHere);
  return RESUMABLE.has(status) && model.step < model.settings.steps && (status !== 'failed' || model.step > 0);
}

/** Newest first; a model already listed is replaced. */
export function upsertModel(models: readonly FineTunedModelSummary[], model: FineTunedModelSummary): FineTunedModelSummary[] {
  return [model, ...models.filter((m) => m.id !== model.id)].sort((a, b) => b.updatedAt - a.updatedAt);
}

export type LossTerm = keyof StepLosses;

export interface LossSeries {
  readonly term: LossTerm;
  readonly label: string;
}

export const GENERATOR_TERMS: readonly LossSeries[] = [
  { term: 'generator', label: 'Generator total' },
  { term: 'pixel', label: 'Pixel (colour MSE)' },
  { term: 'adversarial', label: 'Adversarial' },
  { term: 'classDistribution', label: 'Class distribution (KL)' },
  { term: 'feature', label: 'Feature' },
  { term: 'smooth', label: 'Smoothness' },
];

export const CRITIC_TERMS: readonly LossSeries[] = [
  { term: 'critic', label: 'Critic total' },
  { term: 'gradientPenalty', label: 'Gradient penalty' },
];

/** The terms that are non-zero somewhere in the run (a zero-weight term is left out). */
export function activeTerms(points: readonly LossPoint[], terms: readonly LossSeries[]): LossSeries[] {
  return terms.filter(({ term }) => points.some((p) => Number.isFinite(p.losses[term]) && p.losses[term] !== 0));
}

/** uPlot's columns: steps, then one array per term (non-finite values as gaps). */
export function chartColumns(points: readonly LossPoint[], terms: readonly LossSeries[]): [number[], ...(number | null)[][]] {
  const x = points.map((p) => p.step);
  const ys = terms.map(({ term }) => points.map((p) => (Number.isFinite(p.losses[term]) ? p.losses[term] : null)));
  return [x, ...ys];
}
