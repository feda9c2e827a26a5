/** A fine-tuned generator in IndexedDB, as the colorize worker loads it. */
import type { ModelInfo } from '../core/model/colorizer';
import { ColorizerError } from '../core/runtime/errors';
import { getStoredModel, networkUrl } from '../platform/browser/finetune-store';

export async function fineTunedGeneratorSource(id: string): Promise<{ url: string; info: ModelInfo }> {
  let model;
  try {
    model = await getStoredModel(id);
  } catch (err) {
    if (err instanceof ColorizerError) throw err;
    throw new ColorizerError('model-load-failed', (err as Error).message, { cause: err });
  }
  return {
    url: networkUrl(model.id, 'decoder', model.slot),
    info: {
      name: model.name,
      version: `fine-tuned, ${model.step} steps`,
      trained: true,
      trainingSteps: model.step,
      description: model.origin === 'imported' ? `Fine-tuned model imported from files (${model.step} steps)` : `Fine-tuned here on ${model.photoCount} photos, ${model.step} steps`,
    },
  };
}
