import { describe, expect, it } from 'vitest';
import { DEFAULT_FINETUNE_SETTINGS } from './finetune-protocol';
import { importedFields, MAX_MODEL_NAME, uniqueModelName, validateSettings } from './finetune-settings';

describe('importedFields', () => {
  it('keeps a well-formed exported summary', () => {
    const settings = { ...DEFAULT_FINETUNE_SETTINGS, steps: 40, learningRate: 1e-4 };
    const preview = { before: { psnr: 20.1, ssim: 0.9 }, after: { psnr: 21.3, ssim: 0.91 } };
    expect(importedFields({ name: ' Flowers ', step: 40, settings, backend: 'wasm', trainSeconds: 12.5, photoCount: 9, preview }, 'file')).toEqual({
      name: 'Flowers', step: 40, settings, backend: 'wasm', trainSeconds: 12.5, photoCount: 9, preview,
    });
  });

  it('replaces every malformed field (a hand-edited file) instead of storing it', () => {
    const hostile = {
      name: 'x'.repeat(500), step: -3, settings: { learningRate: 'fast', size: 1000 }, backend: 42, trainSeconds: Number.NaN, photoCount: 2.5,
      preview: { before: { psnr: 'x', ssim: 0.9 }, after: { psnr: 21, ssim: 0.9 } },
    } as unknown as Parameters<typeof importedFields>[0];
    const f = importedFields(hostile, 'file');
    expect(f.name).toHaveLength(MAX_MODEL_NAME);
    expect(f).toMatchObject({ step: 1, settings: DEFAULT_FINETUNE_SETTINGS, backend: 'unknown', trainSeconds: 0, photoCount: 0 });
    expect(f.preview).toBeUndefined();
  });

  it('names a model without metadata after its file', () => {
    expect(importedFields(undefined, 'my-album').name).toBe('my-album');
    expect(importedFields({ name: '   ' }, '').name).toBe('Imported model');
  });
});

describe('validateSettings', () => {
  it('accepts the defaults and names what is wrong otherwise', () => {
    expect(() => validateSettings(DEFAULT_FINETUNE_SETTINGS)).not.toThrow();
    expect(() => validateSettings({ ...DEFAULT_FINETUNE_SETTINGS, learningRate: 0.5 })).toThrow(/learning rate must be a number in \(0, 0.1\]/);
    expect(() => validateSettings({ ...DEFAULT_FINETUNE_SETTINGS, size: 100 as never })).toThrow(/Training size must be 64–256 px/);
    expect(() => validateSettings({ ...DEFAULT_FINETUNE_SETTINGS, checkpointEvery: 1.5 })).toThrow(/checkpoint interval/);
  });
});

describe('uniqueModelName', () => {
  it('keeps a free name, numbers a taken one (case-insensitive), and stays within the length limit', () => {
    expect(uniqueModelName('Flowers', ['Beach'])).toBe('Flowers');
    expect(uniqueModelName('Flowers', ['flowers'])).toBe('Flowers (2)');
    expect(uniqueModelName('Flowers', ['Flowers', 'Flowers (2)'])).toBe('Flowers (3)');
    const long = 'x'.repeat(MAX_MODEL_NAME);
    const next = uniqueModelName(long, [long]);
    expect(next).toHaveLength(MAX_MODEL_NAME);
    expect(next.endsWith(' (2)')).toBe(true);
  });
});
