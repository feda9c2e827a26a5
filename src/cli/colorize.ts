/**
 * npm run -s colorize -- <image...> --out <dir> [--model <dir>] [--size <px>]
 * Writes <dir>/<name>.png, colorized at full resolution by the app's own pipeline.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initNodeBackend } from '../platform/node/tfjs-node-wasm';
import { loadNodeColorizer, DEFAULT_GENERATOR_DIR } from '../platform/node/load-colorizer';
import { decodeImageFile, writePng } from '../platform/node/image-io';
import { colorize, metricsSkippedReason } from '../core/pipeline/colorize';
import { DEFAULT_INFERENCE_SIZE } from '../core/model/config';

const USAGE = `usage: npm run -s colorize -- <image...> --out <dir> [--model <dir>] [--size <px>]
  --out <dir>    output folder (created if missing); writes <name>.png per input
  --model <dir>  generator folder with model.json (default public/models/chromagan/v1)
  --size <px>    model input size, multiple of 32 (default ${DEFAULT_INFERENCE_SIZE})`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, model: { type: 'string' }, size: { type: 'string' }, help: { type: 'boolean', short: 'h' } },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
if (positionals.length === 0 || !values.out) {
  console.error(`colorize: ${positionals.length === 0 ? 'no input images given' : '--out <dir> is required'}\n${USAGE}`);
  process.exit(2);
}
const size = values.size ? Number(values.size) : DEFAULT_INFERENCE_SIZE;
if (!Number.isInteger(size) || size < 32 || size % 32) {
  console.error(`colorize: --size must be a multiple of 32, got ${values.size}`);
  process.exit(2);
}

const backend = await initNodeBackend('wasm');
const colorizer = await loadNodeColorizer(values.model ? path.resolve(values.model) : DEFAULT_GENERATOR_DIR, size);
if (!colorizer.info.trained) console.error('colorize: warning: the model is an untrained placeholder; colours are random');
fs.mkdirSync(values.out, { recursive: true });
let failed = 0;
for (const file of positionals) {
  try {
    const image = await decodeImageFile(file);
    const skipMetrics = metricsSkippedReason(image.width * image.height);
    const r = await colorize(colorizer, image, { computeMetrics: skipMetrics === null });
    const out = path.join(values.out, `${path.parse(file).name}.png`);
    await writePng(out, r.colorized);
    const m = r.metrics
      ? `PSNR ${r.metrics.psnr.toFixed(2)} dB, SSIM ${r.metrics.ssim.toFixed(4)}`
      : r.hasColourReference ? `PSNR/SSIM ${skipMetrics}` : 'no colour reference';
    console.error(`${file} → ${out} (${image.width}×${image.height}, ${r.timings.totalMs.toFixed(0)} ms on ${backend}; ${m})`);
  } catch (err) {
    failed++;
    console.error(`colorize: ${err instanceof Error ? err.message : String(err)}`);
  }
}
colorizer.dispose();
process.exit(failed ? 1 : 0);
