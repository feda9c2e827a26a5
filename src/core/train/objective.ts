/**
 * What the generator minimises. One weighted sum covers both objectives of the notes:
 * - ChromaGAN (default): 1·colour MSE + 0.1·WGAN-GP + 0.003·KL(class distribution);
 * - the four-term total loss: λp·pixel + λd·disc + λf·feature + λs·smooth (class 0).
 * Plain data (no tfjs), so the page's fine-tuning settings use it too.
 */
import { GAN_LOSS_TYPES, type GanLossType } from '../losses/gan-loss-types';

export interface ObjectiveWeights {
  /** λp / colour error L_e (MSE on a,b). */
  readonly pixel: number;
  /** λd / λ_g: adversarial term. */
  readonly adversarial: number;
  /** λ_s of ChromaGAN: KL(teacher ‖ G²). */
  readonly classDistribution: number;
  /** λf: perceptual feature loss on frozen encoder features. */
  readonly feature: number;
  /** λs of the total loss: total variation of a,b. */
  readonly smooth: number;
}

export interface Objective {
  readonly gan: GanLossType;
  readonly weights: ObjectiveWeights;
}

export const CHROMAGAN_OBJECTIVE: Objective = {
  gan: 'wgan-gp',
  weights: { pixel: 1, adversarial: 0.1, classDistribution: 0.003, feature: 0, smooth: 0 },
};

export const TOTAL_LOSS_OBJECTIVE: Objective = {
  gan: 'non-saturating',
  weights: { pixel: 1, adversarial: 1e-3, classDistribution: 0, feature: 1, smooth: 0.01 },
};

export const OBJECTIVE_PRESETS = { chromagan: CHROMAGAN_OBJECTIVE, total: TOTAL_LOSS_OBJECTIVE } as const;
export type ObjectivePreset = keyof typeof OBJECTIVE_PRESETS;

/** Validates an objective, with messages naming the bad field. */
export function validateObjective(o: Objective): Objective {
  if (!GAN_LOSS_TYPES.includes(o.gan)) {
    throw new RangeError(`Unknown GAN loss "${String(o.gan)}"; use one of ${GAN_LOSS_TYPES.join(', ')}`);
  }
  for (const [k, v] of Object.entries(o.weights)) {
    if (!Number.isFinite(v) || v < 0) throw new RangeError(`Loss weight ${k} must be a finite number ≥ 0, got ${v}`);
  }
  if (Object.values(o.weights).every((v) => v === 0)) throw new RangeError('At least one loss weight must be > 0');
  return o;
}

/**
 * An objective from a preset name, an optional GAN loss and a "name=value,…" list of λ
 * overrides (the CLIs' --objective, --gan and --weights). Throws RangeError on bad input.
 */
export function objectiveFromOptions(preset: string, gan?: string, weights?: string): Objective {
  if (!(preset in OBJECTIVE_PRESETS)) throw new RangeError(`Unknown objective "${preset}"; use one of ${Object.keys(OBJECTIVE_PRESETS).join(', ')}`);
  const base = OBJECTIVE_PRESETS[preset as ObjectivePreset];
  const known = Object.keys(base.weights);
  const overrides = Object.fromEntries((weights ? weights.split(',') : []).map((pair) => {
    const [k, v] = pair.split('=');
    if (!k || !known.includes(k) || v === undefined || v.trim() === '' || !Number.isFinite(Number(v))) {
      throw new RangeError(`Bad loss weight "${pair}"; use name=number with name in ${known.join(', ')}`);
    }
    return [k, Number(v)];
  }));
  return validateObjective({ gan: (gan ?? base.gan) as GanLossType, weights: { ...base.weights, ...overrides } });
}
