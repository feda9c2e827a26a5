import { describe, expect, it } from 'vitest';
import { initialBackend, SETTINGS_STORAGE_KEY } from './settings-store';

const storageWith = (value: string | null) => ({ getItem: (key: string) => (key === SETTINGS_STORAGE_KEY ? value : null) });

describe('initialBackend', () => {
  it('?backend= wins over the saved choice', () => {
    expect(initialBackend('?backend=webgpu', storageWith('{"backend":"cpu"}'))).toBe('webgpu');
  });

  it('falls back to the saved choice, then auto', () => {
    expect(initialBackend('', storageWith('{"backend":"cpu"}'))).toBe('cpu');
    expect(initialBackend('?backend=bogus', storageWith(null))).toBe('auto');
    expect(initialBackend('', storageWith('not json'))).toBe('auto');
    expect(initialBackend('', storageWith('{"backend":"quantum"}'))).toBe('auto');
    expect(initialBackend('', null)).toBe('auto');
  });
});
