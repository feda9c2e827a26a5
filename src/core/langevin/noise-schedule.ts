/**
 * Noise levels and step sizes for annealed Langevin dynamics (SPEC §5; Song & Ermon 2019,
 * "Generative Modeling by Estimating Gradients of the Data Distribution"; step-size choice
 * after Song & Ermon 2020, "Improved Techniques for Training Score-Based Generative Models").
 *
 * Units: whatever the score network sees. For colour that is a,b / AB_SCALE.
 */

/** Defaults for a,b / AB_SCALE at the decoder's stride (σ_1 ≈ the largest a,b spread, σ_L ≈ 1 Lab unit). */
export const DEFAULT_SIGMA_MAX = 1;
export const DEFAULT_SIGMA_MIN = 0.01;
export const DEFAULT_LEVELS = 10;

/** Throws a RangeError naming the problem unless `sigmas` is a non-empty, strictly decreasing list of finite numbers > 0. */
export function validateSigmas(sigmas: readonly number[]): readonly number[] {
  if (sigmas.length === 0) throw new RangeError('The noise ladder needs at least one σ');
  sigmas.forEach((s, i) => {
    if (!Number.isFinite(s) || s <= 0) throw new RangeError(`σ_${i + 1} must be a finite number > 0, got ${s}`);
    if (i > 0 && s >= sigmas[i - 1]!) throw new RangeError(`The noise ladder must be strictly decreasing: σ_${i + 1} = ${s} ≥ σ_${i} = ${sigmas[i - 1]}`);
  });
  return sigmas;
}

/**
 * Geometric ladder σ_1 = sigmaMax > … > σ_L = sigmaMin, constant ratio σ_{i−1}/σ_i.
 * One level means [sigmaMax] (sigmaMin is then ignored).
 */
export function geometricSigmas(sigmaMax = DEFAULT_SIGMA_MAX, sigmaMin = DEFAULT_SIGMA_MIN, levels = DEFAULT_LEVELS): number[] {
  if (!Number.isInteger(levels) || levels < 1) throw new RangeError(`levels must be an integer ≥ 1, got ${levels}`);
  for (const [name, v] of [['sigmaMax', sigmaMax], ['sigmaMin', sigmaMin]] as const) {
    if (!Number.isFinite(v) || v <= 0) throw new RangeError(`${name} must be a finite number > 0, got ${v}`);
  }
  if (levels === 1) return [sigmaMax];
  if (sigmaMin >= sigmaMax) throw new RangeError(`sigmaMin (${sigmaMin}) must be < sigmaMax (${sigmaMax})`);
  const ratio = Math.log(sigmaMin / sigmaMax) / (levels - 1);
  // Exact end points, geometric in between.
  return Array.from({ length: levels }, (_, i) => (i === 0 ? sigmaMax : i === levels - 1 ? sigmaMin : sigmaMax * Math.exp(ratio * i)));
}

/** Song & Ermon's annealed step sizes ε_i = ε·σ_i²/σ_L², so the signal-to-noise ratio of a step is the same at every level. */
export function annealedStepSizes(sigmas: readonly number[], epsilon: number): number[] {
  validateSigmas(sigmas);
  if (!Number.isFinite(epsilon) || epsilon <= 0) throw new RangeError(`epsilon must be a finite number > 0, got ${epsilon}`);
  const last = sigmas[sigmas.length - 1]!;
  return sigmas.map((s) => (epsilon * s * s) / (last * last));
}

/**
 * Variance of a chain, relative to σ_i², after T steps of level i, for data that is a
 * single point (the case Song & Ermon 2020 analyse), starting from variance σ_{i−1}² (γ = σ_{i−1}/σ_i):
 * with a = ε/(2σ_L²), each step is x ← (1−a)x + √ε_i z, so r ← (1−a)²r + 2a,
 * r_T = (1−a)^{2T}(γ² − r*) + r*, r* = 1/(1 − a/2).
 */
export function levelEndVarianceRatio(epsilon: number, sigmaMin: number, gamma: number, stepsPerLevel: number): number {
  const a = epsilon / (2 * sigmaMin * sigmaMin);
  const rStar = 1 / (1 - a / 2);
  return Math.pow(1 - a, 2 * stepsPerLevel) * (gamma * gamma - rStar) + rStar;
}

/**
 * ε for a geometric ladder and T steps per level that brings each level's variance
 * closest to σ_i² (Song & Ermon 2020, technique 4): minimises |r_T − 1| over ε.
 * Too small ε and the chain has not forgotten the previous level; too large and
 * the discretisation inflates the variance.
 */
export function recommendedEpsilon(sigmas: readonly number[], stepsPerLevel: number): number {
  validateSigmas(sigmas);
  if (sigmas.length < 2) throw new RangeError('recommendedEpsilon needs at least two noise levels');
  if (!Number.isInteger(stepsPerLevel) || stepsPerLevel < 1) throw new RangeError(`stepsPerLevel must be an integer ≥ 1, got ${stepsPerLevel}`);
  const sigmaMin = sigmas[sigmas.length - 1]!;
  const gamma = sigmas[0]! / sigmas[1]!;
  const cost = (logA: number) => Math.abs(levelEndVarianceRatio(2 * Math.exp(logA) * sigmaMin * sigmaMin, sigmaMin, gamma, stepsPerLevel) - 1);
  // a = ε/(2σ_L²) ∈ (0, 1): coarse log grid, then golden-section search around the best point.
  let best = -20, bestCost = Infinity;
  for (let l = -20; l <= -0.01; l += 0.05) {
    const c = cost(l);
    if (c < bestCost) [best, bestCost] = [l, c];
  }
  let lo = best - 0.05, hi = Math.min(best + 0.05, -1e-6);
  const g = (Math.sqrt(5) - 1) / 2;
  for (let k = 0; k < 100; k++) {
    const m1 = hi - g * (hi - lo), m2 = lo + g * (hi - lo);
    if (cost(m1) < cost(m2)) hi = m2;
    else lo = m1;
  }
  return 2 * Math.exp((lo + hi) / 2) * sigmaMin * sigmaMin;
}
