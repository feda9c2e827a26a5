/**
 * Training CLI for the Langevin score network (SPEC §5): denoising score matching over a
 * geometric σ ladder, from the GAN's feature cache (frozen encoder features, L and a,b at
 * the a,b stride), on the tfjs wasm backend in Node. Resumable; Ctrl-C checkpoints.
 *
 *   npm run train -- --data ../shared/datasets/train --phase cache     # the cache, if missing
 *   npm run train:score -- --data ../shared/datasets/train --out runs/score-v1 --steps 20000
 *   npm run train:score -- --data ../shared/datasets/train --out runs/score-v1 --steps 20000 --export public/models/langevin/v1
 */
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../platform/node/tfjs-node-wasm';
import { listImageFiles } from '../platform/node/training-images';
import { TRAIN_INPUT_SIZE } from '../core/model/config';
import type { WeightQuantization } from '../core/model/quantize';
import { shuffledIndices } from '../core/train/shuffle';
import type { TrainBatch } from '../core/train/step';
import { DEFAULT_LEVELS, DEFAULT_SIGMA_MAX, DEFAULT_SIGMA_MIN, geometricSigmas } from '../core/langevin/noise-schedule';
import { createScoreNetwork } from '../core/langevin/score-model';
import { createScoreTrainer } from '../core/langevin/train-step';
import { gatherBatch, loadFeatureCache } from './train/feature-cache';
import { exportScoreModel, hasCheckpoint, loadScoreCheckpoint, loadScoreEma, loadScoreOptimizer, saveScoreCheckpoint, type TrainState } from './train-score/checkpoint';
import { createWeightEma, type WeightEma } from '../core/train/weight-ema';
import { createProgressBar } from './progress';
import { loadNodeScoreNet } from '../platform/node/load-score-net';
import { startTrainingSession } from './train/session';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '../..');

const USAGE = `usage: npm run train:score -- (--data <dir> | --cache <dir>) [options]
  --data <dir>            colour training photos; locates the default cache (.cache/features-<size>-<n>)
  --cache <dir>           feature cache built by \`npm run train -- --phase cache\` (overrides --data)
  --size <px>             training input size used for the cache (default ${TRAIN_INPUT_SIZE})
  --limit <n>             the cache was built with --limit n
  --out <dir>             run folder: checkpoint/, losses.csv (default runs/score)
  --steps <n>             train until this global step (default 20000)
  --batch <n>             batch size (default 16)
  --lr <x>                Adam learning rate (default 5e-4)
  --sigma-max <x>         largest noise level σ_1, in a,b/110 units (default ${DEFAULT_SIGMA_MAX})
  --sigma-min <x>         smallest noise level σ_L (default ${DEFAULT_SIGMA_MIN})
  --levels <n>            number of noise levels L (default ${DEFAULT_LEVELS})
  --checkpoint-every <n>  steps between checkpoints (default 200)
  --init <dir>            start a new run from an exported score net (model.json + manifest.json, e.g.
                          public/models/langevin/v1): its weights, σ ladder and step count; Adam starts fresh
  --ema <decay>           keep an exponential moving average of the weights (default 0.999; 0 = none);
                          checkpoints keep it and --export writes it
  --export <dir>          after training, write model.json, weights.bin and manifest.json there
  --export-weights <w>    with --export: ema (default, when the checkpoint has one) | raw
  --quantize <q>          with --export: float32 | float16 | uint8 weights (default float32)
  --seed <n>              (default 1)`;

const { values: args } = parseArgs({
  options: {
    data: { type: 'string' }, cache: { type: 'string' }, size: { type: 'string', default: String(TRAIN_INPUT_SIZE) }, limit: { type: 'string' },
    out: { type: 'string', default: 'runs/score' }, steps: { type: 'string', default: '20000' }, batch: { type: 'string', default: '16' },
    lr: { type: 'string', default: '5e-4' }, 'sigma-max': { type: 'string' }, 'sigma-min': { type: 'string' }, levels: { type: 'string' },
    'checkpoint-every': { type: 'string', default: '200' }, init: { type: 'string' }, ema: { type: 'string', default: '0.999' }, export: { type: 'string' }, 'export-weights': { type: 'string', default: 'ema' }, quantize: { type: 'string', default: 'float32' },
    seed: { type: 'string', default: '1' }, help: { type: 'boolean', short: 'h' },
  },
});

function fail(message: string): never {
  console.error(`train:score: ${message}\n\n${USAGE}`);
  process.exit(2);
}
function intArg(name: string, v: string | undefined, min = 1): number {
  const n = Number(v);
  if (!Number.isInteger(n) || n < min) fail(`--${name} must be an integer ≥ ${min}, got ${v}`);
  return n;
}
function numArg(name: string, v: string | undefined): number {
  const n = Number(v);
  if (!Number.isFinite(n) || n <= 0) fail(`--${name} must be a number > 0, got ${v}`);
  return n;
}

