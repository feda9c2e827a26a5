/**
 * npm run -s finetune -- --data <dir> [--prefix <name>] [--train N] [--eval N] [--steps N] [--batch N]
 *                        [--size px] [--lr x] [--lr-critic x] [--objective chromagan|total] [--gan type] [--weights k=v,…]
 *                        [--seed N] [--json <file>] [--export <dir>]
 *
 * The browser's fine-tuning, run in Node with the same core (square crops, training set,
 * trainer, loop) on the shipped generator and critic, to measure what it does: photos
 * whose names start with --prefix are shuffled (seeded); the first --train are learnt
 * from, the next --eval are held apart and colorized before and after.
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../platform/node/tfjs-node-wasm';
import { decodeImageFile } from '../platform/node/image-io';
import { fileLoadHandler, fileSaveHandler } from '../platform/node/model-files';
import { listImageFiles } from '../platform/node/training-images';
import { DEFAULT_GENERATOR_DIR, ENCODER_MODEL_JSON, REPO_ROOT } from '../platform/node/load-colorizer';
import { createColorizer, type ModelInfo } from '../core/model/colorizer';
import { loadEncoder } from '../core/model/encoder';
import { loadTeacher } from '../core/model/teacher';
import { criticPerceptualFeatures } from '../core/model/perceptual-features';
import { evaluateColorizer, type Evaluation } from '../core/metrics/evaluate';
import { squareCrop } from '../core/finetune/square-crop';
import { prepareTrainingSet } from '../core/finetune/training-set';
import { createFineTuneTrainer } from '../core/finetune/trainer';
import { runFineTuneLoop } from '../core/finetune/run';
import { objectiveFromOptions, type Objective } from '../core/train/objective';
import { shuffledIndices } from '../core/train/shuffle';
import { createProgressBar } from './progress';
import '../core/model/layers';

const USAGE = `usage: npm run -s finetune -- --data <dir> [--prefix <name>] [--train 100] [--eval 100] [--steps 200] [--batch 8] [--size 128] [--lr 5e-5] [--lr-critic 5e-5] [--objective chromagan|total] [--gan wgan-gp|minimax|non-saturating] [--weights adversarial=0.05,...] [--seed 1] [--eval-every N] [--json <file>] [--export <dir>]`;
const { values: a } = parseArgs({
  options: {
    data: { type: 'string' }, prefix: { type: 'string', default: '' }, train: { type: 'string', default: '100' }, eval: { type: 'string', default: '100' },
    steps: { type: 'string', default: '200' }, batch: { type: 'string', default: '8' }, size: { type: 'string', default: '128' },
    lr: { type: 'string', default: '5e-5' }, 'lr-critic': { type: 'string', default: '5e-5' }, objective: { type: 'string', default: 'chromagan' },
    gan: { type: 'string' }, weights: { type: 'string' }, seed: { type: 'string', default: '1' }, 'eval-every': { type: 'string', default: '0' }, json: { type: 'string' }, export: { type: 'string' }, help: { type: 'boolean', short: 'h' },
  },
});
if (a.help) {
  console.log(USAGE);
  process.exit(0);
}
if (!a.data) {
  console.error(`finetune: --data is required\n${USAGE}`);
  process.exit(2);
}
const [trainCount, evalCount, steps, batch, size, seed] = [a.train, a.eval, a.steps, a.batch, a.size, a.seed].map(Number) as number[];
let objective: Objective;
try {
  objective = objectiveFromOptions(a.objective!, a.gan, a.weights);
} catch (err) {
  console.error(`finetune: ${(err as Error).message}`);
  process.exit(2);
}

const all = listImageFiles(path.resolve(a.data)).filter((f) => path.basename(f).startsWith(a.prefix!));
const order = shuffledIndices(all.length, seed! + 31).map((i) => all[i]!);
const trainFiles = order.slice(0, trainCount), evalFiles = order.slice(trainCount, trainCount! + evalCount!);
if (trainFiles.length < 3 || evalFiles.length < 1) {
  console.error(`finetune: need at least 3 training and 1 evaluation photo; ${all.length} photos match "${a.prefix}" in ${a.data}`);
  process.exit(2);
}

const backend = await initNodeBackend('wasm');
const modelsDir = path.join(REPO_ROOT, 'public/models');
const info = JSON.parse(fs.readFileSync(path.join(DEFAULT_GENERATOR_DIR, 'manifest.json'), 'utf8')) as ModelInfo;
const loadModel = (dir: string) => tf.loadLayersModel(fileLoadHandler(path.join(dir, 'model.json')));
const [encoder, shipped, decoder, critic] = await Promise.all([
  loadEncoder(fileLoadHandler(ENCODER_MODEL_JSON)),
  loadModel(DEFAULT_GENERATOR_DIR),
  loadModel(DEFAULT_GENERATOR_DIR),
  loadModel(path.join(modelsDir, 'critic/chromagan-v1')),
]);

const evaluate = (model: tf.LayersModel, label: string): Promise<Evaluation> => {
  const bar = createProgressBar(label, evalFiles.length, 'img');
  return evaluateColorizer(createColorizer(encoder, model, info), evalFiles.length, async (i) => ({ name: path.basename(evalFiles[i]!), image: await decodeImageFile(evalFiles[i]!) }), (d) => bar.update(d));
};

const before = await evaluate(shipped, 'eval before');
const crops = await Promise.all(trainFiles.map(async (f) => squareCrop(await decodeImageFile(f), size!)));
const teacher = objective.weights.classDistribution > 0 ? await loadTeacher(fileLoadHandler(path.join(modelsDir, 'teacher/nanodet/model.json'))) : undefined;
const prepBar = createProgressBar('features', crops.length, 'img');
const set = await prepareTrainingSet({ encoder, ...(teacher ? { teacher } : {}), crops, onProgress: (d) => prepBar.update(d) });
teacher?.dispose();
const perceptual = objective.weights.feature > 0 ? criticPerceptualFeatures(await loadModel(path.join(modelsDir, 'critic/chromagan-v1'))) : undefined;
const trainer = createFineTuneTrainer({ decoder, critic, ...(perceptual ? { perceptual } : {}) }, { objective, learningRate: Number(a.lr), criticLearningRate: Number(a['lr-critic']), seed: seed! });

const bar = createProgressBar('finetune', steps!, 'step');
const losses: { step: number; pixel: number; generator: number; critic: number }[] = [];
const evalEvery = Number(a['eval-every']);
const curve: { step: number; psnr: number; ssim: number; colorfulness: number }[] = [{ step: 0, ...before.model }];
const outcome = await runFineTuneLoop({
  trainer, set, startStep: 0, targetSteps: steps!, batchSize: batch!, seed: seed!,
  hooks: evalEvery > 0 ? [{ every: evalEvery, run: async (step) => {
    if (step === steps) return; // the final evaluation follows
    const e = await evaluate(decoder, `eval @${step}`);
    curve.push({ step, ...e.model });
  } }] : [],
  onStep: (r) => {
    losses.push({ step: r.step, pixel: r.losses.pixel, generator: r.losses.generator, critic: r.losses.critic });
    bar.update(r.step, `pixel ${r.losses.pixel.toFixed(4)}`);
  },
});
bar.done(undefined, outcome.step);
const after = await evaluate(decoder, 'eval after');
curve.push({ step: outcome.step, ...after.model });

const row = (name: string, e: Evaluation) => `${name.padEnd(14)} ${e.model.psnr.toFixed(2).padStart(8)} ${e.model.ssim.toFixed(4).padStart(8)} ${e.model.colorfulness.toFixed(2).padStart(14)}`;
console.log(`Fine-tuned ${outcome.step} steps × batch ${batch} at ${size}px on ${trainFiles.length} "${a.prefix}" photos (${set.size} views) in ${outcome.seconds.toFixed(0)} s on ${backend}: ${(outcome.step / outcome.seconds).toFixed(2)} steps/s, ${((outcome.step * batch!) / outcome.seconds).toFixed(1)} img/s`);
console.log(`Held-apart ${evalFiles.length} photos:  ${'PSNR dB'.padStart(8)} ${'SSIM'.padStart(8)} ${'colourfulness'.padStart(14)}`);
console.log(row('shipped', before));
console.log(row('fine-tuned', after));
console.log(`${'gray'.padEnd(14)} ${before.gray.psnr.toFixed(2).padStart(8)} ${before.gray.ssim.toFixed(4).padStart(8)}`);
console.log(`${'reference'.padEnd(14)} ${''.padStart(8)} ${''.padStart(8)} ${before.reference.colorfulness.toFixed(2).padStart(14)}`);
const mean = (xs: number[]) => xs.reduce((s, v) => s + v, 0) / Math.max(1, xs.length);
const tenth = Math.max(1, Math.floor(losses.length / 10));
if (curve.length > 2) console.log(`held-apart PSNR by step: ${curve.map((c) => `${c.step}: ${c.psnr.toFixed(2)}`).join(', ')}`);
console.log(`colour MSE (a,b/110): first ${tenth} steps ${mean(losses.slice(0, tenth).map((l) => l.pixel)).toFixed(5)}, last ${tenth} ${mean(losses.slice(-tenth).map((l) => l.pixel)).toFixed(5)}`);

if (a.json) {
  const strip = ({ images: _images, ...rest }: Evaluation) => rest;
  fs.mkdirSync(path.dirname(path.resolve(a.json)), { recursive: true });
  fs.writeFileSync(a.json, JSON.stringify({
    command: `npm run -s finetune -- ${process.argv.slice(2).join(' ')}`,
    backend, steps: outcome.step, seconds: outcome.seconds, batch, size, objective, learningRate: Number(a.lr), criticLearningRate: Number(a['lr-critic']),
    train: trainFiles.map((f) => path.basename(f)), eval: evalFiles.map((f) => path.basename(f)),
    before: strip(before), after: strip(after), curve, losses,
  }, null, 1));
}
if (a.export) await decoder.save(fileSaveHandler(path.resolve(a.export)));
set.dispose();
perceptual?.dispose();
