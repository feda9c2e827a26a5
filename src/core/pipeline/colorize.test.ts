import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import {
  colorize,
  contentAb,
  hasColour,
  imageHasColour,
  letterbox,
  metricsSkippedReason,
  modelInputFromImage,
  modelInputL,
  recombine,
  upscaleRegion,
} from './colorize';
import { AreaDownscaler, downscaleArea, upscaleBilinear, upscaleBilinearRows } from './resample';
import { grayscaleOf, imageToLab, labToImage, labToRgb, rgbToLab } from '../color/lab';
import { createRawImage, type RawImage } from '../image';
import type { Colorizer } from '../model/colorizer';
import { AB_STRIDE } from '../model/config';
import { ColorizerError } from '../runtime/errors';

/** A stand-in model with a known answer: a = 20, b = −30 everywhere; records its input. */
function constantColorizer(inputSize = 64): Colorizer & { lastInput?: Float32Array } {
  const c: Colorizer & { lastInput?: Float32Array } = {
    info: { name: 'constant', version: 'test', trained: false },
    inputSize,
    predictAb(L) {
      c.lastInput = L.dataSync() as Float32Array;
      const g = inputSize / AB_STRIDE;
      return tf.tidy(() => tf.concat([tf.fill([1, g, g, 1], 20), tf.fill([1, g, g, 1], -30)], 3) as tf.Tensor4D);
    },
    decoder: null as never,
    encoder: null as never,
    dispose() {},
  };
  return c;
}

function solid(w: number, h: number, rgb: [number, number, number]): RawImage {
  const img = createRawImage(w, h);
  for (let i = 0; i < w * h; i++) img.data.set([...rgb, 255], i * 4);
  return img;
}

function gradientImage(w: number, h: number): RawImage {
  const img = createRawImage(w, h);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img.data.set([(x * 255) / (w - 1), (y * 255) / (h - 1), 128, 255], (y * w + x) * 4);
  return img;
}

beforeAll(async () => {
  await tf.setBackend('cpu');
});

describe('letterbox', () => {
  it('keeps the aspect ratio of a 20:1 panorama and centres it', () => {
    expect(letterbox(4000, 200, 224)).toEqual({ size: 224, width: 224, height: 11, left: 0, top: 106 });
    expect(letterbox(200, 4000, 224)).toEqual({ size: 224, width: 11, height: 224, left: 106, top: 0 });
  });
  it('upscales small images to fill the square', () => {
    expect(letterbox(32, 16, 64)).toEqual({ size: 64, width: 64, height: 32, left: 0, top: 16 });
  });
  it('never produces an empty content box (1×100000)', () => {
    const b = letterbox(1, 100000, 224);
    expect(b.width).toBe(1);
    expect(b.height).toBe(224);
  });
});

describe('resampling', () => {
  it('area downscale averages blocks exactly', () => {
    const src = Float32Array.from([1, 3, 5, 7, 1, 3, 5, 7]); // 4×2
    expect(Array.from(downscaleArea(src, 4, 2, 2, 1))).toEqual([2, 6]);
  });
  it('area downscale handles fractional ratios (3 → 2)', () => {
    const out = downscaleArea(Float32Array.from([0, 3, 6]), 3, 1, 2, 1);
    expect(out[0]).toBeCloseTo((0 + 3 * 0.5) / 1.5, 5);
    expect(out[1]).toBeCloseTo((3 * 0.5 + 6) / 1.5, 5);
  });
  it('bilinear upscale reproduces a linear ramp and constants', () => {
    const up = upscaleBilinear(Float32Array.from([0, 10]), 2, 1, 4, 1);
    expect(Array.from(up)).toEqual([0, 2.5, 7.5, 10]);
    expect(Array.from(upscaleBilinear(Float32Array.from([5]), 1, 1, 3, 2))).toEqual([5, 5, 5, 5, 5, 5]);
  });
});

