/**
 * npm run -s eval -- --data <dir> --json <file> [--model <dir>] [--size <px>] [--limit <n>]
 *
 * Every image in <dir> is ground truth: its L is the input, the app's own pipeline
 * colorizes it. Compares the model with the gray baseline (L with a = b = 0).
 * Writes means and per-image numbers as JSON and prints a table.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initNodeBackend } from '../platform/node/tfjs-node-wasm';
import { loadNodeColorizer, DEFAULT_GENERATOR_DIR } from '../platform/node/load-colorizer';
import { decodeImageFile } from '../platform/node/image-io';
import { listImageFiles } from '../platform/node/training-images';
import { evaluateColorizer } from '../core/metrics/evaluate';
import { DEFAULT_INFERENCE_SIZE } from '../core/model/config';

const USAGE = `usage: npm run -s eval -- --data <dir> --json <file> [--model <dir>] [--size <px>] [--limit <n>]`;
const { values } = parseArgs({
  options: { data: { type: 'string' }, json: { type: 'string' }, model: { type: 'string' }, size: { type: 'string' }, limit: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!values.data || !values.json) {
  console.error(`eval: --data and --json are required\n${USAGE}`);
  process.exit(2);
}
const size = values.size ? Number(values.size) : DEFAULT_INFERENCE_SIZE;
let files = listImageFiles(path.resolve(values.data));
if (values.limit) files = files.slice(0, Number(values.limit));
if (files.length === 0) {
  console.error(`eval: no images in ${values.data}`);
  process.exit(2);
}

const backend = await initNodeBackend('wasm');
const modelDir = values.model ? path.resolve(values.model) : DEFAULT_GENERATOR_DIR;
const colorizer = await loadNodeColorizer(modelDir, size);

const evaluation = await evaluateColorizer(colorizer, files.length, async (i) => ({ name: path.basename(files[i]!), image: await decodeImageFile(files[i]!) }), (done, total) =>
  process.stderr.write(`\reval ${done}/${total}`),
);
process.stderr.write('\n');
const { images, ...means } = evaluation;
const summary = {
  data: values.data, count: means.count, backend, inputSize: size,
  model: { ...colorizer.info, dir: path.relative(process.cwd(), modelDir), ...means.model },
  gray: { ...means.gray, colorfulness: 0 },
  reference: means.reference,
  medianMs: means.medianMs,
  images: images.map(({ name, ...rest }) => ({ file: name, ...rest })),
};
fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
fs.writeFileSync(values.json, JSON.stringify(summary, null, 1));
const line = (name: string, p: number, s: number, c: number) => `${name.padEnd(10)} ${p.toFixed(2).padStart(8)} ${s.toFixed(4).padStart(8)} ${c.toFixed(2).padStart(14)}`;
console.log(`${'Images: ' + summary.count + ' from ' + values.data}  (model ${colorizer.info.name} ${colorizer.info.version}${colorizer.info.trained ? '' : ', UNTRAINED'}, input ${size}px, ${backend})`);
console.log(`${''.padEnd(10)} ${'PSNR dB'.padStart(8)} ${'SSIM'.padStart(8)} ${'colourfulness'.padStart(14)}`);
console.log(line('model', summary.model.psnr, summary.model.ssim, summary.model.colorfulness));
console.log(line('gray', summary.gray.psnr, summary.gray.ssim, 0));
console.log(`${'reference'.padEnd(10)} ${''.padStart(8)} ${''.padStart(8)} ${summary.reference.colorfulness.toFixed(2).padStart(14)}`);
colorizer.dispose();
