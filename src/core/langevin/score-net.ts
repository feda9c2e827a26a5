/**
 * A shipped Langevin score network: the tfjs model plus what its manifest.json says
 * (σ ladder, conventions, how long it was trained), loaded from any tfjs IO source
 * (URL, indexeddb://, files), like loadColorizer.
 */
import * as tf from '@tensorflow/tfjs';
import { AB_SCALE, AB_STRIDE } from '../model/config';
import { ColorizerError } from '../runtime/errors';
import { validateSigmas } from './noise-schedule';
import { SCORE_INPUTS, SIGMA_DATA } from './score-model';
import '../model/layers';

/** The parts of a score network's manifest.json the sampler needs (written by `train:score --export`). */
export interface ScoreNetInfo {
  readonly name: string;
  readonly version: string;
  readonly trained: boolean;
  readonly trainingSteps: number;
  readonly description?: string;
  /** σ_1 > … > σ_L, in a,b / AB_SCALE units. */
  readonly sigmas: readonly number[];
}

export interface ScoreNet {
  readonly model: tf.LayersModel;
  readonly info: ScoreNetInfo;
  dispose(): void;
}

function bad(message: string): never {
  throw new ColorizerError('model-load-failed', `Score-network manifest: ${message}`);
}

/**
 * Checks a parsed manifest.json and returns what the sampler uses. Refuses a network
 * trained under other conventions (σ_data, a,b scale or stride, inputs) than this code's.
 */
export function parseScoreManifest(json: unknown): ScoreNetInfo {
  if (typeof json !== 'object' || json === null) bad('not a JSON object');
  const m = json as Record<string, unknown>;
  if (typeof m.name !== 'string' || typeof m.version !== 'string' || typeof m.trained !== 'boolean') bad('lacks name, version or trained');
  const l = m.langevin as Record<string, unknown> | undefined;
  if (!l || !Array.isArray(l.sigmas)) bad('lacks langevin.sigmas');
  try {
    validateSigmas(l.sigmas as number[]);
  } catch (err) {
    bad((err as Error).message);
  }
  if (l.sigmaData !== SIGMA_DATA || l.abScale !== AB_SCALE || l.abStride !== AB_STRIDE) {
    bad(`trained with sigmaData ${String(l.sigmaData)}, abScale ${String(l.abScale)}, abStride ${String(l.abStride)}; this code uses ${SIGMA_DATA}, ${AB_SCALE}, ${AB_STRIDE}`);
  }
  if (JSON.stringify(l.inputs) !== JSON.stringify(SCORE_INPUTS)) bad(`inputs ${JSON.stringify(l.inputs)} differ from ${JSON.stringify(SCORE_INPUTS)}`);
  return {
    name: m.name,
    version: m.version,
    trained: m.trained,
    trainingSteps: typeof m.trainingSteps === 'number' ? m.trainingSteps : 0,
    ...(typeof m.description === 'string' ? { description: m.description } : {}),
    sigmas: [...(l.sigmas as number[])],
  };
}

export function createScoreNet(model: tf.LayersModel, info: ScoreNetInfo): ScoreNet {
  return { model, info, dispose: () => model.dispose() };
}

/** Loads the network's model.json/weights; `manifest` is its parsed manifest.json. */
export async function loadScoreNet(source: string | tf.io.IOHandler, manifest: unknown): Promise<ScoreNet> {
  const info = parseScoreManifest(manifest);
  let model: tf.LayersModel;
  try {
    model = await tf.loadLayersModel(source);
  } catch (err) {
    throw new ColorizerError('model-load-failed', `Could not load the score network: ${(err as Error).message}`, { cause: err });
  }
  return createScoreNet(model, info);
}
