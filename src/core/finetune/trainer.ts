/**
 * The GAN trainer for fine-tuning: the shipped decoder and critic go on learning under
 * the chosen objective. The perceptual φ (only for objectives with a feature term) is a
 * frozen copy of the critic as shipped.
 */
import { validateObjective, type Objective } from '../train/objective';
import { MAX_LEARNING_RATE } from './limits';
import { createGanTrainer, type GanTrainer } from '../train/step';
import type * as tf from '@tensorflow/tfjs';
import type { PerceptualFeatures } from '../model/perceptual-features';

export interface FineTuneHyperparameters {
  readonly objective: Objective;
  readonly learningRate: number;
  readonly criticLearningRate: number;
  readonly seed: number;
}

export function validateHyperparameters(h: FineTuneHyperparameters & { readonly steps?: number; readonly batchSize?: number }): void {
  validateObjective(h.objective);
  for (const [name, v] of [['learning rate', h.learningRate], ['critic learning rate', h.criticLearningRate]] as const) {
    if (!Number.isFinite(v) || v <= 0 || v > MAX_LEARNING_RATE) throw new RangeError(`The ${name} must be a number in (0, ${MAX_LEARNING_RATE}], got ${v}`);
  }
  if (h.steps !== undefined && (!Number.isInteger(h.steps) || h.steps < 1 || h.steps > 1_000_000)) throw new RangeError(`Steps must be a whole number from 1 to 1,000,000, got ${h.steps}`);
  if (h.batchSize !== undefined && (!Number.isInteger(h.batchSize) || h.batchSize < 1 || h.batchSize > 64)) throw new RangeError(`Batch size must be a whole number from 1 to 64, got ${h.batchSize}`);
}

export function createFineTuneTrainer(
  networks: { readonly decoder: tf.LayersModel; readonly critic: tf.LayersModel; readonly perceptual?: PerceptualFeatures },
  h: FineTuneHyperparameters,
): GanTrainer {
  validateHyperparameters(h);
  if (h.objective.weights.feature > 0 && !networks.perceptual) throw new Error('This objective has a perceptual term: pass the frozen critic features');
  return createGanTrainer({
    decoder: networks.decoder,
    critic: networks.critic,
    objective: h.objective,
    generatorLearningRate: h.learningRate,
    criticLearningRate: h.criticLearningRate,
    seed: h.seed,
    ...(networks.perceptual ? { perceptualFeatures: networks.perceptual.features } : {}),
  });
}