describe('colorize pipeline', () => {
  it('recombines the full-resolution L with the predicted a,b (golden pixel)', async () => {
    const img = gradientImage(37, 23);
    const r = await colorize(constantColorizer(), img);
    expect(r.colorized.width).toBe(37);
    expect(r.colorized.height).toBe(23);
    const lab = imageToLab(img);
    for (const i of [0, 100, 37 * 23 - 1]) {
      const expected = labToRgb(lab.L[i]!, 20, -30).map((v) => Math.round(v * 255));
      expect(Array.from(r.colorized.data.subarray(i * 4, i * 4 + 3))).toEqual(expected);
    }
  });

  it('gray output keeps L and removes colour', async () => {
    const r = await colorize(constantColorizer(), gradientImage(16, 16));
    const px = Array.from(r.gray.data.subarray(40, 43));
    expect(px[0]).toBe(px[1]);
    expect(px[1]).toBe(px[2]);
  });

  it('letterboxes the model input with the mean L around the content', async () => {
    const c = constantColorizer(64);
    const img = solid(128, 32, [200, 200, 200]);
    await colorize(c, img);
    const L = rgbToLab(200 / 255, 200 / 255, 200 / 255)[0];
    expect(c.lastInput![0]).toBeCloseTo(L, 3); // border row = mean L of a solid image
    expect(c.lastInput![32 * 64 + 10]).toBeCloseTo(L, 3);
  });

  it('reports PSNR/SSIM for a colour photo and "no colour reference" for a gray one', async () => {
    const colour = await colorize(constantColorizer(), gradientImage(24, 24));
    expect(colour.hasColourReference).toBe(true);
    expect(Number.isFinite(colour.metrics!.psnr)).toBe(true);
    expect(colour.metrics!.ssim).toBeLessThanOrEqual(1);
    const gray = await colorize(constantColorizer(), solid(24, 24, [90, 90, 90]));
    expect(gray.hasColourReference).toBe(false);
    expect(gray.metrics).toBeNull();
  });

  it('handles 1×1 and 20:1 images', async () => {
    const tiny = await colorize(constantColorizer(), solid(1, 1, [10, 200, 30]));
    expect([tiny.colorized.width, tiny.colorized.height]).toEqual([1, 1]);
    const pano = await colorize(constantColorizer(), gradientImage(400, 20));
    expect([pano.colorized.width, pano.colorized.height]).toEqual([400, 20]);
  });

  it('crops the content a,b region out of the model grid', () => {
    const box = letterbox(128, 32, 64); // content 64×16 at top 24 → grid rows 6..10
    const g = 64 / AB_STRIDE;
    const grid = new Float32Array(g * g * 2);
    for (let y = 0; y < g; y++) for (let x = 0; x < g; x++) grid[(y * g + x) * 2] = y;
    const r = contentAb(grid, box);
    expect(r.gh).toBe(4);
    expect(r.a[0]).toBe(6);
  });

  it('is cancellable', async () => {
    const ac = new AbortController();
    ac.abort();
    await expect(colorize(constantColorizer(), solid(8, 8, [1, 2, 3]), { signal: ac.signal })).rejects.toBeInstanceOf(ColorizerError);
  });

  it('leaves no tensors behind', async () => {
    const c = constantColorizer();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) await colorize(c, gradientImage(30, 20));
    expect(tf.memory().numTensors).toBe(before);
  });

  it('says why PSNR/SSIM are skipped above 50 MP', () => {
    expect(metricsSkippedReason(6000 * 4000)).toBeNull();
    expect(metricsSkippedReason(50_000_000)).toBeNull();
    expect(metricsSkippedReason(12000 * 8000)).toBe('not computed for photos over 50 MP (this one is 96 MP)');
  });

  it('detects colour', () => {
    expect(hasColour(imageToLab(solid(4, 4, [128, 128, 128])))).toBe(false);
    expect(hasColour(imageToLab(solid(4, 4, [200, 30, 30])))).toBe(true);
    expect(modelInputL(imageToLab(solid(2, 2, [0, 0, 0])), letterbox(2, 2, 32)).length).toBe(32 * 32);
  });
});

describe('streaming (row bands) = the whole-plane computation', () => {
  /** A busy image: gradients plus a pattern, so every pixel differs. */
  function busyImage(w: number, h: number): RawImage {
    const img = createRawImage(w, h);
    for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) img.data.set([(x * 255) / (w - 1), (y * 255) / (h - 1), (x * 7 + y * 13) % 256, 255], (y * w + x) * 4);
    return img;
  }

  it('AreaDownscaler fed row by row equals downscaleArea; upscaleBilinearRows equals slices of upscaleBilinear', () => {
    const src = Float32Array.from({ length: 13 * 9 }, (_, i) => Math.sin(i) * 50);
    const down = new AreaDownscaler(13, 9, 5, 4);
    for (let y = 0; y < 9; y++) down.pushRow(src.subarray(y * 13, (y + 1) * 13));
    expect(Array.from(down.result())).toEqual(Array.from(downscaleArea(src, 13, 9, 5, 4)));
    const grid = Float32Array.from({ length: 4 * 3 }, (_, i) => i * i);
    const full = upscaleBilinear(grid, 4, 3, 17, 11);
    expect(Array.from(upscaleBilinearRows(grid, 4, 3, 17, 11, 3, 8))).toEqual(Array.from(full.subarray(3 * 17, 8 * 17)));
  });

  it('model input and colour detection from the RGBA rows equal the Lab-plane versions', () => {
    const img = busyImage(300, 70);
    const lab = imageToLab(img);
    const box = letterbox(300, 70, 64);
    expect(Array.from(modelInputFromImage(img, box))).toEqual(Array.from(modelInputL(lab, box)));
    expect(imageHasColour(img)).toBe(hasColour(lab));
    const gray = solid(50, 40, [120, 120, 120]);
    expect(imageHasColour(gray)).toBe(false);
  });

  it('recombine over several bands is bit-identical to full-size L, a, b planes', () => {
    const W = 1100, H = 1000; // 1.1 MP: two bands of ~1 M pixels
    const img = busyImage(W, H);
    const box = letterbox(W, H, 64);
    const g = 64 / AB_STRIDE;
    const grid = new Float32Array(g * g * 2);
    for (let i = 0; i < g * g; i++) {
      grid[i * 2] = ((i % g) - g / 2) * 6; // a varies across
      grid[i * 2 + 1] = (Math.floor(i / g) - g / 2) * -5; // b varies down
    }
    const region = contentAb(grid, box);
    const lab = imageToLab(img);
    const a = upscaleRegion(region.a, region.gw, region.gh, region, W, H);
    const b = upscaleRegion(region.b, region.gw, region.gh, region, W, H);
    const expected = labToImage({ width: W, height: H, L: lab.L, a, b });
    const bands: number[] = [];
    const got = recombine(img, region, (f) => bands.push(f));
    expect(bands.length).toBeGreaterThan(1);
    expect(bands.at(-1)).toBe(1);
    expect(Buffer.from(got.colorized.data).equals(Buffer.from(expected.data))).toBe(true);
    expect(Buffer.from(got.gray.data).equals(Buffer.from(grayscaleOf(lab).data))).toBe(true);
  });
});
