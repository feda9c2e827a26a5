import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { createCritic } from './critic';
import { createDecoder } from './decoder';
import { criticPerceptualFeatures } from './perceptual-features';
import { createFineTuneTrainer } from '../finetune/trainer';
import { TOTAL_LOSS_OBJECTIVE } from '../train/objective';
import { tinyBatch } from '../langevin/test-batch';

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('perceptual φ from a frozen critic copy', () => {
  it('gives stride-4 feature maps and stays frozen while the four-term total loss trains', () => {
    const phi = criticPerceptualFeatures(createCritic(4, 9));
    const decoder = createDecoder({ fuse: 16, s16: 8, s8: 8, s4: 8, global: 8 }, 3);
    const critic = createCritic(4, 9);
    const trainer = createFineTuneTrainer({ decoder, critic, perceptual: phi }, { objective: TOTAL_LOSS_OBJECTIVE, learningRate: 1e-3, criticLearningRate: 1e-3, seed: 1 });
    const batch = tinyBatch(2, 32);
    const f = phi.features(batch.lightness, batch.ab);
    expect(f.shape).toEqual([2, 2, 2, 8]); // 8×8 a,b grid / 4, 2·width channels
    const frozenBefore = Array.from(f.dataSync());
    const losses = trainer.step(batch, 0);
    expect(losses.feature).toBeGreaterThan(0);
    const f2 = phi.features(batch.lightness, batch.ab);
    expect(Array.from(f2.dataSync())).toEqual(frozenBefore);
    tf.dispose([f, f2, ...Object.values(batch)]);
    phi.dispose();
    decoder.dispose();
    critic.dispose();
  });

  it('refuses an objective with a perceptual term but no φ', () => {
    const decoder = createDecoder({ fuse: 16, s16: 8, s8: 8, s4: 8, global: 8 }, 3);
    const critic = createCritic(4, 9);
    expect(() => createFineTuneTrainer({ decoder, critic }, { objective: TOTAL_LOSS_OBJECTIVE, learningRate: 1e-3, criticLearningRate: 1e-3, seed: 1 })).toThrow(/perceptual term/);
    expect(() => createFineTuneTrainer({ decoder, critic }, { objective: TOTAL_LOSS_OBJECTIVE, learningRate: 0, criticLearningRate: 1e-3, seed: 1 })).toThrow(/learning rate must be/);
    decoder.dispose();
    critic.dispose();
  });
});
