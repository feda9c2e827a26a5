/**
 * npm run bench [-- --quick] — speed and memory of training and inference in Node,
 * written to docs/BENCHMARKS.md (and printed).
 *
 * - Training throughput (img/s) of the GAN step at the training size, on wasm with the
 *   project's gradient kernels vs the pure-JS cpu backend.
 * - Inference: full pipeline (decode excluded) median ms for 512×512 and 2048×1536 photos
 *   per backend, and the process's peak resident memory.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../platform/node/tfjs-node-wasm';
import { loadNodeColorizer, REPO_ROOT } from '../platform/node/load-colorizer';
import { createDecoder } from '../core/model/decoder';
import { createCritic } from '../core/model/critic';
import { createGanTrainer, type TrainBatch } from '../core/train/step';
import { CHROMAGAN_OBJECTIVE } from '../core/train/objective';
import { sampleFieldShapes } from '../core/train/sample-features';
import { TRAIN_INPUT_SIZE, NUM_CLASSES } from '../core/model/config';
import { colorize } from '../core/pipeline/colorize';
import { createRawImage, type RawImage } from '../core/image';

const quick = process.argv.includes('--quick');
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

function syntheticPhoto(w: number, h: number): RawImage {
  const img = createRawImage(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) {
    const i = (y * w + x) * 4;
    img.data[i] = (x * 255) / w; img.data[i + 1] = (y * 255) / h; img.data[i + 2] = ((x + y) * 97) % 256; img.data[i + 3] = 255;
  }
  return img;
}

function randomBatch(n: number): TrainBatch {
  const s = sampleFieldShapes(TRAIN_INPUT_SIZE);
  const at = (shape: number[]): number[] => [n, ...shape];
  const normal = (shape: number[], std = 1) => tf.randomNormal(at(shape), 0, std);
  return tf.tidy(() => ({
    s4: normal(s.s4), s8: normal(s.s8), s16: normal(s.s16), s32: normal(s.s32),
    global: tf.randomUniform(at(s.global)), lightness: tf.randomUniform(at(s.lightness), -1, 1),
    ab: normal(s.ab, 0.2), teacher: tf.softmax(tf.randomNormal([n, NUM_CLASSES])), teacherMask: tf.ones([n]),
  })) as unknown as TrainBatch;
}

async function trainingRate(backend: 'wasm' | 'cpu', batch: number, steps: number): Promise<number> {
  await tf.setBackend(backend);
  const trainer = createGanTrainer({ decoder: createDecoder(), critic: createCritic(), objective: CHROMAGAN_OBJECTIVE, generatorLearningRate: 1e-4, criticLearningRate: 1e-4 });
  const b = randomBatch(batch);
  trainer.step(b, 0); // warm-up
  const t0 = performance.now();
  for (let i = 1; i <= steps; i++) trainer.step(b, i);
  const rate = (batch * steps * 1000) / (performance.now() - t0);
  tf.dispose(Object.values(b));
  return rate;
}

await initNodeBackend('wasm');
const lines: string[] = [];
const log = (s: string) => {
  console.log(s);
  lines.push(s);
};
log(`# Benchmarks\n\nRun by \`npm run bench${quick ? ' -- --quick' : ''}\` on ${new Date().toISOString().slice(0, 10)}.`);
log(`Machine: ${os.cpus()[0]?.model ?? 'unknown CPU'}, ${os.cpus().length} cores, ${(os.totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, no GPU. tfjs ${tf.version.tfjs}; wasm runs one thread (SIMD).`);
log(`Load at the time (1-min load average): ${os.loadavg()[0]!.toFixed(2)} — other jobs on the machine slow every number here.\n`);

log('## Training step (decoder + class head + critic, ChromaGAN objective, WGAN-GP), 160² inputs\n');
log('| backend | img/s |\n|---|---|');
const wasmRate = await trainingRate('wasm', 16, quick ? 2 : 6);
log(`| wasm + project gradient kernels, batch 16 | ${wasmRate.toFixed(2)} |`);
const cpuRate = await trainingRate('cpu', 2, 1);
log(`| cpu (pure JS), batch 2 (batch 16 takes minutes a step) | ${cpuRate.toFixed(2)} |`);
log(`\nwasm is ${(wasmRate / cpuRate).toFixed(1)}× the cpu backend.\n`);

log('## Inference: full pipeline (Lab, model, upsampling, recombination; decode/encode excluded)\n');
log('| backend | image | median ms | model ms | runs |\n|---|---|---|---|---|');
for (const backend of ['wasm', 'cpu'] as const) {
  await tf.setBackend(backend);
  const colorizer = await loadNodeColorizer();
  for (const [w, h] of [[512, 512], [2048, 1536]] as const) {
    const img = syntheticPhoto(w, h);
    const runs = backend === 'cpu' || quick ? 1 : 5;
    const total: number[] = [], model: number[] = [];
    for (let i = 0; i < runs; i++) {
      const r = await colorize(colorizer, img, { computeMetrics: false });
      total.push(r.timings.totalMs);
      model.push(r.timings.modelMs);
    }
    log(`| ${backend} | ${w}×${h} | ${median(total).toFixed(0)} | ${median(model).toFixed(0)} | ${runs} |`);
  }
  colorizer.dispose();
}
const rss = process.resourceUsage().maxRSS / 1024;
log(`\nPeak resident memory of this process: ${rss.toFixed(0)} MiB.`);
log('\nBrowser numbers (Chromium, wasm/webgl/webgpu) come from `npm run bench:browser` and are listed in docs/BENCHMARKS-browser.md when run.');
fs.mkdirSync(path.join(REPO_ROOT, 'docs'), { recursive: true });
fs.writeFileSync(path.join(REPO_ROOT, 'docs/BENCHMARKS.md'), lines.join('\n') + '\n');
