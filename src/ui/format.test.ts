import { describe, expect, it } from 'vitest';
import { formatBytes, formatDuration, formatStorage, formatPsnr, formatSsim, modelLabel, stageLabel } from './format';

describe('format', () => {
  it('PSNR in dB with 2 decimals, SSIM with 4', () => {
    expect(formatPsnr(23.456)).toBe('23.46 dB');
    expect(formatPsnr(Infinity)).toBe('∞ dB');
    expect(formatSsim(0.81234)).toBe('0.8123');
  });

  it('durations and sizes', () => {
    expect(formatDuration(412.4)).toBe('412 ms');
    expect(formatDuration(1534)).toBe('1.53 s');
    expect(formatDuration(125_000)).toBe('2 min 5 s');
    expect(formatBytes(512)).toBe('512 B');
    expect(formatBytes(58_000)).toBe('57 KB');
    expect(formatBytes(3 * 1024 * 1024)).toBe('3.0 MB');
    expect(formatBytes(1.5 * 1024 ** 3)).toBe('1.5 GB');
  });

  it('storage estimate', () => {
    expect(formatStorage(14.2 * 1024 * 1024, 2 * 1024 ** 3)).toBe('14.2 MB of 2.0 GB');
    expect(formatStorage(512, 0)).toBe('512 B');
  });

  it('model and stage labels', () => {
    expect(modelLabel({ name: 'ChromaGAN-MobileNetV2', version: 'untrained' })).toBe('ChromaGAN-MobileNetV2 untrained');
    expect(stageLabel('model')).toBe('Predicting colour');
    expect(stageLabel(undefined)).toBe('Loading the model');
  });
});