if (args.help) {
  console.log(USAGE);
  process.exit(0);
}
const size = intArg('size', args.size, 32);
let cacheDir: string;
if (args.cache) cacheDir = path.resolve(args.cache);
else if (args.data) {
  let files = listImageFiles(path.resolve(args.data));
  if (args.limit) files = files.slice(0, intArg('limit', args.limit));
  cacheDir = path.join(ROOT, `.cache/features-${size}-${files.length}`);
} else fail('--data or --cache is required');
if (!fs.existsSync(path.join(cacheDir, 'meta.json'))) {
  fail(`no feature cache in ${cacheDir}; build it with: npm run train -- --data <photos> --size ${size} --phase cache`);
}
const outDir = path.resolve(args.out!);
const checkpointDir = path.join(outDir, 'checkpoint');
if (args.init && !hasCheckpoint(checkpointDir) && !['model.json', 'manifest.json'].every((f) => fs.existsSync(path.join(path.resolve(args.init!), f)))) {
  fail(`--init: no exported score network (model.json + manifest.json) in ${path.resolve(args.init)}`);
}
const totalSteps = intArg('steps', args.steps, 0);
const batch = intArg('batch', args.batch);
const checkpointEvery = intArg('checkpoint-every', args['checkpoint-every']);
const seed = intArg('seed', args.seed, 1);
const lr = numArg('lr', args.lr);
const quantization = args.quantize as WeightQuantization;
if (!['float32', 'float16', 'uint8'].includes(quantization)) fail('--quantize must be float32, float16 or uint8');
const exportWeights = args['export-weights'] as 'ema' | 'raw';
if (!['ema', 'raw'].includes(exportWeights)) fail('--export-weights must be ema or raw');
const emaDecay = Number(args.ema);
if (!(emaDecay === 0 || (emaDecay > 0 && emaDecay < 1))) fail(`--ema must be 0 (none) or a decay in (0, 1), got ${args.ema}`);

// Nothing left to train (the checkpoint is at --steps already, e.g. `--steps 0`): export
// straight from the checkpoint, without loading the multi-GB feature cache.
if (args.export && hasCheckpoint(checkpointDir)) {
  const saved = JSON.parse(fs.readFileSync(path.join(checkpointDir, 'state.json'), 'utf8')) as TrainState;
  if (saved.step >= totalSteps) {
    await initNodeBackend('wasm');
    const manifest = await exportScoreModel(checkpointDir, path.resolve(args.export), quantization, exportWeights);
    const bytes = fs.statSync(path.join(path.resolve(args.export), 'weights.bin')).size;
    console.error(`train:score: exported step ${manifest.trainingSteps} (${manifest.training.weights} weights) → ${args.export} (${(bytes / 1e6).toFixed(2)} MB weights)`);
    process.exit(0);
  }
}
const ladderGiven = args['sigma-max'] !== undefined || args['sigma-min'] !== undefined || args.levels !== undefined;
let sigmas: number[];
try {
  sigmas = geometricSigmas(
    args['sigma-max'] === undefined ? DEFAULT_SIGMA_MAX : numArg('sigma-max', args['sigma-max']),
    args['sigma-min'] === undefined ? DEFAULT_SIGMA_MIN : numArg('sigma-min', args['sigma-min']),
    args.levels === undefined ? DEFAULT_LEVELS : intArg('levels', args.levels));
} catch (err) {
  fail((err as Error).message);
}

const backend = await initNodeBackend('wasm');
const cache = loadFeatureCache(cacheDir);
const stepsPerEpoch = Math.floor(cache.sampleCount / batch);
if (stepsPerEpoch < 1) fail(`batch ${batch} is larger than the ${cache.sampleCount} cached samples`);
console.error(`train:score: backend ${backend}, ${cache.sampleCount} samples (${cache.size}²) from ${cacheDir}`);

