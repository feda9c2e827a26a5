/**
 * npm run -s eval:langevin -- --data <dir> [--json <file>] [--samples N] [--limit n] [--seed S] [--sheet <png>] [sampler flags]
 *
 * For every photo in <dir> (ground truth: its L is the input), N Langevin samples and the
 * GAN's result through the app's own code; reports the GAN's PSNR, best-of-N and mean
 * PSNR of the samples, SSIM, the diversity (mean pairwise a,b distance, Lab units) and the
 * time per sample. --sheet writes a contact sheet: original | GAN | samples, one row per photo.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import sharp, { type OverlayOptions } from 'sharp';
import { initNodeBackend } from '../platform/node/tfjs-node-wasm';
import { loadNodeColorizer, DEFAULT_GENERATOR_DIR } from '../platform/node/load-colorizer';
import { DEFAULT_SCORE_DIR, loadNodeScoreNet } from '../platform/node/load-score-net';
import { decodeImageFile } from '../platform/node/image-io';
import { listImageFiles } from '../platform/node/training-images';
import { colorizeSamples } from '../core/langevin/colorize-samples';
import type { RawImage } from '../core/image';
import { parseSamplingArgs, SAMPLING_OPTIONS, SAMPLING_USAGE } from './sampling-args';

const USAGE = `usage: npm run -s eval:langevin -- --data <dir> [--json <file>] [--samples N] [--limit n] [--sheet <png>] [--model <dir>]
  --data <dir>    colour photos (ground truth), e.g. ../shared/datasets/bsd100_256
  --json <file>   write the summary and per-photo numbers
  --limit <n>     only the first n photos (by name)
  --sheet <png>   contact sheet: original | GAN | samples per row (128 px tiles)
  --model <dir>   GAN generator folder (default public/models/chromagan/v1)
  --samples N defaults to 8 here.
${SAMPLING_USAGE}`;

const { values } = parseArgs({
  options: { data: { type: 'string' }, json: { type: 'string' }, limit: { type: 'string' }, sheet: { type: 'string' }, model: { type: 'string' }, help: { type: 'boolean', short: 'h' }, ...SAMPLING_OPTIONS },
});
if (values.help) {
  console.log(USAGE);
  process.exit(0);
}
const sampling = parseSamplingArgs({ ...values, samples: values.samples ?? '8' });
if (!values.data || typeof sampling === 'string') {
  console.error(`eval:langevin: ${typeof sampling === 'string' ? sampling : '--data is required'}\n${USAGE}`);
  process.exit(2);
}
let files = listImageFiles(path.resolve(values.data));
if (values.limit !== undefined) {
  const limit = Number(values.limit);
  if (!Number.isInteger(limit) || limit < 1) {
    console.error(`eval:langevin: --limit must be a whole number ≥ 1, got ${values.limit}`);
    process.exit(2);
  }
  files = files.slice(0, limit);
}
if (files.length === 0) {
  console.error(`eval:langevin: no images in ${values.data}`);
  process.exit(2);
}

const backend = await initNodeBackend('wasm');
const colorizer = await loadNodeColorizer(values.model ? path.resolve(values.model) : DEFAULT_GENERATOR_DIR);
const scoreNet = await loadNodeScoreNet(values.score ? path.resolve(values.score) : DEFAULT_SCORE_DIR);

interface Row { file: string; gan: { psnr: number; ssim: number }; samples: { psnr: number; ssim: number }[]; best: number; mean: number; diversity: number | null; msPerSample: number }
const rows: Row[] = [];
const TILE = 128;
const sheet: OverlayOptions[] = [];
const tile = (img: RawImage) => sharp(Buffer.from(img.data.buffer, img.data.byteOffset, img.data.length), { raw: { width: img.width, height: img.height, channels: 4 } })
  .resize(TILE, TILE, { fit: 'cover' }).removeAlpha().png().toBuffer();
let settings;
for (const [i, file] of files.entries()) {
  const image = await decodeImageFile(file);
  const r = await colorizeSamples(colorizer, scoreNet, image, { count: sampling.count, seed: sampling.seed, ...sampling.settings });
  settings = { ...r.ab.settings, evaluations: r.ab.evaluations };
  if (!r.gan.metrics || r.metrics.some((m) => !m)) {
    console.error(`eval:langevin: ${file} has no colour reference; skipped`);
    continue;
  }
  const samples = r.metrics.map((m) => ({ psnr: m!.psnr, ssim: m!.ssim }));
  const ps = samples.map((s) => s.psnr);
  rows.push({
    file: path.basename(file), gan: r.gan.metrics, samples, best: Math.max(...ps), mean: ps.reduce((a, b) => a + b) / ps.length,
    diversity: r.ab.diversity, msPerSample: r.ab.timings.samplingMs / sampling.count,
  });
  if (values.sheet) {
    const tiles = await Promise.all([image, r.gan.image, ...r.images].map(tile));
    tiles.forEach((input, k) => sheet.push({ input, left: k * (TILE + 4), top: rows.length * (TILE + 4) - TILE - 4 }));
  }
  process.stderr.write(`\reval:langevin ${i + 1}/${files.length}`);
}
process.stderr.write('\n');
if (rows.length === 0) {
  console.error('eval:langevin: none of the photos has colour to compare with (all grayscale); nothing to report');
  process.exit(2);
}
const mean = (f: (r: Row) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
const summary = {
  data: values.data, count: rows.length, backend, samples: sampling.count, seed: sampling.seed, settings,
  scoreNet: { version: scoreNet.info.version, trainingSteps: scoreNet.info.trainingSteps }, gan: colorizer.info.version,
  ganPsnr: mean((r) => r.gan.psnr), ganSsim: mean((r) => r.gan.ssim),
  bestOfNPsnr: mean((r) => r.best), meanSamplePsnr: mean((r) => r.mean), meanSampleSsim: mean((r) => r.samples.reduce((s, x) => s + x.ssim, 0) / r.samples.length),
  bestBeatsGan: rows.filter((r) => r.best > r.gan.psnr).length,
  diversity: mean((r) => r.diversity ?? 0), msPerSample: mean((r) => r.msPerSample),
  images: rows,
};
if (values.json) {
  fs.mkdirSync(path.dirname(path.resolve(values.json)), { recursive: true });
  fs.writeFileSync(values.json, JSON.stringify(summary, null, 1));
}
if (values.sheet && rows.length) {
  const width = (sampling.count + 2) * (TILE + 4) - 4, height = rows.length * (TILE + 4) - 4;
  await sharp({ create: { width, height, channels: 3, background: '#ffffff' } }).composite(sheet).png().toFile(values.sheet);
}
const s = summary.settings!;
console.log(`${rows.length} photos from ${values.data}, ${sampling.count} samples each, seed ${sampling.seed}; score net ${scoreNet.info.version} (${scoreNet.info.trainingSteps} steps); ` +
  `T ${s.stepsPerLevel}, ε ${s.epsilon}, start level ${s.startLevel}, ${s.evaluations} evaluations/sample; ${backend}`);
console.log(`GAN PSNR ${summary.ganPsnr.toFixed(2)} dB (SSIM ${summary.ganSsim.toFixed(4)}) | best-of-${sampling.count} PSNR ${summary.bestOfNPsnr.toFixed(2)} dB | mean sample PSNR ${summary.meanSamplePsnr.toFixed(2)} dB (SSIM ${summary.meanSampleSsim.toFixed(4)})`);
console.log(`best-of-N beats the GAN on ${summary.bestBeatsGan}/${rows.length} photos | diversity ${summary.diversity.toFixed(2)} Lab units | ${(summary.msPerSample / 1000).toFixed(2)} s per sample`);
colorizer.dispose();
scoreNet.dispose();
