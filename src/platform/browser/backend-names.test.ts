import { describe, expect, it } from 'vitest';
import { adapterName, backendFromQuery, backendLabel, parseBackendPreference } from './backend-names';

describe('backend preferences', () => {
  it('parses known names, case-insensitively, and rejects the rest', () => {
    expect(parseBackendPreference('WebGPU')).toBe('webgpu');
    expect(parseBackendPreference(' wasm ')).toBe('wasm');
    expect(parseBackendPreference('auto')).toBe('auto');
    expect(parseBackendPreference('tensorflow')).toBeNull();
    expect(parseBackendPreference(undefined)).toBeNull();
  });

  it('reads ?backend= from a query string', () => {
    expect(backendFromQuery('?backend=cpu&x=1')).toBe('cpu');
    expect(backendFromQuery('?backend=nope')).toBeNull();
    expect(backendFromQuery('')).toBeNull();
  });
});

describe('backendLabel', () => {
  it('names wasm with its build and says why', () => {
    expect(backendLabel({ backend: 'wasm', reason: 'no GPU found', wasmFeatures: { simd: true, threads: false } })).toBe('WASM (SIMD) — no GPU found');
    expect(backendLabel({ backend: 'cpu', reason: 'forced' })).toBe('CPU — forced');
  });

  it('names the GPU for webgpu, and flags a software adapter', () => {
    const gpu = { vendor: 'nvidia', architecture: 'ampere', device: '', description: 'NVIDIA RTX A4000', isFallbackAdapter: false };
    expect(backendLabel({ backend: 'webgpu', reason: 'GPU found', adapterInfo: gpu })).toBe('WebGPU (GPU: NVIDIA RTX A4000)');
    const soft = { vendor: 'google', architecture: 'swiftshader', device: '', description: '', isFallbackAdapter: true };
    expect(backendLabel({ backend: 'webgpu', reason: 'forced', adapterInfo: soft })).toBe('WebGPU (software adapter: google swiftshader)');
  });

  it('adds the vendor when the description lacks it', () => {
    expect(adapterName({ vendor: 'intel', architecture: 'gen-12', device: '', description: 'Iris Xe', isFallbackAdapter: false })).toBe('intel Iris Xe');
    expect(adapterName({ vendor: '', architecture: '', device: '', description: '', isFallbackAdapter: false })).toBe('unknown adapter');
  });
});