let model: tf.LayersModel, state: TrainState;
const resume = hasCheckpoint(checkpointDir);
if (resume) {
  ({ model, state } = await loadScoreCheckpoint(checkpointDir));
  const saved = state.config.sigmas as number[];
  if (ladderGiven && JSON.stringify(saved) !== JSON.stringify(sigmas)) {
    fail(`the checkpoint in ${checkpointDir} was trained with σ ladder ${JSON.stringify(saved)}; drop the --sigma-* / --levels flags or use a new --out`);
  }
  sigmas = saved;
  if (args.init) console.error(`train:score: ${checkpointDir} already has a checkpoint; resuming it and ignoring --init`);
  for (const [name, given, was] of [['batch', batch, state.config.batch], ['lr', lr, state.config.lr], ['seed', seed, state.config.seed]] as const) {
    if (was !== undefined && given !== was) console.error(`train:score: note: --${name} ${given} differs from the checkpoint's ${was}; using ${given} from here on`);
  }
  console.error(`train:score: resuming from step ${state.step} (${(state.trainSeconds / 3600).toFixed(2)} h so far)`);
} else if (args.init) {
  // Warm start: the exported weights and ladder, counting on from the exported step.
  const initDir = path.resolve(args.init);
  const net = await loadNodeScoreNet(initDir);
  const manifest = JSON.parse(fs.readFileSync(path.join(initDir, 'manifest.json'), 'utf8')) as { trainingSteps?: number; training?: { trainSeconds?: number } };
  const initSigmas = [...net.info.sigmas];
  if (ladderGiven && JSON.stringify(initSigmas) !== JSON.stringify(sigmas)) {
    fail(`${initDir} was trained with σ ladder ${JSON.stringify(initSigmas)}; drop the --sigma-* / --levels flags`);
  }
  sigmas = initSigmas;
  model = net.model;
  state = {
    step: manifest.trainingSteps ?? 0, trainSeconds: manifest.training?.trainSeconds ?? 0,
    config: { sigmas, batch, lr, seed, size: cache.size, cache: cacheDir, samples: cache.sampleCount, params: model.countParams(), initFrom: initDir },
  };
  console.error(`train:score: starting from ${initDir} at step ${state.step} (fresh Adam state)`);
  if (state.step >= totalSteps) console.error(`train:score: note: ${initDir} is already at step ${state.step} ≥ --steps ${totalSteps}; nothing to train (raise --steps)`);
} else {
  model = createScoreNetwork(undefined, seed + 1);
  state = { step: 0, trainSeconds: 0, config: { sigmas, batch, lr, seed, size: cache.size, cache: cacheDir, samples: cache.sampleCount, params: model.countParams() } };
}
const trainer = createScoreTrainer({ model, sigmas, learningRate: lr, seed });
if (resume) await loadScoreOptimizer(checkpointDir, trainer.optimizer);

let ema: WeightEma | null = null;
if (emaDecay === 0) delete state.config.emaDecay;
if (emaDecay > 0) {
  const saved = resume ? await loadScoreEma(checkpointDir) : null;
  ema = await createWeightEma(model, emaDecay, saved ? { average: saved, updates: state.emaUpdates ?? 0 } : undefined);
  state.config.emaDecay = emaDecay;
  if (!saved) console.error(`train:score: weight EMA (decay ${emaDecay}) starts at step ${state.step}`);
}

fs.mkdirSync(outDir, { recursive: true });
const lossCsv = path.join(outDir, 'losses.csv');
if (!fs.existsSync(lossCsv)) fs.writeFileSync(lossCsv, `step,epoch,seconds,loss,${sigmas.map((_, i) => `loss_sigma${i}`).join(',')}\n`);

const session = startTrainingSession(state, () => {
  if (ema) state.emaUpdates = ema.updates;
  return saveScoreCheckpoint(checkpointDir, { model, optimizer: trainer.optimizer, state, ...(ema ? { ema: ema.model } : {}) });
});

const bar = createProgressBar('train:score', totalSteps, 'step');
let order: number[] = [];
let orderEpoch = -1;
let avg: number | null = null;
const startStep = state.step;
while (state.step < totalSteps && !session.stopping) {
  const epoch = Math.floor(state.step / stepsPerEpoch);
  if (epoch !== orderEpoch) {
    order = shuffledIndices(cache.sampleCount, seed * 7919 + epoch);
    orderEpoch = epoch;
  }
  const offset = (state.step % stepsPerEpoch) * batch;
  const b = gatherBatch(cache, order.slice(offset, offset + batch));
  const r = trainer.step({ s4: b.s4, s8: b.s8, s16: b.s16, s32: b.s32, global: b.global, lightness: b.lightness, ab: b.ab } as TrainBatch, state.step);
  tf.dispose(Object.values(b));
  ema?.update();
  state.step++;
  await session.yieldToSignals();
  const perLevel = sigmas.map((_, l) => {
    const v = Array.from(r.perSample).filter((_, i) => r.levels[i] === l);
    return v.length ? (v.reduce((x, y) => x + y) / v.length).toPrecision(6) : '';
  });
  const seconds = session.seconds();
  fs.appendFileSync(lossCsv, `${state.step},${epoch},${seconds.toFixed(1)},${r.loss.toPrecision(6)},${perLevel.join(',')}\n`);
  avg = avg === null ? r.loss : 0.98 * avg + 0.02 * r.loss;
  bar.update(state.step, `dsm ${avg.toFixed(4)} ep ${epoch}`);
  if (!Number.isFinite(r.loss)) throw new Error(`DSM loss is ${r.loss} at step ${state.step}; stopping`);
  if (state.step % checkpointEvery === 0) await session.checkpoint();
}
if (state.step > startStep || !resume) await session.checkpoint();
bar.done(undefined, state.step);
console.error(`train:score: stopped at step ${state.step}; checkpoint in ${checkpointDir}`);

if (args.export) {
  const manifest = await exportScoreModel(checkpointDir, path.resolve(args.export), quantization, exportWeights);
  const bytes = fs.statSync(path.join(path.resolve(args.export), 'weights.bin')).size;
  console.error(`train:score: exported step ${manifest.trainingSteps} (${manifest.training.weights} weights) → ${args.export} (${(bytes / 1e6).toFixed(2)} MB weights)`);
}
