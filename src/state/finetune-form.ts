/**
 * The fine-tuning settings form: what the user typed (strings, so a half-typed number
 * stays as typed), presets, and parsing into FineTuneSettings with a readable problem
 * per bad field. Also why "Start" is disabled. Pure functions, unit-tested.
 */
import { GAN_LOSS_TYPES, type GanLossType } from '../core/losses/gan-loss-types';
import { MAX_LEARNING_RATE } from '../core/finetune/limits';
import { OBJECTIVE_PRESETS, validateObjective, type ObjectivePreset, type ObjectiveWeights } from '../core/train/objective';
import {
  DEFAULT_FINETUNE_SETTINGS,
  MIN_FINETUNE_PHOTOS,
  TRAINING_SIZES,
  type FineTuneSettings,
  type TrainingSetVerdict,
  type TrainingSize,
} from '../worker/finetune-protocol';

export type WeightKey = keyof ObjectiveWeights;
export const WEIGHT_KEYS: readonly WeightKey[] = ['pixel', 'adversarial', 'classDistribution', 'feature', 'smooth'];

export type NumberField = 'steps' | 'learningRate' | 'criticLearningRate' | 'batchSize' | 'previewEvery' | 'checkpointEvery';

export interface FineTuneForm {
  readonly preset: ObjectivePreset | 'custom';
  readonly gan: GanLossType;
  readonly weights: Readonly<Record<WeightKey, string>>;
  readonly numbers: Readonly<Record<NumberField, string>>;
  readonly size: TrainingSize;
  readonly seed: number;
}

const text = (n: number) => String(n);

function weightTexts(weights: ObjectiveWeights): Record<WeightKey, string> {
  return { pixel: text(weights.pixel), adversarial: text(weights.adversarial), classDistribution: text(weights.classDistribution), feature: text(weights.feature), smooth: text(weights.smooth) };
}

export function formFromSettings(settings: FineTuneSettings = DEFAULT_FINETUNE_SETTINGS): FineTuneForm {
  return {
    preset: settings.preset,
    gan: settings.objective.gan,
    weights: weightTexts(settings.objective.weights),
    numbers: {
      steps: text(settings.steps),
      learningRate: text(settings.learningRate),
      criticLearningRate: text(settings.criticLearningRate),
      batchSize: text(settings.batchSize),
      previewEvery: text(settings.previewEvery),
      checkpointEvery: text(settings.checkpointEvery),
    },
    size: settings.size,
    seed: settings.seed,
  };
}

/** Loads a preset's GAN loss and weights. */
export function applyPreset(form: FineTuneForm, preset: ObjectivePreset | 'custom'): FineTuneForm {
  if (preset === 'custom') return { ...form, preset };
  const objective = OBJECTIVE_PRESETS[preset];
  return { ...form, preset, gan: objective.gan, weights: weightTexts(objective.weights) };
}

/** The preset the GAN loss and weights match, else 'custom'. */
export function matchingPreset(gan: GanLossType, weights: Readonly<Record<WeightKey, string>>): ObjectivePreset | 'custom' {
  for (const [name, objective] of Object.entries(OBJECTIVE_PRESETS) as [ObjectivePreset, (typeof OBJECTIVE_PRESETS)[ObjectivePreset]][]) {
    if (objective.gan === gan && WEIGHT_KEYS.every((k) => Number(weights[k]) === objective.weights[k] && weights[k].trim() !== '')) return name;
  }
  return 'custom';
}

export function setWeight(form: FineTuneForm, key: WeightKey, value: string): FineTuneForm {
  const weights = { ...form.weights, [key]: value };
  return { ...form, weights, preset: matchingPreset(form.gan, weights) };
}

export function setGan(form: FineTuneForm, gan: GanLossType): FineTuneForm {
  return { ...form, gan, preset: matchingPreset(gan, form.weights) };
}

