import { describe, expect, it } from 'vitest';
import { chooseBackend, type BackendEnvironment } from './backend-choice';
import { decideOnDeviceLoss, deviceLossFailureNotice, deviceLossNotice } from './device-loss';

describe('decideOnDeviceLoss', () => {
  const current = { activeBackend: 'webgpu', isCurrentDevice: true } as const;

  it('falls back, never to WebGPU, when the device in use is lost', () => {
    expect(decideOnDeviceLoss({ reason: 'unknown', message: 'GPU process\n  crashed ' }, current)).toEqual({
      action: 'fallback',
      exclude: ['webgpu'],
      reason: 'WebGPU device lost (GPU process crashed)',
    });
    expect(decideOnDeviceLoss({}, current)).toMatchObject({ action: 'fallback', reason: 'WebGPU device lost' });
  });

  it('ignores a device destroyed on purpose, an older device and a non-WebGPU backend', () => {
    expect(decideOnDeviceLoss({ reason: 'destroyed', message: '' }, current).action).toBe('ignore');
    expect(decideOnDeviceLoss({ reason: 'unknown' }, { ...current, isCurrentDevice: false }).action).toBe('ignore');
    expect(decideOnDeviceLoss({ reason: 'unknown' }, { activeBackend: 'wasm', isCurrentDevice: true })).toMatchObject({
      action: 'ignore',
      why: 'the active backend is wasm, not webgpu',
    });
  });

  it('words the status-bar notices', () => {
    expect(deviceLossNotice('WebGPU device lost (x)', { backend: 'wasm', wasmFeatures: { simd: true, threads: false } })).toBe(
      'WebGPU device lost (x); switched to WASM (SIMD). Colorizing continues, more slowly.',
    );
    expect(deviceLossFailureNotice('WebGPU device lost', 'no wasm')).toMatch(/^WebGPU device lost, and no other backend could be started: no wasm\. Reload/);
  });

  it('the fallback decision drives chooseBackend: webgpu is skipped even when forced, with the reason recorded', async () => {
    const decision = decideOnDeviceLoss({ reason: 'unknown', message: 'reset' }, current);
    if (decision.action !== 'fallback') throw new Error('expected a fallback');
    const activated: string[] = [];
    const env: BackendEnvironment = {
      probeWebGpu: async () => ({ vendor: 'nvidia', architecture: '', device: '', description: 'RTX', isFallbackAdapter: false }),
      activate: async (name) => void activated.push(name),
      afterActivate: async (name) => (name === 'wasm' ? { simd: true, threads: false } : undefined),
    };
    for (const preference of ['auto', 'webgpu'] as const) {
      activated.length = 0;
      const choice = await chooseBackend(preference, env, { exclude: decision.exclude, excludedReason: decision.reason });
      expect(choice.backend).toBe('wasm');
      expect(choice.reason).toBe('WebGPU device lost (reset)');
      expect(choice.attempts[0]).toEqual({ backend: 'webgpu', ok: false, reason: 'WebGPU device lost (reset)' });
      expect(activated).toEqual(['wasm']);
    }
    // A forced non-WebGPU backend stays forced.
    expect((await chooseBackend('cpu', env, { exclude: ['webgpu'] })).backend).toBe('cpu');
  });
});
