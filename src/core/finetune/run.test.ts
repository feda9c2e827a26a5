import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createCritic } from '../model/critic';
import { createDecoder } from '../model/decoder';
import { NUM_CLASSES } from '../model/config';
import { CHROMAGAN_OBJECTIVE } from '../train/objective';
import { runFineTuneLoop } from './run';
import { batchIndices } from './schedule';
import { squareCrop } from './square-crop';
import { colourPhoto, fakeEncoder } from './test-helpers';
import { prepareTrainingSet } from './training-set';
import { createFineTuneTrainer } from './trainer';

const SMALL = { fuse: 16, s16: 8, s8: 8, s4: 8, global: 8 };
const fakeTeacher = { distribution: (gray: tf.Tensor4D) => tf.tidy(() => tf.softmax(tf.tile(tf.mean(gray, [1, 2, 3]).reshape([-1, 1]), [1, NUM_CLASSES]).mul(tf.range(0, NUM_CLASSES).div(10))) as tf.Tensor2D) };

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('square crop', () => {
  it('takes the centred square and resizes it down (area) or up (bilinear)', () => {
    const wide = colourPhoto(120, 40, 1);
    const down = squareCrop(wide, 20);
    expect([down.width, down.height]).toEqual([20, 20]);
    // Down by exactly 2: each output pixel is the mean of a 2×2 block of the centre square (x 40..80).
    const src = (x: number, y: number, c: number) => wide.data[(y * 120 + x) * 4 + c]!;
    const mean = (src(40, 0, 0) + src(41, 0, 0) + src(40, 1, 0) + src(41, 1, 0)) / 4;
    expect(Math.abs(squareCrop(wide, 40).data[0]! - src(40, 0, 0))).toBeLessThanOrEqual(0);
    expect(Math.abs(squareCrop(wide, 20).data[0]! - mean)).toBeLessThanOrEqual(1);
    const up = squareCrop(colourPhoto(16, 16), 32);
    expect(up.width).toBe(32);
    expect(up.data[3]).toBe(255);
  });
});

describe('batch schedule', () => {
  it('is a seeded permutation per epoch, the same on every call (resumable)', () => {
    const epoch0 = [0, 1, 2].flatMap((s) => batchIndices(s, 6, 2, 7));
    expect([...epoch0].sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(batchIndices(1, 6, 2, 7)).toEqual(batchIndices(1, 6, 2, 7));
    expect([3, 4, 5].flatMap((s) => batchIndices(s, 6, 2, 7))).not.toEqual(epoch0);
  });
});

describe('fine-tuning (cpu backend, tiny networks)', () => {
  async function setup() {
    const crops = [0, 1, 2, 3].map((i) => squareCrop(colourPhoto(48, 40, i), 32));
    const set = await prepareTrainingSet({ encoder: fakeEncoder(), teacher: fakeTeacher, crops });
    const decoder = createDecoder(SMALL, 3);
    const critic = createCritic(4, 9);
    const trainer = createFineTuneTrainer({ decoder, critic }, { objective: CHROMAGAN_OBJECTIVE, learningRate: 3e-3, criticLearningRate: 1e-3, seed: 1 });
    const dispose = () => {
      set.dispose();
      decoder.dispose();
      critic.dispose();
      trainer.generatorOptimizer.dispose();
      trainer.criticOptimizer.dispose();
    };
    return { set, trainer, dispose };
  }

  it('prepares both views of every photo with the teacher classes, and gathers batches', async () => {
    const { set, dispose } = await setup();
    expect(set.size).toBe(8);
    const b = set.batch([0, 1, 7]);
    expect(b.s4.shape).toEqual([3, 8, 8, 24]);
    expect(b.ab.shape).toEqual([3, 8, 8, 2]);
    expect(b.teacher!.shape).toEqual([3, NUM_CLASSES]);
    // Sample 1 is sample 0 mirrored.
    const [ab0, ab1] = tf.tidy(() => [tf.slice(b.ab, [0, 0, 0, 0], [1, -1, -1, -1]), tf.reverse(tf.slice(b.ab, [1, 0, 0, 0], [1, -1, -1, -1]), 2)]);
    expect(Array.from(ab1!.dataSync())).toEqual(Array.from(ab0!.dataSync()));
    tf.dispose([ab0!, ab1!, ...Object.values(b)]);
    dispose();
  });

  it('the ChromaGAN objective lowers the colour error on a tiny set, without leaking tensors', async () => {
    const { set, trainer, dispose } = await setup();
    const pixel: number[] = [];
    await runFineTuneLoop({ trainer, set, startStep: 0, targetSteps: 1, batchSize: 4, seed: 1, onStep: (r) => void pixel.push(r.losses.pixel) });
    const before = tf.memory().numTensors;
    const outcome = await runFineTuneLoop({ trainer, set, startStep: 1, targetSteps: 16, batchSize: 4, seed: 1, onStep: (r) => void pixel.push(r.losses.pixel) });
    expect(outcome).toMatchObject({ step: 16, reason: 'finished' });
    expect(tf.memory().numTensors).toBe(before);
    const mean = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / xs.length;
    expect(mean(pixel.slice(-4))).toBeLessThan(mean(pixel.slice(0, 4)) * 0.8);
    dispose();
  });

  it('stops after the current step on abort, waits while paused, and runs hooks every N steps and at the end', async () => {
    const { set, trainer, dispose } = await setup();
    const abort = new AbortController();
    let release!: () => void;
    let paused: Promise<void> | null = null;
    const hookSteps: number[] = [];
    const steps: number[] = [];
    const loop = runFineTuneLoop({
      trainer, set, startStep: 0, targetSteps: 7, batchSize: 2, seed: 1, signal: abort.signal,
      gate: () => paused ?? Promise.resolve(),
      onStep: (r) => {
        steps.push(r.step);
        if (r.step === 2) paused = new Promise((resolve) => (release = resolve));
      },
      hooks: [{ every: 2, run: async (s) => void hookSteps.push(s) }],
    });
    await new Promise((r) => setTimeout(r, 200));
    expect(steps).toEqual([1, 2]); // held at the gate
    abort.abort();
    release();
    const outcome = await loop;
    expect(outcome).toMatchObject({ step: 2, reason: 'stopped' });
    expect(hookSteps).toEqual([2]);

    const rest: number[] = [];
    const more = await runFineTuneLoop({ trainer, set, startStep: 2, targetSteps: 5, batchSize: 2, seed: 1, hooks: [{ every: 2, run: async (s) => void rest.push(s) }] });
    expect(more).toMatchObject({ step: 5, reason: 'finished' });
    expect(rest).toEqual([4, 5]);
    dispose();
  });
});
