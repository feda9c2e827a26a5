/**
 * Resumable training checkpoints on disk: decoder and critic as tfjs layers models,
 * both Adam states, and the step counter. Written to a temp folder, then swapped in.
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { fileLoadHandler, fileSaveHandler } from '../../platform/node/model-files';
import '../../core/model/layers';

export interface TrainState {
  step: number;
  /** Wall-clock seconds spent training, summed over sessions. */
  trainSeconds: number;
  config: Record<string, unknown>;
}

async function saveOptimizer(opt: tf.Optimizer, file: string): Promise<void> {
  const named = await opt.getWeights();
  const { data, specs } = await tf.io.encodeWeights(named);
  fs.writeFileSync(file, Buffer.from(data as ArrayBuffer));
  fs.writeFileSync(file + '.json', JSON.stringify(specs));
}

async function loadOptimizer(opt: tf.Optimizer, file: string): Promise<void> {
  const buf = fs.readFileSync(file);
  const specs = JSON.parse(fs.readFileSync(file + '.json', 'utf8')) as tf.io.WeightsManifestEntry[];
  const map = tf.io.decodeWeights(buf.buffer.slice(buf.byteOffset, buf.byteOffset + buf.length) as ArrayBuffer, specs);
  await opt.setWeights(specs.map((s) => ({ name: s.name, tensor: map[s.name]! })));
}

export async function saveCheckpoint(dir: string, parts: { decoder: tf.LayersModel; critic: tf.LayersModel; gOpt: tf.Optimizer; dOpt: tf.Optimizer; state: TrainState }): Promise<void> {
  const tmp = `${dir}.tmp`;
  fs.rmSync(tmp, { recursive: true, force: true });
  fs.mkdirSync(tmp, { recursive: true });
  await parts.decoder.save(fileSaveHandler(path.join(tmp, 'decoder')));
  await parts.critic.save(fileSaveHandler(path.join(tmp, 'critic')));
  await saveOptimizer(parts.gOpt, path.join(tmp, 'adam-generator.bin'));
  await saveOptimizer(parts.dOpt, path.join(tmp, 'adam-critic.bin'));
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

export async function loadCheckpointModels(dir: string): Promise<{ decoder: tf.LayersModel; critic: tf.LayersModel; state: TrainState }> {
  const decoder = await tf.loadLayersModel(fileLoadHandler(path.join(dir, 'decoder/model.json')));
  const critic = await tf.loadLayersModel(fileLoadHandler(path.join(dir, 'critic/model.json')));
  const state = JSON.parse(fs.readFileSync(path.join(dir, 'state.json'), 'utf8')) as TrainState;
  return { decoder, critic, state };
}

export async function loadCheckpointOptimizers(dir: string, gOpt: tf.Optimizer, dOpt: tf.Optimizer): Promise<void> {
  await loadOptimizer(gOpt, path.join(dir, 'adam-generator.bin'));
  await loadOptimizer(dOpt, path.join(dir, 'adam-critic.bin'));
}
