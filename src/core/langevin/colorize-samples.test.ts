/**
 * Several colourisations of one photo, on the cpu backend with tiny inputs: the real
 * frozen encoder at 64², an untrained decoder and a tiny score network with a random
 * output layer (so the score is not zero).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fileLoadHandler } from '../../platform/node/model-files';
import { ENCODER_MODEL_JSON } from '../../platform/node/load-colorizer';
import { createColorizer, type Colorizer } from '../model/colorizer';
import { createDecoder } from '../model/decoder';
import { loadEncoder } from '../model/encoder';
import { createRawImage, type RawImage } from '../image';
import { colorize } from '../pipeline/colorize';
import { colorizeSamples, renderSample, sampleColourings } from './colorize-samples';
import { geometricSigmas } from './noise-schedule';
import { createScoreNetwork, SCORE_INPUTS, SIGMA_DATA } from './score-model';
import { createScoreNet, parseScoreManifest, type ScoreNet } from './score-net';
import { TINY_WIDTHS } from './test-batch';

let colorizer: Colorizer;
let scoreNet: ScoreNet;
const sigmas = geometricSigmas(1, 0.01, 4);
const SETTINGS = { stepsPerLevel: 2, epsilon: 2e-5, startLevel: 1, denoise: true } as const;

/** A 40×30 photo with colour (so PSNR/SSIM are computed). */
function photo(): RawImage {
  const img = createRawImage(40, 30);
  for (let y = 0; y < 30; y++) {
    for (let x = 0; x < 40; x++) {
      const i = (y * 40 + x) * 4;
      img.data.set([40 + x * 5, 60 + y * 6, 200 - x * 3, 255], i);
    }
  }
  return img;
}

const same = (a: RawImage, b: RawImage) => Buffer.from(a.data).equals(Buffer.from(b.data));

beforeAll(async () => {
  await tf.setBackend('cpu');
  const encoder = await loadEncoder(fileLoadHandler(ENCODER_MODEL_JSON));
  colorizer = createColorizer(encoder, createDecoder(), { name: 't', version: '0', trained: false }, 64);
  const model = createScoreNetwork(TINY_WIDTHS, 3);
  const out = model.getLayer('score_out');
  out.setWeights(out.getWeights().map((w, i) => tf.randomNormal(w.shape, 0, 0.1, 'float32', 20 + i)));
  scoreNet = createScoreNet(model, { name: 'tiny', version: '0', trained: false, trainingSteps: 0, sigmas });
});

afterAll(() => {
  colorizer.dispose();
  scoreNet.dispose();
});

describe('colorizeSamples', () => {
  it('gives N full-resolution samples that differ from each other, with PSNR/SSIM and a diversity figure', async () => {
    const image = photo();
    const progress: number[] = [];
    const r = await colorizeSamples(colorizer, scoreNet, image, { count: 3, seed: 7, ...SETTINGS, onProgress: (d) => progress.push(d) });
    expect(r.images).toHaveLength(3);
    for (const im of r.images) expect([im.width, im.height]).toEqual([40, 30]);
    expect(same(r.images[0]!, r.images[1]!)).toBe(false);
    expect(same(r.images[1]!, r.images[2]!)).toBe(false);
    expect(r.ab.diversity).toBeGreaterThan(0);
    expect(r.ab.evaluations).toBe(3 * 2 + 1);
    expect(progress).toEqual([1, 2, 3, 4, 5, 6, 7]);
    expect(r.hasColourReference).toBe(true);
    for (const m of r.metrics) {
      expect(m!.psnr).toBeGreaterThan(0);
      expect(m!.ssim).toBeGreaterThan(0);
    }
    expect(r.gan.metrics).not.toBeNull();
  });

  it('the same seed gives identical samples, another seed different ones', async () => {
    const image = photo();
    const a = await colorizeSamples(colorizer, scoreNet, image, { count: 2, seed: 11, ...SETTINGS });
    const b = await colorizeSamples(colorizer, scoreNet, image, { count: 2, seed: 11, ...SETTINGS });
    const c = await colorizeSamples(colorizer, scoreNet, image, { count: 2, seed: 12, ...SETTINGS });
    for (let i = 0; i < 2; i++) {
      expect(same(a.images[i]!, b.images[i]!)).toBe(true);
      expect(same(a.images[i]!, c.images[i]!)).toBe(false);
    }
    expect(a.ab.diversity).toBe(b.ab.diversity);
  });

  it('starts from pure noise with startLevel 0', async () => {
    const r = await sampleColourings(colorizer, scoreNet, photo(), { count: 2, seed: 1, ...SETTINGS, startLevel: 0 });
    expect(r.evaluations).toBe(4 * 2 + 1);
    expect(r.diversity).toBeGreaterThan(0);
  });

  it('recombines with the same code as colorize(): the GAN grid renders to colorize()’s own result', async () => {
    const image = photo();
    const ab = await sampleColourings(colorizer, scoreNet, image, { count: 1, seed: 1, ...SETTINGS });
    const direct = await colorize(colorizer, image);
    expect(same(renderSample(image, ab, 'gan'), direct.colorized)).toBe(true);
    expect(ab.diversity).toBeNull();
  });

  it('leaks no tensors, also when aborted', async () => {
    const image = photo();
    await sampleColourings(colorizer, scoreNet, image, { count: 2, seed: 3, ...SETTINGS });
    const before = tf.memory().numTensors;
    await sampleColourings(colorizer, scoreNet, image, { count: 2, seed: 3, ...SETTINGS });
    expect(tf.memory().numTensors).toBe(before);

    const controller = new AbortController();
    const run = sampleColourings(colorizer, scoreNet, image, {
      count: 2, seed: 3, ...SETTINGS,
      signal: controller.signal,
      onProgress: (done) => done === 2 && controller.abort(),
    });
    await expect(run).rejects.toMatchObject({ code: 'aborted' });
    expect(tf.memory().numTensors).toBe(before);
  });

  it('rejects a bad count or start level', async () => {
    await expect(sampleColourings(colorizer, scoreNet, photo(), { count: 0, seed: 1 })).rejects.toThrow(/count/);
    await expect(sampleColourings(colorizer, scoreNet, photo(), { count: 2, seed: 1, startLevel: 4 })).rejects.toThrow(/startLevel/);
  });
});

describe('parseScoreManifest', () => {
  const manifest = { name: 'n', version: 'v', trained: true, trainingSteps: 5, langevin: { sigmas, sigmaData: SIGMA_DATA, abScale: 110, abStride: 4, inputs: [...SCORE_INPUTS] } };
  it('reads the ladder and the step count', () => {
    expect(parseScoreManifest(manifest)).toMatchObject({ version: 'v', trainingSteps: 5, sigmas });
  });
  it('refuses other conventions or a bad ladder', () => {
    expect(() => parseScoreManifest({ ...manifest, langevin: { ...manifest.langevin, sigmaData: 0.5 } })).toThrow(/sigmaData/);
    expect(() => parseScoreManifest({ ...manifest, langevin: { ...manifest.langevin, sigmas: [0.1, 0.5] } })).toThrow(/decreasing/);
    expect(() => parseScoreManifest({ name: 'n' })).toThrow(/lacks/);
  });
});
