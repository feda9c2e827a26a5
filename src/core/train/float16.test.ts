import { describe, expect, it } from 'vitest';
import { decodeFloat16, encodeFloat16, toFloat16Bits } from './float16';

describe('float16', () => {
  it('encodes known values bit-exactly', () => {
    expect(toFloat16Bits(1)).toBe(0x3c00);
    expect(toFloat16Bits(-2)).toBe(0xc000);
    expect(toFloat16Bits(65504)).toBe(0x7bff);
    expect(toFloat16Bits(1e6)).toBe(0x7c00);
    expect(toFloat16Bits(0)).toBe(0);
    expect(toFloat16Bits(2 ** -24)).toBe(1);
  });

  it('round trips within half precision (relative 2^-11)', () => {
    const values = Float32Array.from({ length: 2000 }, (_, i) => Math.sin(i * 12.9898) * 10 ** ((i % 9) - 4));
    const back = decodeFloat16(encodeFloat16(values));
    values.forEach((v, i) => {
      const tol = Math.max(Math.abs(v) * 2 ** -11, 2 ** -24);
      expect(Math.abs(back[i]! - v)).toBeLessThanOrEqual(tol);
    });
  });
});
