/** The Langevin sampler's command-line flags, shared by `colorize --samples` and `eval:langevin`. */
import { DEFAULT_SAMPLING, type SamplingSettings } from '../core/langevin/sampling-defaults';

export const SAMPLING_OPTIONS = {
  samples: { type: 'string' },
  seed: { type: 'string' },
  score: { type: 'string' },
  'steps-per-level': { type: 'string' },
  epsilon: { type: 'string' },
  'start-level': { type: 'string' },
  'no-denoise': { type: 'boolean' },
} as const;

export const SAMPLING_USAGE = `  --samples <n>           Langevin samples per photo (several plausible colourisations)
  --seed <n>              integer; the same seed gives the same samples (default 1)
  --score <dir>           score network folder (default public/models/langevin/v1)
  --steps-per-level <T>   Langevin steps per noise level (default ${DEFAULT_SAMPLING.stepsPerLevel})
  --epsilon <ε>           step size at the last level (default ${DEFAULT_SAMPLING.epsilon})
  --start-level <k>       first noise level: 0 = from pure noise, k > 0 = from the GAN + σ_k noise (default ${DEFAULT_SAMPLING.startLevel})
  --no-denoise            skip the final Tweedie denoising step`;

type Values = { [K in keyof typeof SAMPLING_OPTIONS]?: (typeof SAMPLING_OPTIONS)[K]['type'] extends 'boolean' ? boolean : string };

/** Parsed flags (settings left out use DEFAULT_SAMPLING), or the error message for a bad value. */
export function parseSamplingArgs(v: Values): { count: number; seed: number; settings: Partial<SamplingSettings> } | string {
  const int = (name: string, s: string | undefined, min: number, fallback: number): number | string => {
    if (s === undefined) return fallback;
    const n = Number(s);
    return Number.isInteger(n) && n >= min ? n : `--${name} must be an integer ≥ ${min}, got ${s}`;
  };
  const count = int('samples', v.samples, 1, 0);
  const seed = v.seed !== undefined && !/^-?\d+$/.test(v.seed) ? `--seed must be an integer, got ${v.seed}` : Number(v.seed ?? 1);
  const steps = int('steps-per-level', v['steps-per-level'], 1, DEFAULT_SAMPLING.stepsPerLevel);
  const start = int('start-level', v['start-level'], 0, DEFAULT_SAMPLING.startLevel);
  const epsilon = v.epsilon === undefined ? DEFAULT_SAMPLING.epsilon : Number(v.epsilon);
  for (const x of [count, seed, steps, start]) if (typeof x === 'string') return x;
  if (!Number.isFinite(epsilon) || epsilon <= 0) return `--epsilon must be a number > 0, got ${v.epsilon}`;
  return {
    count: count as number,
    seed: seed as number,
    settings: { stepsPerLevel: steps as number, startLevel: start as number, epsilon, denoise: !v['no-denoise'] },
  };
}
