import { describe, expect, it } from 'vitest';
import { chooseBackend, type BackendEnvironment } from './backend-choice';
import { TRAINING_BACKEND_ORDER, type BackendName, type GpuAdapterSummary } from './backend-names';

const REAL_GPU: GpuAdapterSummary = { vendor: 'nvidia', architecture: 'ampere', device: '', description: 'NVIDIA RTX A4000', isFallbackAdapter: false };
const SWIFTSHADER: GpuAdapterSummary = { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true };

/** A fake environment: `broken` backends throw on activation; records what was activated. */
function fakeEnv(adapter: GpuAdapterSummary | null | Error, broken: BackendName[] = []) {
  const activated: BackendName[] = [];
  const env: BackendEnvironment = {
    async probeWebGpu() {
      if (adapter instanceof Error) throw adapter;
      return adapter;
    },
    async activate(name) {
      activated.push(name);
      if (broken.includes(name)) throw new Error(`tf.setBackend('${name}') did not take effect`);
    },
    async afterActivate(name) {
      return name === 'wasm' ? { simd: true, threads: false } : undefined;
    },
  };
  return { env, activated };
}

describe('chooseBackend', () => {
  it('auto picks webgpu on a real GPU', async () => {
    const { env, activated } = fakeEnv(REAL_GPU);
    const choice = await chooseBackend('auto', env);
    expect(choice).toMatchObject({ backend: 'webgpu', reason: 'GPU found', adapterInfo: REAL_GPU });
    expect(activated).toEqual(['webgpu']);
  });

  it('auto skips a software (fallback) adapter and uses wasm with SIMD', async () => {
    const { env, activated } = fakeEnv(SWIFTSHADER);
    const choice = await chooseBackend('auto', env);
    expect(choice.backend).toBe('wasm');
    expect(choice.reason).toBe('no GPU found (only a software WebGPU adapter)');
    expect(choice.wasmFeatures).toEqual({ simd: true, threads: false });
    expect(choice.adapterInfo).toBeUndefined();
    expect(activated).toEqual(['wasm']);
  });

  it('auto without WebGPU says "no GPU found"', async () => {
    const { env } = fakeEnv(null);
    const choice = await chooseBackend('auto', env);
    expect(choice).toMatchObject({ backend: 'wasm', reason: 'no GPU found' });
    expect(choice.attempts).toEqual([
      { backend: 'webgpu', ok: false, reason: 'no GPU found' },
      { backend: 'wasm', ok: true, reason: 'no GPU found' },
    ]);
  });

  it('a failing adapter request is recorded, not thrown', async () => {
    const { env } = fakeEnv(new Error('GPU process crashed'));
    const choice = await chooseBackend('auto', env);
    expect(choice.backend).toBe('wasm');
    expect(choice.attempts[0]!.reason).toContain('GPU process crashed');
  });

  it('forced webgpu accepts the software adapter', async () => {
    const { env } = fakeEnv(SWIFTSHADER);
    const choice = await chooseBackend('webgpu', env);
    expect(choice).toMatchObject({ backend: 'webgpu', reason: 'forced', adapterInfo: SWIFTSHADER });
  });

  it('a backend that fails quietly falls through to the next with the reason recorded', async () => {
    const { env, activated } = fakeEnv(REAL_GPU, ['webgpu', 'wasm']);
    const choice = await chooseBackend('auto', env);
    expect(choice.backend).toBe('webgl');
    expect(activated).toEqual(['webgpu', 'wasm', 'webgl']);
    expect(choice.reason).toBe("webgpu failed: tf.setBackend('webgpu') did not take effect; wasm failed: tf.setBackend('wasm') did not take effect");
  });

  it('a failing forced backend falls back to the usual order', async () => {
    const { env, activated } = fakeEnv(null, ['cpu']);
    const choice = await chooseBackend('cpu', env);
    expect(activated).toEqual(['cpu', 'wasm']);
    expect(choice.backend).toBe('wasm');
    expect(choice.attempts.map((a) => a.backend)).toEqual(['cpu', 'webgpu', 'wasm']);
  });

  it('forced wasm does not probe for a GPU first', async () => {
    const { env, activated } = fakeEnv(REAL_GPU);
    const choice = await chooseBackend('wasm', env);
    expect(choice).toMatchObject({ backend: 'wasm', reason: 'forced' });
    expect(activated).toEqual(['wasm']);
    expect(choice.attempts).toHaveLength(1);
  });

  it('throws with every reason when nothing works', async () => {
    const { env } = fakeEnv(null, ['wasm', 'webgl', 'cpu']);
    await expect(chooseBackend('auto', env)).rejects.toThrow(/no GPU found; wasm failed.*webgl failed.*cpu failed/);
  });

  describe('training order (webgpu → webgl → wasm)', () => {
    const training = { order: TRAINING_BACKEND_ORDER, skipSoftwareWebGl: true };
    const withGl = (env: BackendEnvironment, renderer: string, software: boolean): BackendEnvironment => ({ ...env, probeWebGl: async () => ({ renderer, software }) });

    it('picks hardware WebGL when there is no WebGPU adapter', async () => {
      const { env, activated } = fakeEnv(null);
      const choice = await chooseBackend('auto', withGl(env, 'ANGLE (NVIDIA)', false), training);
      expect(choice.backend).toBe('webgl');
      expect(activated).toEqual(['webgl']);
    });

    it('skips a software WebGL renderer and says so, landing on wasm', async () => {
      const { env, activated } = fakeEnv(SWIFTSHADER);
      const choice = await chooseBackend('auto', withGl(env, 'ANGLE (Google, SwiftShader)', true), training);
      expect(choice.backend).toBe('wasm');
      expect(activated).toEqual(['wasm']);
      expect(choice.reason).toContain('only a software WebGL renderer (ANGLE (Google, SwiftShader))');
    });

    it('a forced webgl is used even when it is software', async () => {
      const { env } = fakeEnv(null);
      const choice = await chooseBackend('webgl', withGl(env, 'SwiftShader', true), training);
      expect(choice).toMatchObject({ backend: 'webgl', reason: 'forced' });
    });
  });
});
