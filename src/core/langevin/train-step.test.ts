import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createScoreNetwork } from './score-model';
import { createScoreTrainer } from './train-step';
import { disposeBatch, tinyBatch, TINY_WIDTHS } from './test-batch';

const LADDER = [1, 0.5, 0.25, 0.1];

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('score network training step (cpu backend)', () => {
  it('the DSM loss goes down on a tiny batch (fixed evaluation noise)', () => {
    const model = createScoreNetwork(TINY_WIDTHS, 2);
    const trainer = createScoreTrainer({ model, sigmas: LADDER, learningRate: 5e-3, seed: 4 });
    const batch = tinyBatch(4);
    const before = trainer.evaluate(batch, 99);
    expect(before).toBeCloseTo(0.5, 1); // zero-initialised output: s = 0 → ½·mean(z²)
    const losses: number[] = [];
    for (let i = 0; i < 20; i++) losses.push(trainer.step(batch, i).loss);
    const after = trainer.evaluate(batch, 99);
    expect(after).toBeLessThan(0.85 * before); // measured 0.544 → 0.383
    expect(losses.slice(-5).reduce((a, b) => a + b) / 5).toBeLessThan(losses.slice(0, 5).reduce((a, b) => a + b) / 5);
    disposeBatch(batch);
    model.dispose();
    trainer.optimizer.dispose();
  });

  it('reports per-sample losses with their ladder levels; same seed → same losses', () => {
    const run = () => {
      const model = createScoreNetwork(TINY_WIDTHS, 2);
      const trainer = createScoreTrainer({ model, sigmas: LADDER, learningRate: 1e-3, seed: 8 });
      const batch = tinyBatch(4);
      const r = [trainer.step(batch, 0), trainer.step(batch, 1)];
      disposeBatch(batch);
      model.dispose();
      trainer.optimizer.dispose();
      return r;
    };
    const [a, b] = [run(), run()];
    expect(a[0]!.perSample).toHaveLength(4);
    expect(a[0]!.levels).toHaveLength(4);
    expect(a[0]!.loss).toBeCloseTo(a[0]!.perSample.reduce((x, y) => x + y) / 4, 5);
    for (const l of a[0]!.levels) expect(l >= 0 && l < LADDER.length).toBe(true);
    expect(a.map((r) => r.loss)).toEqual(b.map((r) => r.loss));
    expect(() => createScoreTrainer({ model: createScoreNetwork(TINY_WIDTHS), sigmas: [0.1, 1], learningRate: 1e-3 })).toThrow(/strictly decreasing/);
  });

  it('leaks no tensors across steps', () => {
    const model = createScoreNetwork(TINY_WIDTHS, 2);
    const trainer = createScoreTrainer({ model, sigmas: LADDER, learningRate: 1e-3 });
    const batch = tinyBatch(2);
    trainer.step(batch, 0); // Adam creates its slots on the first step
    const before = tf.memory().numTensors;
    for (let i = 1; i < 4; i++) trainer.step(batch, i);
    trainer.evaluate(batch, 3);
    expect(tf.memory().numTensors).toBe(before);
    disposeBatch(batch);
    model.dispose();
    trainer.optimizer.dispose();
  });
});
