import { describe, expect, it } from 'vitest';
import { annealedStepSizes, geometricSigmas, levelEndVarianceRatio, recommendedEpsilon, validateSigmas } from './noise-schedule';

describe('noise ladder', () => {
  it('is geometric from σ_1 = sigmaMax down to σ_L = sigmaMin exactly', () => {
    const s = geometricSigmas(1, 0.01, 10);
    expect(s).toHaveLength(10);
    expect(s[0]).toBe(1);
    expect(s[9]).toBe(0.01);
    const ratio = s[0]! / s[1]!;
    for (let i = 1; i < s.length; i++) expect(s[i - 1]! / s[i]!).toBeCloseTo(ratio, 10);
    expect(ratio).toBeCloseTo(Math.pow(100, 1 / 9), 10);
    expect(geometricSigmas(0.5, 0.1, 1)).toEqual([0.5]);
    expect(validateSigmas(s)).toBe(s);
  });

  it('rejects bad ladders with a message naming the problem', () => {
    expect(() => geometricSigmas(0.1, 1, 5)).toThrow(/sigmaMin .* must be < sigmaMax/);
    expect(() => geometricSigmas(1, 0, 5)).toThrow(/sigmaMin must be a finite number > 0/);
    expect(() => geometricSigmas(1, 0.1, 0)).toThrow(/levels must be an integer ≥ 1/);
    expect(() => geometricSigmas(1, 0.1, 2.5)).toThrow(/levels/);
    expect(() => validateSigmas([])).toThrow(/at least one σ/);
    expect(() => validateSigmas([1, 1])).toThrow(/strictly decreasing/);
    expect(() => validateSigmas([1, NaN])).toThrow(/σ_2 must be a finite number/);
  });

  it('step sizes ε_i = ε·σ_i²/σ_L²: ε at the last level, proportional to σ_i² above it', () => {
    const sigmas = [4, 2, 1, 0.5];
    const eps = annealedStepSizes(sigmas, 1e-3);
    expect(eps[3]).toBeCloseTo(1e-3, 12);
    expect(eps[0]).toBeCloseTo(1e-3 * 64, 12);
    expect(eps[1]! / eps[2]!).toBeCloseTo(4, 12);
    expect(() => annealedStepSizes(sigmas, 0)).toThrow(/epsilon must be a finite number > 0/);
  });

  it('the level-end variance formula matches iterating the Langevin variance recursion', () => {
    const sigmas = geometricSigmas(1, 0.01, 10);
    const gamma = sigmas[0]! / sigmas[1]!;
    const eps = 3e-5, T = 20, i = 4;
    const alpha = annealedStepSizes(sigmas, eps)[i]!, s = sigmas[i]!;
    // Data = one point at 0: score −x/σ_i². Variance of x ← x − (α/2)x/σ² + √α z.
    let v = (gamma * s) ** 2;
    for (let t = 0; t < T; t++) v = (1 - alpha / (2 * s * s)) ** 2 * v + alpha;
    expect(levelEndVarianceRatio(eps, sigmas.at(-1)!, gamma, T)).toBeCloseTo(v / (s * s), 10);
  });

  it('recommendedEpsilon minimises the level-end variance error', () => {
    const sigmas = geometricSigmas(1, 0.01, 10);
    const gamma = sigmas[0]! / sigmas[1]!;
    for (const T of [5, 100]) {
      const eps = recommendedEpsilon(sigmas, T);
      expect(eps).toBeGreaterThan(0);
      expect(eps).toBeLessThan(2 * 0.01 ** 2);
      const err = (e: number) => Math.abs(levelEndVarianceRatio(e, 0.01, gamma, T) - 1);
      expect(err(eps)).toBeLessThanOrEqual(err(eps * 0.95));
      expect(err(eps)).toBeLessThanOrEqual(err(eps * 1.05));
    }
    // More steps per level afford a smaller step.
    expect(recommendedEpsilon(sigmas, 100)).toBeLessThan(recommendedEpsilon(sigmas, 5));
    expect(() => recommendedEpsilon([1], 5)).toThrow(/at least two/);
  });
});
