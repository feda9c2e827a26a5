/**
 * Checkpoints of the Langevin score network (through the shared train/checkpoint.ts),
 * and the export of a trained network with its noise ladder.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { fileSaveHandler } from '../../platform/node/model-files';
import type { WeightQuantization } from '../../core/model/quantize';
import { AB_SCALE, AB_STRIDE } from '../../core/model/config';
import { SCORE_INPUTS, SIGMA_DATA } from '../../core/langevin/score-model';
import { hasCheckpoint, loadCheckpointModels, loadCheckpointOptimizer, saveCheckpoint, type TrainState } from '../train/checkpoint';
import '../../core/model/layers';

export { hasCheckpoint, type TrainState };

/** The checkpoint's folder for the weight EMA (absent when the run keeps none). */
export const EMA_MODEL = 'score-ema';

export async function saveScoreCheckpoint(dir: string, parts: { model: tf.LayersModel; optimizer: tf.Optimizer; state: TrainState; ema?: tf.LayersModel }): Promise<void> {
  const models: Record<string, tf.LayersModel> = { score: parts.model };
  if (parts.ema) models[EMA_MODEL] = parts.ema;
  await saveCheckpoint(dir, { models, optimizers: { score: parts.optimizer }, state: parts.state });
}

export function hasEma(dir: string): boolean {
  return fs.existsSync(path.join(dir, EMA_MODEL, 'model.json'));
}

/** The checkpoint's weight EMA, or null when it has none. */
export async function loadScoreEma(dir: string): Promise<tf.LayersModel | null> {
  if (!hasEma(dir)) return null;
  return (await loadCheckpointModels(dir, [EMA_MODEL] as const)).models[EMA_MODEL];
}

export async function loadScoreCheckpoint(dir: string): Promise<{ model: tf.LayersModel; state: TrainState }> {
  const { models, state } = await loadCheckpointModels(dir, ['score'] as const);
  return { model: models.score, state };
}

export function loadScoreOptimizer(dir: string, optimizer: tf.Optimizer): Promise<void> {
  return loadCheckpointOptimizer(dir, 'score', optimizer);
}

/** What a shipped score network says about itself (manifest.json next to model.json). */
export interface ScoreManifest {
  readonly name: string;
  readonly version: string;
  readonly trained: boolean;
  readonly trainingSteps: number;
  readonly description: string;
  readonly files: { readonly model: string };
  readonly weights: WeightQuantization;
  readonly langevin: {
    readonly sigmas: readonly number[];
    readonly sigmaData: number;
    readonly abScale: number;
    readonly abStride: number;
    readonly inputs: readonly string[];
    readonly parameterisation: string;
  };
  readonly training: Record<string, unknown>;
}

/**
 * Writes the network and its manifest. `weights`: 'ema' (the default) exports the weight
 * average when the checkpoint has one, 'raw' the trained weights themselves.
 */
export async function exportScoreModel(checkpointDir: string, outDir: string, quantization: WeightQuantization = 'float32', weights: 'ema' | 'raw' = 'ema'): Promise<ScoreManifest> {
  const { model: raw, state } = await loadScoreCheckpoint(checkpointDir);
  const ema = weights === 'ema' ? await loadScoreEma(checkpointDir) : null;
  const model = ema ?? raw;
  if (ema) raw.dispose();
  const emaNote = ema ? `; weights: EMA (decay ${state.config.emaDecay}, ${state.emaUpdates} updates)` : '';
  const sigmas = state.config.sigmas as number[];
  const manifest: ScoreManifest = {
    name: 'Langevin-score',
    version: `${path.basename(outDir)}-step${state.step}`,
    trained: true,
    trainingSteps: state.step,
    description: `Conditional score network trained ${state.step} steps by denoising score matching (${(state.trainSeconds / 3600).toFixed(2)} h CPU, wasm)${emaNote}`,
    files: { model: 'model.json' },
    weights: quantization,
    langevin: {
      sigmas, sigmaData: SIGMA_DATA, abScale: AB_SCALE, abStride: AB_STRIDE, inputs: [...SCORE_INPUTS],
      parameterisation: 'model output n ≈ σ·score; score = n/σ; ab_noisy input is (a,b/abScale + σz)/√(sigmaData² + σ²); log_sigma = ln σ',
    },
    training: { ...state.config, trainSeconds: Math.round(state.trainSeconds), weights: ema ? 'ema' : 'raw', ...(ema ? { emaUpdates: state.emaUpdates } : {}) },
  };
  await model.save(fileSaveHandler(outDir, undefined, quantization));
  fs.writeFileSync(path.join(outDir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
  model.dispose();
  return manifest;
}
