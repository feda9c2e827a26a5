import { describe, expect, it } from 'vitest';
import { formatEta, formatMetrics, formatPsnrChange, formatSpeed, runStatusLabel } from './finetune-format';

describe('fine-tune formatting', () => {
  it('formats the ETA', () => {
    expect(formatEta(null)).toBe('—');
    expect(formatEta(44.6)).toBe('45 s');
    expect(formatEta(185)).toBe('3 min 05 s');
    expect(formatEta(3720)).toBe('1 h 02 min');
  });
  it('formats the speed', () => {
    expect(formatSpeed(2.314)).toBe('2.31 steps/s');
    expect(formatSpeed(0.05)).toBe('20 s/step');
    expect(formatSpeed(null)).toBe('—');
  });
  it('formats metrics and their change', () => {
    expect(formatMetrics({ psnr: 23.1, ssim: 0.94123 })).toBe('23.10 dB / 0.9412');
    expect(formatMetrics(null)).toBe('—');
    expect(formatPsnrChange(22, 22.42)).toBe('+0.42 dB');
    expect(formatPsnrChange(22, 21.9)).toBe('−0.10 dB');
    expect(runStatusLabel('interrupted')).toBe('Interrupted');
  });
});
