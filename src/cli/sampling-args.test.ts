import { describe, expect, it } from 'vitest';
import { DEFAULT_SAMPLING } from '../core/langevin/sampling-defaults';
import { parseSamplingArgs } from './sampling-args';

describe('parseSamplingArgs', () => {
  it('uses the defaults', () => {
    expect(parseSamplingArgs({ samples: '4' })).toEqual({ count: 4, seed: 1, settings: DEFAULT_SAMPLING });
  });
  it('reads every flag', () => {
    expect(parseSamplingArgs({ samples: '2', seed: '-3', 'steps-per-level': '5', epsilon: '1e-4', 'start-level': '0', 'no-denoise': true }))
      .toEqual({ count: 2, seed: -3, settings: { stepsPerLevel: 5, epsilon: 1e-4, startLevel: 0, denoise: false } });
  });
  it('names a bad value', () => {
    expect(parseSamplingArgs({ samples: '0' })).toMatch(/--samples/);
    expect(parseSamplingArgs({ samples: '2', seed: '1.5' })).toMatch(/--seed/);
    expect(parseSamplingArgs({ samples: '2', epsilon: '-1' })).toMatch(/--epsilon/);
    expect(parseSamplingArgs({ samples: '2', 'start-level': 'x' })).toMatch(/--start-level/);
  });
});
