/**
 * One fine-tuning run inside the worker: prepare the training set, train with the core
 * loop, colorize the held-out photo every N steps, checkpoint to IndexedDB, and end with
 * a status (finished, stopped, failed) — the last checkpoint is always kept.
 */
import * as tf from '@tensorflow/tfjs';
import { createColorizer, type Colorizer, type ModelInfo } from '../core/model/colorizer';
import type { FrozenEncoder } from '../core/model/encoder';
import { criticPerceptualFeatures, type PerceptualFeatures } from '../core/model/perceptual-features';
import { loadTeacher, type Teacher } from '../core/model/teacher';
import { runFineTuneLoop } from '../core/finetune/run';
import { prepareTrainingSet, type TrainingSet } from '../core/finetune/training-set';
import { createFineTuneTrainer } from '../core/finetune/trainer';
import type { RawImage } from '../core/image';
import { colorize } from '../core/pipeline/colorize';
import { ColorizerError } from '../core/runtime/errors';
import { encodeOptimizerState, restoreOptimizerState, type EncodedOptimizerState } from '../core/train/optimizer-state';
import { deleteStoredModel, putSummary, writeCheckpoint, type StoredModel } from '../platform/browser/finetune-store';
import type { FineTuneEvent, FineTuneSettings, LossPoint, PreviewMetrics, QualityMetrics, RunStatus } from './finetune-protocol';
import { MODEL_URLS } from './shipped-models';
import { describeTrainingError } from './training-errors';

/** Loss points kept per model (older ones are thinned to every other point). */
const MAX_HISTORY = 4000;

export interface RunContext {
  readonly summary: StoredModel;
  readonly settings: FineTuneSettings;
  readonly crops: readonly RawImage[];
  readonly preview: RawImage;
  readonly encoder: FrozenEncoder;
  /** Trainable copies (owned by the run: disposed at its end). */
  readonly decoder: tf.LayersModel;
  readonly critic: tf.LayersModel;
  readonly shippedDecoder: tf.LayersModel;
  readonly shippedInfo: ModelInfo;
  readonly optimizers?: { readonly generator?: EncodedOptimizerState; readonly critic?: EncodedOptimizerState };
  readonly history: LossPoint[];
  readonly backend: string;
  readonly emit: (event: FineTuneEvent) => void;
  readonly signal: AbortSignal;
  readonly gate: () => Promise<void>;
  /** True while the user has paused the run: the gate will hold. */
  readonly isPaused?: () => boolean;
  /** Set when the GPU device is lost: the reason the run fails with. */
  readonly deviceLost: () => string | null;
}

function display(image: RawImage) {
  return { width: image.width, height: image.height, data: image.data };
}

async function colorizePreview(model: Colorizer, image: RawImage): Promise<{ image: RawImage; metrics: QualityMetrics | null }> {
  const result = await colorize(model, image, { computeMetrics: true });
  return { image: result.colorized, metrics: result.metrics };
}

