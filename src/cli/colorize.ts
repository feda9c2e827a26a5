/**
 * npm run -s colorize -- <image...> --out <dir> [--model <dir>] [--size <px>] [--samples N --seed S ...]
 * Writes <dir>/<name>.png, colorized at full resolution by the app's own pipeline; with
 * --samples N also N Langevin samples <dir>/<name>-<i>.png (src/cli/write-samples.ts).
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { initNodeBackend } from '../platform/node/tfjs-node-wasm';
import { loadNodeColorizer, DEFAULT_GENERATOR_DIR } from '../platform/node/load-colorizer';
import { decodeImageFile, writePng } from '../platform/node/image-io';
import { colorize, metricsSkippedReason } from '../core/pipeline/colorize';
import { DEFAULT_INFERENCE_SIZE } from '../core/model/config';
import type { ScoreNet } from '../core/langevin/score-net';
import { DEFAULT_SCORE_DIR, loadNodeScoreNet } from '../platform/node/load-score-net';
import { parseSamplingArgs, SAMPLING_OPTIONS, SAMPLING_USAGE } from './sampling-args';
import { writeSamples } from './write-samples';

const USAGE = `usage: npm run -s colorize -- <image...> --out <dir> [--model <dir>] [--size <px>]
  --out <dir>    output folder (created if missing); writes <name>.png per input
  --model <dir>  generator folder with model.json (default public/models/chromagan/v1)
  --size <px>    model input size, multiple of 32 (default ${DEFAULT_INFERENCE_SIZE})
With --samples N, also writes <name>-1.png … <name>-N.png (Langevin dynamics, docs/langevin.md):
${SAMPLING_USAGE}`;

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { out: { type: 'string' }, model: { type: 'string' }, size: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...SAMPLING_OPTIONS },
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
const sampling = parseSamplingArgs(values);
if (typeof sampling === 'string') {
  console.error(`colorize: ${sampling}\n${USAGE}`);
  process.exit(2);
}

const backend = await initNodeBackend('wasm');
const colorizer = await loadNodeColorizer(values.model ? path.resolve(values.model) : DEFAULT_GENERATOR_DIR, size);
if (!colorizer.info.trained) console.error('colorize: warning: the model is an untrained placeholder; colours are random');
let scoreNet: ScoreNet | null = null;
if (sampling.count > 0) {
  scoreNet = await loadNodeScoreNet(values.score ? path.resolve(values.score) : DEFAULT_SCORE_DIR);
  console.error(`colorize: score network ${scoreNet.info.version} (${scoreNet.info.trainingSteps} training steps)`);
}
fs.mkdirSync(values.out, { recursive: true });
let failed = 0;
for (const file of positionals) {
  try {
    const image = await decodeImageFile(file);
    if (scoreNet) {
      const lines = await writeSamples(colorizer, scoreNet, file, image, {
        count: sampling.count, seed: sampling.seed, settings: sampling.settings, outDir: values.out,
        onProgress: (done, total) => process.stderr.write(`\r  Langevin step ${done}/${total}`),
      });
      process.stderr.write('\n');
      console.error(`${lines.join('\n')}\n  (${backend})`);
      continue;
    }
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
scoreNet?.dispose();
process.exit(failed ? 1 : 0);
