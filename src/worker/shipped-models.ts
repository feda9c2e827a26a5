/**
 * Where the workers find the models shipped with the app (all precached for offline
 * use), and the generator's manifest reader.
 */
import type { ModelInfo } from '../core/model/colorizer';
import { ColorizerError } from '../core/runtime/errors';

/** Where the app is served from (Vite's base), as an absolute URL ending in '/'. */
const BASE = new URL(import.meta.env.BASE_URL, self.location.origin).href;

export const MODEL_URLS = {
  encoder: `${BASE}models/encoder/mobilenet_v2/model.json`,
  generator: `${BASE}models/chromagan/v1/model.json`,
  manifest: `${BASE}models/chromagan/v1/manifest.json`,
  /** The Langevin score network, loaded on the first "Show alternatives". */
  score: `${BASE}models/langevin/v1/model.json`,
  scoreManifest: `${BASE}models/langevin/v1/manifest.json`,
  /** Fine-tuning only: the trained critic and the class-distribution teacher. */
  critic: `${BASE}models/critic/chromagan-v1/model.json`,
  teacher: `${BASE}models/teacher/nanodet/model.json`,
} as const;

export async function readManifest(url: string): Promise<ModelInfo> {
  let json: Record<string, unknown>;
  try {
    const response = await fetch(url);
    if (!response.ok) throw new Error(`HTTP ${response.status} for ${url}`);
    json = (await response.json()) as Record<string, unknown>;
  } catch (err) {
    throw new ColorizerError('model-load-failed', `Could not read the model manifest: ${(err as Error).message}`, { cause: err });
  }
  if (typeof json.name !== 'string' || typeof json.version !== 'string' || typeof json.trained !== 'boolean') {
    throw new ColorizerError('model-load-failed', `The model manifest at ${url} lacks name, version or trained`);
  }
  return {
    name: json.name,
    version: json.version,
    trained: json.trained,
    ...(typeof json.trainingSteps === 'number' ? { trainingSteps: json.trainingSteps } : {}),
    ...(typeof json.description === 'string' ? { description: json.description } : {}),
  };
}