export async function runFineTuning(ctx: RunContext): Promise<StoredModel> {
  const { settings, emit } = ctx;
  let summary = ctx.summary;
  const status = (s: RunStatus, message?: string) => emit({ kind: 'status', status: s, ...(message ? { message } : {}) });
  let set: TrainingSet | null = null;
  let teacher: Teacher | null = null;
  let perceptual: PerceptualFeatures | null = null;
  let trainer: ReturnType<typeof createFineTuneTrainer> | null = null;
  let lastSaved = summary.step;
  let stepDone = summary.step;
  /** A new run has no weights stored until its first checkpoint. */
  let hasCheckpoint = summary.step > 0 || ctx.optimizers !== undefined;
  let previewMetrics: PreviewMetrics | undefined = summary.preview;
  const startedSeconds = summary.trainSeconds;
  let runSeconds = 0;

  const saveCheckpoint = async (step: number, runStatus: RunStatus) => {
    // Weights read from a lost GPU context are zeros: never let them replace a good checkpoint.
    const lost = ctx.deviceLost();
    if (lost) throw new ColorizerError('backend-unavailable', lost);
    summary = await writeCheckpoint({
      summary: { ...summary, step, status: runStatus, updatedAt: Date.now(), trainSeconds: startedSeconds + runSeconds, backend: ctx.backend, ...(previewMetrics ? { preview: previewMetrics } : {}) },
      previousSlot: summary.slot,
      decoder: ctx.decoder,
      critic: ctx.critic,
      optimizers: {
        generator: await encodeOptimizerState(trainer!.generatorOptimizer),
        critic: await encodeOptimizerState(trainer!.criticOptimizer),
      },
      history: ctx.history,
    });
    lastSaved = step;
    hasCheckpoint = true;
    emit({ kind: 'checkpoint', model: summary });
  };
  /** The same weights under another status: only the summary changes. */
  const setStoredStatus = async (runStatus: RunStatus) => {
    summary = { ...summary, status: runStatus, updatedAt: Date.now(), trainSeconds: startedSeconds + runSeconds };
    await putSummary(summary);
    emit({ kind: 'checkpoint', model: summary });
  };

  try {
    status('preparing');
    if (settings.objective.weights.classDistribution > 0) {
      emit({ kind: 'preparing', stage: 'models', done: 0, total: 1 });
      teacher = await loadTeacher(MODEL_URLS.teacher);
    }
    set = await prepareTrainingSet({
      encoder: ctx.encoder,
      ...(teacher ? { teacher } : {}),
      crops: ctx.crops,
      signal: ctx.signal,
      onProgress: (done, total) => emit({ kind: 'preparing', stage: 'features', done, total }),
    });
    teacher?.dispose();
    teacher = null;
    if (settings.objective.weights.feature > 0) perceptual = criticPerceptualFeatures(await tf.loadLayersModel(MODEL_URLS.critic));
    trainer = createFineTuneTrainer({ decoder: ctx.decoder, critic: ctx.critic, ...(perceptual ? { perceptual } : {}) }, settings);
    if (ctx.optimizers?.generator) await restoreOptimizerState(trainer.generatorOptimizer, ctx.optimizers.generator);
    if (ctx.optimizers?.critic) await restoreOptimizerState(trainer.criticOptimizer, ctx.optimizers.critic);

    const before = await colorizePreview(createColorizer(ctx.encoder, ctx.shippedDecoder, ctx.shippedInfo), ctx.preview);
    const tuned = createColorizer(ctx.encoder, ctx.decoder, ctx.shippedInfo);
    const showPreview = async (step: number) => {
      const after = await colorizePreview(tuned, ctx.preview);
      previewMetrics = before.metrics && after.metrics ? { before: before.metrics, after: after.metrics } : undefined;
      emit({ kind: 'preview', step, original: display(ctx.preview), before: display(before.image), after: display(after.image), metrics: previewMetrics ?? null });
    };
    await showPreview(summary.step);
    if (summary.step === 0 && lastSaved === 0) await saveCheckpoint(0, 'training');
    else if (summary.status !== 'training') await setStoredStatus('training'); // resumed: a reload now means interrupted

    status('training');
    const outcome = await runFineTuneLoop({
      trainer,
      set,
      startStep: summary.step,
      targetSteps: settings.steps,
      batchSize: settings.batchSize,
      seed: settings.seed,
      signal: ctx.signal,
      // Pausing saves a checkpoint first, so a paused run closed or reloaded comes back as paused.
      gate: async () => {
        if (!ctx.isPaused?.()) return;
        if (lastSaved !== stepDone) await saveCheckpoint(stepDone, 'paused');
        else if (summary.status !== 'paused') await setStoredStatus('paused');
        await ctx.gate();
        if (!ctx.signal.aborted) await setStoredStatus('training'); // resumed in this page
      },
      onStep: (r) => {
        stepDone = r.step;
        runSeconds = r.seconds;
        const point: LossPoint = { step: r.step, seconds: startedSeconds + r.seconds, losses: r.losses };
        ctx.history.push(point);
        if (ctx.history.length > MAX_HISTORY) {
          const thinned = ctx.history.filter((_, i) => i % 2 === 0 || i === ctx.history.length - 1);
          ctx.history.splice(0, ctx.history.length, ...thinned);
        }
        emit({ kind: 'step', point, targetSteps: settings.steps, stepsPerSecond: r.stepsPerSecond, etaSeconds: r.etaSeconds });
        const lost = ctx.deviceLost();
        if (lost) throw new ColorizerError('backend-unavailable', lost);
      },
      hooks: [
        { every: settings.previewEvery, run: showPreview },
        { every: settings.checkpointEvery, run: (step) => saveCheckpoint(step, step >= settings.steps ? 'finished' : 'training') },
      ],
    });
    runSeconds = outcome.seconds;
    const end: RunStatus = outcome.reason === 'finished' ? 'finished' : 'stopped';
    if (lastSaved !== outcome.step) await saveCheckpoint(outcome.step, end);
    else if (summary.status !== end) await setStoredStatus(end);
    status(end);
    return summary;
  } catch (err) {
    const lost = ctx.deviceLost();
    const reason = lost ?? describeTrainingError(err);
    const aborted = err instanceof ColorizerError && err.code === 'aborted';
    if (aborted && !hasCheckpoint) {
      // Stopped before the first checkpoint of a new run: nothing to keep or resume.
      await deleteStoredModel(summary.id).catch(() => undefined);
      throw err;
    }
    const message = aborted
      ? `Stopped while preparing; the checkpoint from step ${lastSaved} is kept`
      : `Training stopped: ${reason}. The checkpoint from step ${lastSaved} is kept.`;
    const final: RunStatus = aborted ? 'stopped' : 'failed';
    summary = { ...summary, status: final, message, updatedAt: Date.now() };
    await putSummary(summary).catch(() => undefined);
    status(final, message);
    if (aborted) return summary;
    if (err instanceof ColorizerError) throw new ColorizerError(err.code, message, { cause: err });
    throw new Error(message, { cause: err });
  } finally {
    teacher?.dispose();
    set?.dispose();
    perceptual?.dispose();
    trainer?.generatorOptimizer.dispose();
    trainer?.criticOptimizer.dispose();
    ctx.decoder.dispose();
    ctx.critic.dispose();
  }
}

