/** Small synthetic images for the metric tests. */
import { createRawImage, type RawImage } from '../image';

/** An image whose RGBA at (x, y) is `pixel(x, y)`. */
export function imageFrom(width: number, height: number, pixel: (x: number, y: number) => readonly number[]): RawImage {
  const data = new Uint8ClampedArray(width * height * 4);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data.set(pixel(x, y), (y * width + x) * 4);
  }
  return createRawImage(width, height, data);
}

/** Deterministic pseudo-random RGBA noise (mulberry32), opaque. */
export function noiseImage(width: number, height: number, seed: number): RawImage {
  let state = seed >>> 0;
  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return imageFrom(width, height, () => [next() * 256, next() * 256, next() * 256, 255].map(Math.floor));
}

/** `image` with `delta` added to R, G and B (clamped to 0..255) and alpha set to `alpha`. */
export function offsetImage(image: RawImage, delta: number, alpha = 255): RawImage {
  const data = new Uint8ClampedArray(image.data.length);
  for (let i = 0; i < data.length; i += 4) {
    data[i] = image.data[i]! + delta;
    data[i + 1] = image.data[i + 1]! + delta;
    data[i + 2] = image.data[i + 2]! + delta;
    data[i + 3] = alpha;
  }
  return createRawImage(image.width, image.height, data);
}
