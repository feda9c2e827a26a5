/**
 * Checks on fine-tuning settings and on the summary an imported model carries
 * (plain data; the worker uses both, the tests run them in Node).
 */
import { validateHyperparameters } from '../core/finetune/trainer';
import type { QualityMetrics } from '../core/pipeline/types';
import { ColorizerError } from '../core/runtime/errors';
import { DEFAULT_FINETUNE_SETTINGS, type FineTunedModelSummary, type FineTuneSettings, type PreviewMetrics } from './finetune-protocol';

/** Longest model name kept (the library shows it in one line). */
export const MAX_MODEL_NAME = 80;

export function validateSettings(settings: FineTuneSettings): void {
  try {
    validateHyperparameters(settings);
  } catch (err) {
    throw new ColorizerError('invalid-argument', (err as Error).message, { cause: err });
  }
  if (!(settings.size % 32 === 0 && settings.size >= 64 && settings.size <= 256)) throw new ColorizerError('invalid-argument', `Training size must be 64–256 px in steps of 32, got ${settings.size}`);
  for (const [name, v] of [['preview interval', settings.previewEvery], ['checkpoint interval', settings.checkpointEvery]] as const) {
    if (!Number.isInteger(v) || v < 0) throw new ColorizerError('invalid-argument', `The ${name} must be a whole number ≥ 0, got ${v}`);
  }
}

const count = (v: unknown): number => (typeof v === 'number' && Number.isInteger(v) && v >= 0 ? v : 0);
const seconds = (v: unknown): number => (typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : 0);

function quality(v: unknown): QualityMetrics | null {
  const q = v as Partial<QualityMetrics> | null;
  return q && typeof q === 'object' && typeof q.psnr === 'number' && typeof q.ssim === 'number' && Number.isFinite(q.ssim) && !Number.isNaN(q.psnr)
    ? { psnr: q.psnr, ssim: q.ssim }
    : null;
}

function settingsOrDefault(v: unknown): FineTuneSettings {
  if (!v || typeof v !== 'object') return DEFAULT_FINETUNE_SETTINGS;
  const settings = { ...DEFAULT_FINETUNE_SETTINGS, ...(v as Partial<FineTuneSettings>) };
  try {
    validateSettings(settings);
    return settings;
  } catch {
    return DEFAULT_FINETUNE_SETTINGS;
  }
}

export type ImportedFields = Pick<FineTunedModelSummary, 'name' | 'step' | 'settings' | 'backend' | 'trainSeconds' | 'photoCount'> & { readonly preview?: PreviewMetrics };

/**
 * What an imported model's metadata may set, each field checked: a hand-edited or foreign
 * file gets defaults for what is missing or malformed instead of breaking the model list.
 */
export function importedFields(summary: Partial<FineTunedModelSummary> | undefined, fallbackName: string): ImportedFields {
  const s = (summary ?? {}) as Record<string, unknown>;
  const name = (typeof s.name === 'string' && s.name.trim() ? s.name.trim() : fallbackName.trim() || 'Imported model').slice(0, MAX_MODEL_NAME);
  const p = s.preview as Partial<PreviewMetrics> | undefined;
  const before = quality(p?.before), after = quality(p?.after);
  return {
    name,
    step: Math.max(1, count(s.step)), // ≥ 1: an imported model has weights, whatever its metadata says
    settings: settingsOrDefault(s.settings),
    backend: typeof s.backend === 'string' ? s.backend.slice(0, 40) : 'unknown',
    trainSeconds: seconds(s.trainSeconds),
    photoCount: count(s.photoCount),
    ...(before && after ? { preview: { before, after } } : {}),
  };
}

/** `name`, or `name (2)`, `name (3)`… : the first not taken (case-insensitive), within MAX_MODEL_NAME. */
export function uniqueModelName(name: string, taken: readonly string[]): string {
  const used = new Set(taken.map((t) => t.toLowerCase()));
  const base = name.slice(0, MAX_MODEL_NAME);
  if (!used.has(base.toLowerCase())) return base;
  for (let n = 2; ; n++) {
    const suffix = ` (${n})`;
    const candidate = base.slice(0, MAX_MODEL_NAME - suffix.length) + suffix;
    if (!used.has(candidate.toLowerCase())) return candidate;
  }
}
