/**
 * Test helpers (imported only by tests): a cheap stand-in for the frozen encoder with
 * the real taps' shapes, and colourful / gray test photos.
 */
import * as tf from '@tensorflow/tfjs';
import { ENCODER_TAPS } from '../model/config';
import type { FrozenEncoder } from '../model/encoder';
import { labToRgb } from '../color/lab';
import { createRawImage, type RawImage } from '../image';

/** Average-pools the gray image to each tap's stride and repeats it over the tap's channels. */
export function fakeEncoder(): FrozenEncoder {
  const tap = (gray: tf.Tensor4D, stride: number, channels: number) =>
    tf.tile(tf.avgPool(tf.slice(gray, [0, 0, 0, 0], [-1, -1, -1, 1]), stride, stride, 'same'), [1, 1, 1, channels]);
  return {
    features: (gray) => tf.tidy(() => ({
      s4: tap(gray, 4, ENCODER_TAPS.s4.channels),
      s8: tap(gray, 8, ENCODER_TAPS.s8.channels),
      s16: tap(gray, 16, ENCODER_TAPS.s16.channels),
      s32: tap(gray, 32, ENCODER_TAPS.s32.channels),
      global: tf.tile(tf.mean(gray, [1, 2]), [1, ENCODER_TAPS.global.channels / 3]),
    })),
    dispose: () => undefined,
  };
}

/** A colourful photo: hue follows x, brightness follows y; `seed` shifts the hue. */
export function colourPhoto(width: number, height: number, seed = 0): RawImage {
  const img = createRawImage(width, height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const o = (y * width + x) * 4;
      const h = ((x / width + seed * 0.17) % 1) * 6, v = 0.3 + 0.7 * (y / height);
      const c = [Math.abs(h - 3) - 1, 2 - Math.abs(h - 2), 2 - Math.abs(h - 4)].map((t) => Math.min(1, Math.max(0, t)));
      img.data[o] = 255 * v * c[0]!;
      img.data[o + 1] = 255 * v * c[1]!;
      img.data[o + 2] = 255 * v * c[2]!;
      img.data[o + 3] = 255;
    }
  }
  return img;
}

/** A gray ramp (R = G = B), or with `tint` the same lightness ramp under one sepia a*b* (8, 20). */
export function grayPhoto(width: number, height: number, tint = false): RawImage {
  const img = createRawImage(width, height);
  for (let i = 0; i < width * height; i++) {
    const L = 20 + 70 * ((i % width) / width);
    const [r, g, b] = labToRgb(L, tint ? 8 : 0, tint ? 20 : 0);
    img.data[i * 4] = r * 255;
    img.data[i * 4 + 1] = g * 255;
    img.data[i * 4 + 2] = b * 255;
    img.data[i * 4 + 3] = 255;
  }
  return img;
}
