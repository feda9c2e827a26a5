import { describe, expect, it } from 'vitest';
import { colorfulness } from './colorfulness';
import { imageFrom, noiseImage } from './test-images';

describe('colorfulness (Hasler & Süsstrunk 2003)', () => {
  it('is 0 for any gray image', () => {
    const gray = imageFrom(6, 5, (x, y) => {
      const v = (x * 37 + y * 11) % 256;
      return [v, v, v, 255];
    });
    expect(colorfulness(gray)).toBe(0);
  });

  it('of a uniform colour is 0.3·|mean|: red gives rg = 255, yb = 127.5', () => {
    const red = imageFrom(3, 3, () => [255, 0, 0, 255]);
    expect(colorfulness(red)).toBeCloseTo(0.3 * Math.sqrt(255 ** 2 + 127.5 ** 2), 10);
  });

  it('matches a hand computation for half red, half blue', () => {
    // red:  rg = 255, yb = 127.5;  blue: rg = 0, yb = -255
    // μrg = 127.5, σrg = 127.5;   μyb = -63.75, σyb = 191.25
    const image = imageFrom(4, 2, (x) => (x < 2 ? [255, 0, 0, 255] : [0, 0, 255, 0]));
    const expected = Math.sqrt(127.5 ** 2 + 191.25 ** 2) + 0.3 * Math.sqrt(127.5 ** 2 + 63.75 ** 2);
    expect(expected).toBeCloseTo(272.619, 3);
    expect(colorfulness(image)).toBeCloseTo(expected, 10);
  });

  it('ignores alpha', () => {
    const a = noiseImage(5, 5, 3);
    const b = imageFrom(5, 5, (x, y) => {
      const i = (y * 5 + x) * 4;
      return [a.data[i]!, a.data[i + 1]!, a.data[i + 2]!, 0];
    });
    expect(colorfulness(b)).toBe(colorfulness(a));
  });
});
