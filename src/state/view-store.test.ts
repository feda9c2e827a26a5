import { describe, expect, it } from 'vitest';
import { viewFromHash } from './view-store';

describe('viewFromHash', () => {
  it('#fine-tune opens the Fine-tune page; anything else Colorize', () => {
    expect(viewFromHash('#fine-tune')).toBe('finetune');
    expect(viewFromHash('')).toBe('colorize');
    expect(viewFromHash('#other')).toBe('colorize');
  });
});
