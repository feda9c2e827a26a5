/**
 * IEEE 754 half-precision packing for the training feature cache (halves its size;
 * encoder features need nowhere near float32 precision).
 */
const f32 = new Float32Array(1);
const u32 = new Uint32Array(f32.buffer);

export function toFloat16Bits(value: number): number {
  f32[0] = value;
  const x = u32[0]!;
  const sign = (x >>> 16) & 0x8000;
  const exp = (x >>> 23) & 0xff;
  let mant = x & 0x7fffff;
  if (exp === 0xff) return sign | 0x7c00 | (mant ? 0x200 : 0); // Inf / NaN
  let e = exp - 127 + 15;
  if (e >= 0x1f) return sign | 0x7c00; // overflow → Inf
  if (e <= 0) {
    if (e < -10) return sign; // underflow → ±0
    mant |= 0x800000;
    const shift = 14 - e;
    let half = mant >>> shift;
    if ((mant >>> (shift - 1)) & 1) half += 1; // round half up
    return sign | half;
  }
  let half = sign | (e << 10) | (mant >>> 13);
  if (mant & 0x1000) half += 1; // round to nearest (carry may bump the exponent, which is correct)
  return half;
}

const HALF_TO_FLOAT = (() => {
  const table = new Float32Array(65536);
  for (let h = 0; h < 65536; h++) {
    const sign = h & 0x8000 ? -1 : 1;
    const exp = (h >>> 10) & 0x1f;
    const mant = h & 0x3ff;
    if (exp === 0) table[h] = sign * mant * 2 ** -24;
    else if (exp === 0x1f) table[h] = mant ? NaN : sign * Infinity;
    else table[h] = sign * (1 + mant / 1024) * 2 ** (exp - 15);
  }
  return table;
})();

export function encodeFloat16(src: ArrayLike<number>, dst: Uint16Array = new Uint16Array(src.length), offset = 0): Uint16Array {
  for (let i = 0; i < src.length; i++) dst[offset + i] = toFloat16Bits(src[i]!);
  return dst;
}

export function decodeFloat16(src: Uint16Array, dst: Float32Array = new Float32Array(src.length), offset = 0): Float32Array {
  for (let i = 0; i < src.length; i++) dst[offset + i] = HALF_TO_FLOAT[src[i]!]!;
  return dst;
}
