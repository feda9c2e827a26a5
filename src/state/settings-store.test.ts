import { describe, expect, it } from 'vitest';
import { initialBackend, initialModel, SETTINGS_STORAGE_KEY, SHIPPED_MODEL } from './settings-store';

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

describe('initialModel', () => {
  it('reads the saved model choice, else the shipped model', () => {
    expect(initialModel(storageWith('{"backend":"cpu","model":{"id":"ft-1","name":"Beach"}}'))).toEqual({ id: 'ft-1', name: 'Beach' });
    expect(initialModel(storageWith('{"backend":"cpu"}'))).toEqual(SHIPPED_MODEL);
    expect(initialModel(storageWith('{"model":{"id":""}}'))).toEqual(SHIPPED_MODEL);
    expect(initialModel(storageWith('not json'))).toEqual(SHIPPED_MODEL);
    expect(initialModel(null)).toEqual(SHIPPED_MODEL);
  });
});
