/**
 * Resumable training checkpoints on disk, for any trainer: named tfjs layers models,
 * named Adam states and the step counter. Written to a temp folder, then swapped in.
 * Used by the GAN trainer (decoder + critic) and the score-network trainer.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { encodeOptimizerState, restoreOptimizerState } from '../../core/train/optimizer-state';
import { fileLoadHandler, fileSaveHandler } from '../../platform/node/model-files';
import '../../core/model/layers';

export interface TrainState {
  step: number;
  /** Wall-clock seconds spent training, summed over sessions. */
  trainSeconds: number;
  config: Record<string, unknown>;
  /** Updates of the weight EMA saved with the checkpoint (when the trainer keeps one). */
  emaUpdates?: number;
}

export interface CheckpointParts {
  readonly models: Record<string, tf.LayersModel>;
  readonly optimizers: Record<string, tf.Optimizer>;
  readonly state: TrainState;
}

const optimizerFile = (dir: string, name: string) => path.join(dir, `adam-${name}.bin`);

export async function saveCheckpoint(dir: string, parts: CheckpointParts): Promise<void> {
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  for (const [name, model] of Object.entries(parts.models)) await model.save(fileSaveHandler(path.join(tmp, name)));
  for (const [name, opt] of Object.entries(parts.optimizers)) {
    const { data, specs } = await encodeOptimizerState(opt);
    fs.writeFileSync(optimizerFile(tmp, name), Buffer.from(data));
    fs.writeFileSync(optimizerFile(tmp, name) + '.json', JSON.stringify(specs));
  }
  fs.writeFileSync(path.join(tmp, 'state.json'), JSON.stringify(parts.state, null, 1));
  const old = `${dir}.old`;
  fs.rmSync(old, { recursive: true, force: true });
  if (fs.existsSync(dir)) fs.renameSync(dir, old);
  fs.renameSync(tmp, dir);
  fs.rmSync(old, { recursive: true, force: true });
}

export function hasCheckpoint(dir: string): boolean {
  return fs.existsSync(path.join(dir, 'state.json'));
}

export async function loadCheckpointModels<K extends string>(dir: string, names: readonly K[]): Promise<{ models: Record<K, tf.LayersModel>; state: TrainState }> {
  const models = {} as Record<K, tf.LayersModel>;
  for (const name of names) models[name] = await tf.loadLayersModel(fileLoadHandler(path.join(dir, name, 'model.json')));
  const state = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as TrainState;
  return { models, state };
}

/** Restores an Adam state saved under `name` into a fresh optimizer of the same model. */
export async function loadCheckpointOptimizer(dir: string, name: string, optimizer: tf.Optimizer): Promise<void> {
  const file = optimizerFile(dir, name);
  const buf = fs.readFileSync(file);
  const specs = JSON.parse(fs.readFileSync(file + '.json', 'utf8')) as tf.io.WeightsManifestEntry[];
  await restoreOptimizerState(optimizer, { data: buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer, specs });
}
