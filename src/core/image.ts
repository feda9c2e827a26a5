/**
 * A decoded image in memory: 8-bit sRGB, RGBA interleaved, row-major.
 * Same layout as the DOM's ImageData so the browser can use it without copies;
 * the core never touches the DOM itself.
 */
export interface RawImage {
  readonly width: number;
  readonly height: number;
  readonly data: Uint8ClampedArray;
}

export function createRawImage(width: number, height: number, data?: Uint8ClampedArray): RawImage {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width <= 0 || height <= 0) {
    throw new RangeError(`Image size must be positive integers, got ${width}×${height}`);
  }
  const expected = width * height * 4;
  if (data && data.length !== expected) {
    throw new RangeError(`RGBA data length ${data.length} does not match ${width}×${height}×4 = ${expected}`);
  }
  return { width, height, data: data ?? new Uint8ClampedArray(expected) };
}