export function setNumber(form: FineTuneForm, field: NumberField, value: string): FineTuneForm {
  return { ...form, numbers: { ...form.numbers, [field]: value } };
}

export const FIELD_LABELS: Readonly<Record<NumberField | WeightKey, string>> = {
  steps: 'Steps',
  learningRate: 'Learning rate',
  criticLearningRate: 'Critic learning rate',
  batchSize: 'Batch size',
  previewEvery: 'Preview every (steps)',
  checkpointEvery: 'Checkpoint every (steps)',
  pixel: 'λ pixel (colour MSE)',
  adversarial: 'λ adversarial',
  classDistribution: 'λ class distribution (KL)',
  feature: 'λ feature',
  smooth: 'λ smoothness',
};

interface Rule {
  readonly integer: boolean;
  readonly min: number;
  readonly max: number;
  /** min itself is not allowed (learning rates must be > 0). */
  readonly exclusiveMin?: boolean;
}

const RULES: Readonly<Record<NumberField, Rule>> = {
  steps: { integer: true, min: 1, max: 100_000 },
  // The worker's own limit (validateHyperparameters): a larger rate would only diverge.
  learningRate: { integer: false, min: 0, max: MAX_LEARNING_RATE, exclusiveMin: true },
  criticLearningRate: { integer: false, min: 0, max: MAX_LEARNING_RATE, exclusiveMin: true },
  batchSize: { integer: true, min: 1, max: 64 },
  previewEvery: { integer: true, min: 0, max: 100_000 },
  checkpointEvery: { integer: true, min: 1, max: 100_000 },
};

const DECIMAL = /^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i;

/** A number field's value, or what is wrong with it (without the field's name). */
function parseField(field: NumberField, raw: string): { value: number } | { problem: string } {
  const rule = RULES[field];
  const text = raw.trim();
  const value = Number(text);
  // Decimal numbers only (Number() also takes "0x10", "0b1", "1_0"…).
  if (!DECIMAL.test(text) || !Number.isFinite(value)) return { problem: 'enter a number' };
  if (rule.integer && !Number.isInteger(value)) return { problem: 'enter a whole number' };
  if (value < rule.min || (rule.exclusiveMin && value === rule.min) || value > rule.max) {
    const low = rule.exclusiveMin ? `more than ${rule.min}` : `at least ${rule.min}`;
    return { problem: `must be ${low} and at most ${rule.max}` };
  }
  return { value };
}

export interface ParsedForm {
  readonly settings: FineTuneSettings | null;
  /** One message per bad field, naming it ("Steps: enter a number"), then any objective problem. */
  readonly problems: readonly string[];
  /** The same per-field problems by field, without the name (shown beside the field). */
  readonly fieldProblems: Readonly<Partial<Record<NumberField | WeightKey, string>>>;
}

export function parseForm(form: FineTuneForm): ParsedForm {
  const fieldProblems: Partial<Record<NumberField | WeightKey, string>> = {};
  const numbers = {} as Record<NumberField, number>;
  for (const field of Object.keys(RULES) as NumberField[]) {
    const parsed = parseField(field, form.numbers[field]);
    if ('problem' in parsed) fieldProblems[field] = parsed.problem;
    else numbers[field] = parsed.value;
  }
  const weights = {} as Record<WeightKey, number>;
  for (const key of WEIGHT_KEYS) {
    const value = Number(form.weights[key].trim());
    if (form.weights[key].trim() === '' || !Number.isFinite(value) || value < 0) fieldProblems[key] = 'enter a number ≥ 0';
    else weights[key] = value;
  }
  const problems = (Object.keys(fieldProblems) as (NumberField | WeightKey)[]).map((k) => `${FIELD_LABELS[k]}: ${fieldProblems[k]}`);
  if (problems.length === 0) {
    try {
      validateObjective({ gan: form.gan, weights });
    } catch (err) {
      problems.push((err as Error).message);
    }
  }
  if (problems.length > 0) return { settings: null, problems, fieldProblems };
  return {
    problems,
    fieldProblems,
    settings: {
      preset: form.preset,
      objective: { gan: form.gan, weights },
      steps: numbers.steps,
      learningRate: numbers.learningRate,
      criticLearningRate: numbers.criticLearningRate,
      batchSize: numbers.batchSize,
      size: form.size,
      previewEvery: numbers.previewEvery,
      checkpointEvery: numbers.checkpointEvery,
      seed: form.seed,
    },
  };
}

