/**
 * tfjs IO handlers over local files for the CLIs (tfjs-node's file:// handler is not
 * available: tfjs-node cannot be installed here).
 */
import fs from 'node:fs';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { quantizeWeights, type WeightQuantization } from '../../core/model/quantize';

/** Loads model.json and its weight files from disk. */
export function fileLoadHandler(modelJsonPath: string): tf.io.IOHandler {
  return {
    async load() {
      const json = JSON.parse(fs.readFileSync(modelJsonPath, 'utf8')) as tf.io.ModelJSON;
      const dir = path.dirname(modelJsonPath);
      const specs: tf.io.WeightsManifestEntry[] = [];
      const buffers: Buffer[] = [];
      for (const group of json.weightsManifest) {
        specs.push(...group.weights);
        for (const p of group.paths) buffers.push(fs.readFileSync(path.join(dir, p)));
      }
      const all = Buffer.concat(buffers);
      const weightData = all.buffer.slice(all.byteOffset, all.byteOffset + all.byteLength) as ArrayBuffer;
      return {
        modelTopology: json.modelTopology,
        format: json.format,
        generatedBy: json.generatedBy,
        convertedBy: json.convertedBy,
        trainingConfig: json.trainingConfig,
        userDefinedMetadata: json.userDefinedMetadata,
        weightSpecs: specs,
        weightData,
      };
    },
  };
}

/** Saves a model as <dir>/model.json + <dir>/weights.bin (written atomically), optionally quantized. */
export function fileSaveHandler(dir: string, metadata?: Record<string, unknown>, quantization: WeightQuantization = 'float32'): tf.io.IOHandler {
  return tf.io.withSaveHandler(async (artifacts) => {
    fs.mkdirSync(dir, { recursive: true });
    const { specs, data: weightData } = quantizeWeights(artifacts.weightSpecs ?? [], artifacts.weightData as ArrayBuffer, quantization);
    const modelJson = {
      format: artifacts.format ?? 'layers-model',
      generatedBy: artifacts.generatedBy,
      convertedBy: artifacts.convertedBy,
      modelTopology: artifacts.modelTopology,
      userDefinedMetadata: { ...(artifacts.userDefinedMetadata ?? {}), ...(metadata ?? {}) },
      weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
    };
    const tmp = (f: string) => path.join(dir, `.${f}.tmp`);
    fs.writeFileSync(tmp('weights.bin'), Buffer.from(weightData));
    fs.writeFileSync(tmp('model.json'), JSON.stringify(modelJson));
    fs.renameSync(tmp('weights.bin'), path.join(dir, 'weights.bin'));
    fs.renameSync(tmp('model.json'), path.join(dir, 'model.json'));
    return { modelArtifactsInfo: tf.io.getModelArtifactsInfoForJSON(artifacts) };
  });
}
