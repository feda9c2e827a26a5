/**
 * The sampler settings the app and the CLIs use unless told otherwise, chosen on
 * bsd100_256 photos at a budget of about 50 score evaluations per sample
 * (docs/langevin.md, "Tuning"). The number of evaluations is
 * (levels − startLevel)·stepsPerLevel + 1 (the denoising step).
 */
export interface SamplingSettings {
  /** T: Langevin steps per noise level. */
  readonly stepsPerLevel: number;
  /** ε: the step size at the last level (ε_i = ε·σ_i²/σ_L²). */
  readonly epsilon: number;
  /**
   * k: the first level run. 0 starts from pure noise N(0, σ_1²); k > 0 starts from the
   * GAN's a,b plus σ_k noise and skips the levels above k.
   */
  readonly startLevel: number;
  /** Final Tweedie denoising step. */
  readonly denoise: boolean;
}

/** k = 6, T = 12: 4 levels × 12 + 1 = 49 evaluations per sample; ε = 8e-5 = 0.8·σ_L². */
export const DEFAULT_SAMPLING: SamplingSettings = { stepsPerLevel: 12, epsilon: 8e-5, startLevel: 6, denoise: true };

/** Sample counts the app offers. */
export const SAMPLE_COUNTS = [4, 8] as const;
