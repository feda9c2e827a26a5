/**
 * Writes a generator (decoder + class head) where the app loads it:
 * <dir>/model.json, weights.bin and manifest.json (name, version, trained, steps), and
 * the trained critic for in-browser fine-tuning (models/critic/chromagan-v1 for models/chromagan/v1).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import type { ModelInfo } from '../../core/model/colorizer';
import type { WeightQuantization } from '../../core/model/quantize';
import { fileLoadHandler, fileSaveHandler } from '../../platform/node/model-files';
import type { TrainState } from './checkpoint';
import '../../core/model/layers';

export interface ModelManifest extends ModelInfo {
  readonly files: { readonly model: string };
  readonly training?: Record<string, unknown>;
  readonly weights?: WeightQuantization;
}

export async function writeGenerator(decoder: tf.LayersModel, dir: string, manifest: ModelManifest, quantization: WeightQuantization = 'float32'): Promise<void> {
  await decoder.save(fileSaveHandler(dir, undefined, quantization));
  fs.writeFileSync(path.join(dir, 'manifest.json'), JSON.stringify(manifest, null, 2) + '\n');
}

/** models/chromagan/v1 → models/critic/chromagan-v1 (the app's model folders are two levels deep). */
export function criticDirFor(generatorDir: string): string {
  return path.join(path.dirname(path.dirname(generatorDir)), 'critic', `${path.basename(path.dirname(generatorDir))}-${path.basename(generatorDir)}`);
}

export async function exportGenerator(checkpointDir: string, dir: string, meta: { files: number; dataDir: string; quantization?: WeightQuantization }): Promise<void> {
  const decoder = await tf.loadLayersModel(fileLoadHandler(path.join(checkpointDir, 'decoder/model.json')));
  const state = JSON.parse(fs.readFileSync(path.join(checkpointDir, 'state.json'), 'utf8')) as TrainState;
  await writeGenerator(decoder, dir, {
    name: 'ChromaGAN-MobileNetV2',
    version: `${path.basename(dir)}-step${state.step}`,
    trained: true,
    trainingSteps: state.step,
    description: `Decoder + class head trained ${state.step} steps on ${meta.files} photos (${(state.trainSeconds / 3600).toFixed(2)} h CPU, wasm)`,
    files: { model: 'model.json' },
    weights: meta.quantization ?? 'float32',
    training: { ...state.config, trainSeconds: Math.round(state.trainSeconds), data: meta.dataDir },
  }, meta.quantization);
  console.error(`export: generator at step ${state.step} → ${dir}`);
  decoder.dispose();
  // The trained critic goes with it: in-browser fine-tuning starts its adversarial term
  // (and the perceptual φ) from it instead of from random weights.
  const criticDir = criticDirFor(dir);
  const critic = await tf.loadLayersModel(fileLoadHandler(path.join(checkpointDir, 'critic/model.json')));
  await critic.save(fileSaveHandler(criticDir, { trainingSteps: state.step, generatorVersion: `${path.basename(dir)}-step${state.step}` }, meta.quantization));
  console.error(`export: critic at step ${state.step} → ${criticDir}`);
  critic.dispose();
}