export interface StartCheck {
  readonly name: string;
  /** Photos still being checked. */
  readonly checking: number;
  /** Photos that passed `checkPhotos`. */
  readonly okPhotos: number;
  readonly formProblems: readonly string[];
  /** The worker's verdict for the current photos and settings (null while it is coming). */
  readonly verdict: TrainingSetVerdict | null;
  readonly running: boolean;
}

/** Why "Start" is disabled; empty when it can start. */
export function startBlockers(check: StartCheck): string[] {
  const reasons: string[] = [];
  if (check.running) reasons.push('A run is in progress.');
  if (check.checking > 0) reasons.push(`Checking ${check.checking} photo${check.checking === 1 ? '' : 's'}…`);
  if (check.verdict && !check.verdict.ok) reasons.push(...check.verdict.problems);
  else if (check.okPhotos < MIN_FINETUNE_PHOTOS) {
    reasons.push(`Add at least ${MIN_FINETUNE_PHOTOS} colour photos (${check.okPhotos} usable so far): one is held out for the preview.`);
  }
  reasons.push(...check.formProblems);
  if (check.name.trim() === '') reasons.push('Give the model a name.');
  if (reasons.length === 0 && !check.verdict) reasons.push('Checking the training set…');
  return reasons;
}

/**
 * How many times a run goes over the training set: each photo is used as is and
 * mirrored, so one pass is 2 × photos samples. (On 100 held-apart flower photos,
 * quality peaked after about 2 passes: docs/finetune.md.)
 */
export function passesOverPhotos(steps: number, batchSize: number, trainingPhotos: number): number {
  if (trainingPhotos <= 0) return 0;
  return (steps * batchSize) / (trainingPhotos * 2);
}

const NUMBER_FIELDS: readonly NumberField[] = ['steps', 'learningRate', 'criticLearningRate', 'batchSize', 'previewEvery', 'checkpointEvery'];

/**
 * A form saved earlier (localStorage), if it still has this version's shape; null otherwise.
 * Values stay text: parseForm judges them as it judges typing.
 */
export function restoreForm(saved: unknown): FineTuneForm | null {
  const f = saved as Partial<FineTuneForm> | null;
  if (!f || typeof f !== 'object') return null;
  const texts = (o: unknown, keys: readonly string[]) =>
    !!o && typeof o === 'object' && keys.every((k) => typeof (o as Record<string, unknown>)[k] === 'string');
  const ok =
    (f.preset === 'custom' || (typeof f.preset === 'string' && Object.hasOwn(OBJECTIVE_PRESETS, f.preset))) &&
    (GAN_LOSS_TYPES as readonly string[]).includes(f.gan as string) &&
    texts(f.weights, WEIGHT_KEYS) && texts(f.numbers, NUMBER_FIELDS) &&
    (TRAINING_SIZES as readonly number[]).includes(f.size as number) &&
    Number.isInteger(f.seed);
  if (!ok) return null;
  return {
    preset: f.preset!, gan: f.gan!, size: f.size!, seed: f.seed!,
    weights: Object.fromEntries(WEIGHT_KEYS.map((k) => [k, f.weights![k]])) as FineTuneForm['weights'],
    numbers: Object.fromEntries(NUMBER_FIELDS.map((k) => [k, f.numbers![k]])) as FineTuneForm['numbers'],
  };
}
