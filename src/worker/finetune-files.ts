/**
 * A fine-tuned generator as files a user can keep and bring back: `<name>.json` (tfjs
 * layers format, with the model's summary in userDefinedMetadata) + `<name>.weights.bin`.
 * Import checks that the files are a generator this app can run before storing them.
 */
import * as tf from '@tensorflow/tfjs';
import { ColorizerError } from '../core/runtime/errors';
import type { ExportedFile, FineTunedModelSummary, PhotoInput } from './finetune-protocol';

export const EXPORT_METADATA_KEY = 'chromaFineTune';

export function exportFileStem(name: string): string {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '').slice(0, 48);
  return `colorizer-${slug || 'fine-tuned'}`;
}

export async function modelToFiles(decoder: tf.LayersModel, summary: FineTunedModelSummary): Promise<ExportedFile[]> {
  const stem = exportFileStem(summary.name);
  let files: ExportedFile[] = [];
  const { slot: _slot, ...plain } = summary as FineTunedModelSummary & { slot?: string };
  decoder.setUserDefinedMetadata({ [EXPORT_METADATA_KEY]: { ...plain, exportedAt: Date.now() } });
  await decoder.save(tf.io.withSaveHandler(async (artifacts) => {
    const weightsName = `${stem}.weights.bin`;
    const json = {
      format: artifacts.format,
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      modelTopology: artifacts.modelTopology,
      userDefinedMetadata: artifacts.userDefinedMetadata,
      weightsManifest: [{ paths: [`./${weightsName}`], weights: artifacts.weightSpecs }],
    };
    files = [
      { name: `${stem}.json`, blob: new Blob([JSON.stringify(json)], { type: 'application/json' }) },
      { name: weightsName, blob: new Blob([artifacts.weightData as ArrayBuffer], { type: 'application/octet-stream' }) },
    ];
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  }));
  return files;
}

/** Loads model.json + weights from user files; checks it matches `reference`'s inputs and outputs. */
export async function modelFromFiles(files: readonly PhotoInput[], reference: tf.LayersModel): Promise<{ model: tf.LayersModel; summary?: Partial<FineTunedModelSummary>; fileStem: string }> {
  const json = files.find((f) => f.name.toLowerCase().endsWith('.json'));
  const weights = files.filter((f) => f.name.toLowerCase().endsWith('.bin'));
  if (!json || weights.length === 0) {
    throw new ColorizerError('invalid-argument', 'Choose both files of an exported model: the .json file and its .weights.bin');
  }
  let model: tf.LayersModel;
  try {
    // tfjs pairs the weights by the file name model.json lists. A browser saving the same
    // export twice renames it ("… (1).weights.bin"): one .json with one .bin is paired anyway.
    const listed = weightPaths(await json.blob.text());
    const weightName = (f: PhotoInput) => (listed.length === 1 && weights.length === 1 ? listed[0]! : f.name);
    const asFile = (f: PhotoInput, name = f.name) => new File([f.blob], name);
    model = await tf.loadLayersModel(tf.io.browserFiles([asFile(json), ...weights.map((w) => asFile(w, weightName(w)))]));
  } catch (err) {
    throw new ColorizerError('invalid-argument', `These files are not a model this app can load: ${(err as Error).message}`, { cause: err });
  }
  const shapes = (m: tf.LayersModel) => JSON.stringify([m.inputs.map((t) => t.shape), m.outputs.map((t) => t.shape)]);
  if (shapes(model) !== shapes(reference)) {
    model.dispose();
    throw new ColorizerError('invalid-argument', 'This model is not a colorizer generator of this app (its inputs or outputs differ)');
  }
  const meta = (model.getUserDefinedMetadata() as Record<string, unknown> | undefined)?.[EXPORT_METADATA_KEY];
  const fileStem = json.name.replace(/\.json$/i, '');
  return { model, fileStem, ...(meta && typeof meta === 'object' ? { summary: meta as Partial<FineTunedModelSummary> } : {}) };
}

/** The weight file names a model.json lists (base names); none if it is not such a file. */
function weightPaths(modelJson: string): string[] {
  try {
    const manifest = (JSON.parse(modelJson) as { weightsManifest?: { paths?: unknown[] }[] }).weightsManifest ?? [];
    return manifest.flatMap((group) => (group.paths ?? []).filter((p): p is string => typeof p === 'string')).map((p) => p.split('/').pop()!);
  } catch {
    return [];
  }
}
