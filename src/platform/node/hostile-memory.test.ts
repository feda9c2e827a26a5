/**
 * Memory over many photos: 200 consecutive colorizations leave tf.memory() (tensor
 * count and bytes) exactly where it started, first with the stand-in model on the
 * CPU backend, then with the real shipped model (encoder + decoder) on wasm at a
 * tiny input size. The browser counterpart is e2e/hostile-input.spec.ts.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, describe, expect, it } from 'vitest';
import { photoPixels } from '../../../scripts/hostile-corpus';
import { createRawImage, type RawImage } from '../../core/image';
import type { Colorizer } from '../../core/model/colorizer';
import { AB_STRIDE } from '../../core/model/config';
import { colorize } from '../../core/pipeline/colorize';
import { loadNodeColorizer } from './load-colorizer';
import { initNodeBackend } from './tfjs-node-wasm';

const RUNS = 200;

function photo(width: number, height: number, seed: number): RawImage {
  const rgb = photoPixels(width, height, seed);
  const image = createRawImage(width, height);
  for (let i = 0; i < width * height; i++) image.data.set([rgb[i * 3]!, rgb[i * 3 + 1]!, rgb[i * 3 + 2]!, 255], i * 4);
  return image;
}

/** tf.memory() numbers that must not grow. */
const snapshot = () => {
  const m = tf.memory();
  return { numTensors: m.numTensors, numBytes: m.numBytes };
};

/** Colorizes RUNS photos of varying size and shape; tf.memory() after each must equal the baseline. */
async function expectNoGrowth(colorizer: Colorizer): Promise<void> {
  const images = [photo(24, 16, 1), photo(16, 40, 2), photo(60, 8, 3), photo(1, 1, 4)];
  await colorize(colorizer, images[0]!); // first call may cache kernels
  const baseline = snapshot();
  for (let i = 0; i < RUNS; i++) {
    await colorize(colorizer, images[i % images.length]!, { computeMetrics: i % 2 === 0 });
    const now = snapshot();
    if (now.numTensors !== baseline.numTensors || now.numBytes !== baseline.numBytes) {
      throw new Error(`after run ${i + 1}: ${JSON.stringify(now)} vs baseline ${JSON.stringify(baseline)}`);
    }
  }
  expect(snapshot()).toEqual(baseline);
}

describe(`${RUNS} consecutive colorizations keep tf.memory() at baseline`, () => {
  let real: Colorizer | null = null;
  afterAll(() => real?.dispose());

  it('stand-in model, CPU backend', async () => {
    await tf.setBackend('cpu');
    await expectNoGrowth({
      info: { name: 'constant', version: 'test', trained: false },
      inputSize: 64,
      predictAb() {
        const g = 64 / AB_STRIDE;
        return tf.tidy(() => tf.concat([tf.fill([1, g, g, 1], 20), tf.fill([1, g, g, 1], -30)], 3) as tf.Tensor4D);
      },
      decoder: null as never,
      encoder: null as never,
      dispose() {},
    });
  });

  it('(the check itself catches a model that leaks one tensor per call)', async () => {
    await tf.setBackend('cpu');
    const leaky: Colorizer = {
      info: { name: 'leaky', version: 'test', trained: false },
      inputSize: 32,
      predictAb() {
        const g = 32 / AB_STRIDE;
        tf.keep(tf.scalar(1)); // escapes the pipeline's tidy
        return tf.tidy(() => tf.zeros([1, g, g, 2]) as tf.Tensor4D);
      },
      decoder: null as never,
      encoder: null as never,
      dispose() {},
    };
    await expect(expectNoGrowth(leaky)).rejects.toThrow(/after run 1:/);
  });

  it('the shipped model (encoder + decoder), wasm backend, 32 px input', async () => {
    expect(await initNodeBackend('wasm')).toBe('wasm');
    real = await loadNodeColorizer(undefined, 32);
    await expectNoGrowth(real);
  }, 120_000);
});
