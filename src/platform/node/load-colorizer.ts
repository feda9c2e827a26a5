/** Loads the shipped (or a given) colorizer from disk for the CLIs. */
import fs from 'node:fs';
import path from 'node:path';
import { loadColorizer, type Colorizer, type ModelInfo } from '../../core/model/colorizer';
import { DEFAULT_INFERENCE_SIZE } from '../../core/model/config';
import { fileLoadHandler } from './model-files';

export const REPO_ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../../..');
export const DEFAULT_GENERATOR_DIR = path.join(REPO_ROOT, 'public/models/chromagan/v1');
export const ENCODER_MODEL_JSON = path.join(REPO_ROOT, 'public/models/encoder/mobilenet_v2/model.json');

export async function loadNodeColorizer(generatorDir = DEFAULT_GENERATOR_DIR, inputSize = DEFAULT_INFERENCE_SIZE): Promise<Colorizer> {
  const modelJson = path.join(generatorDir, 'model.json');
  if (!fs.existsSync(modelJson)) throw new Error(`No model at ${modelJson}`);
  const manifestPath = path.join(generatorDir, 'manifest.json');
  const info: ModelInfo = fs.existsSync(manifestPath)
    ? (JSON.parse(fs.readFileSync(manifestPath, 'utf8')) as ModelInfo)
    : { name: path.basename(generatorDir), version: 'unknown', trained: true };
  return loadColorizer({ encoder: fileLoadHandler(ENCODER_MODEL_JSON), generator: fileLoadHandler(modelJson), info, inputSize });
}
