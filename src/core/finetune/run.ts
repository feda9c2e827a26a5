/**
 * The fine-tuning loop, shared by the browser worker and the Node `finetune` CLI:
 * steps from `startStep` to `targetSteps`, with hooks for the preview and checkpoints,
 * a gate for pausing and an abort signal for stopping. Losses are read asynchronously
 * (WebGPU/WebGL in a worker), and the loop yields between steps so messages get in.
 */
import * as tf from '@tensorflow/tfjs';
import type { GanTrainer, StepLosses } from '../train/step';
import { batchIndices } from './schedule';
import type { TrainingSet } from './training-set';

export interface StepReport {
  readonly step: number;
  readonly losses: StepLosses;
  /** Seconds of training in this run so far (pauses excluded). */
  readonly seconds: number;
  readonly stepsPerSecond: number;
  readonly etaSeconds: number | null;
}

export interface FineTuneLoopOptions {
  readonly trainer: GanTrainer;
  readonly set: TrainingSet;
  readonly startStep: number;
  readonly targetSteps: number;
  readonly batchSize: number;
  readonly seed: number;
  /** Ends the loop after the current step (not an error: the caller checkpoints). */
  readonly signal?: AbortSignal;
  /** Resolves when training may go on (pause = a pending promise). */
  readonly gate?: () => Promise<void>;
  readonly onStep?: (report: StepReport) => void | Promise<void>;
  /** Called after step s when s % every === 0 or s is the last step. */
  readonly hooks?: readonly { readonly every: number; run(step: number): Promise<void> }[];
}

export interface LoopOutcome {
  readonly step: number;
  readonly reason: 'finished' | 'stopped';
  readonly seconds: number;
}

const yieldToEvents = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

export async function runFineTuneLoop(o: FineTuneLoopOptions): Promise<LoopOutcome> {
  let step = o.startStep;
  let seconds = 0;
  let speed: number | null = null;
  const batch = Math.min(o.batchSize, o.set.size);
  while (step < o.targetSteps) {
    if (o.signal?.aborted) return { step, reason: 'stopped', seconds };
    await o.gate?.();
    if (o.signal?.aborted) return { step, reason: 'stopped', seconds };
    const t0 = performance.now();
    const data = o.set.batch(batchIndices(step, o.set.size, batch, o.seed));
    let losses: StepLosses;
    try {
      losses = await o.trainer.stepAsync(data, step);
    } finally {
      tf.dispose(Object.values(data));
    }
    step++;
    const dt = (performance.now() - t0) / 1000;
    seconds += dt;
    // Smoothed speed; the first step (kernel compilation) is not representative.
    speed = step - o.startStep <= 1 ? null : speed === null ? 1 / dt : 0.8 * speed + 0.2 / dt;
    if (!Object.values(losses).every(Number.isFinite)) {
      throw new Error(`Training diverged at step ${step} (a loss is not a number); the last checkpoint is kept. Try a lower learning rate.`);
    }
    await o.onStep?.({ step, losses, seconds, stepsPerSecond: speed ?? 1 / dt, etaSeconds: speed ? (o.targetSteps - step) / speed : null });
    for (const hook of o.hooks ?? []) {
      if ((hook.every > 0 && step % hook.every === 0) || step === o.targetSteps) await hook.run(step);
    }
    await yieldToEvents();
  }
  return { step, reason: 'finished', seconds };
}
