/**
 * The 12000×8000 (96 MP) case in Node: decoded with sharp, colorized by the real
 * pipeline (stand-in model; the model only ever sees a 224² downscale) and encoded
 * as PNG, with the process's peak resident memory measured. The pipeline streams the
 * full-resolution recombination in row bands, so beyond the decoded input only the
 * two RGBA outputs are full size (3 × 384 MB); before it kept five full-size float
 * planes as well (~3.5 GB). Runs in its own Vitest fork, so the peak is this file's.
 * PSNR/SSIM are skipped (as the app does above 50 MP): SSIM alone takes ~45 s here
 * and needs only O(width) memory.
 */
import * as tf from '@tensorflow/tfjs';
import { beforeAll, expect, it } from 'vitest';
import { buildHostileCorpus, HUGE_NAME, HUGE_SIZE } from '../../../scripts/hostile-corpus';
import type { Colorizer } from '../../core/model/colorizer';
import { AB_STRIDE } from '../../core/model/config';
import { colorize } from '../../core/pipeline/colorize';
import { decodeImageBuffer, encodePng } from './image-io';

const MB = 1024 * 1024;
/** Ceiling for the peak: input + colorized + gray (3 × 384 MB), the PNG and the runtime. */
const PEAK_LIMIT_MB = 2000;

const peakRssMb = () => (process.resourceUsage().maxRSS * 1024) / MB; // maxRSS is in KiB

beforeAll(async () => {
  await tf.setBackend('cpu');
});

it('12000×8000 JPEG: full-size result, tf.memory() unchanged, peak RSS well under the old ~3.5 GB', async () => {
  const huge = (await buildHostileCorpus({ huge: true })).find((c) => c.name === HUGE_NAME)!;
  const colorizer: Colorizer = {
    info: { name: 'constant', version: 'test', trained: false },
    inputSize: 224,
    predictAb() {
      const g = 224 / AB_STRIDE;
      return tf.tidy(() => tf.concat([tf.fill([1, g, g, 1], 20), tf.fill([1, g, g, 1], -30)], 3) as tf.Tensor4D);
    },
    decoder: null as never,
    encoder: null as never,
    dispose() {},
  };
  const tensorsBefore = tf.memory().numTensors;
  const rssBefore = process.memoryUsage().rss / MB;
  const t0 = performance.now();
  const image = await decodeImageBuffer(huge.bytes, HUGE_NAME);
  const t1 = performance.now();
  const result = await colorize(colorizer, image, { computeMetrics: false });
  const t2 = performance.now();
  const png = await encodePng(result.colorized);
  const t3 = performance.now();
  const peak = peakRssMb();

  expect([image.width, image.height]).toEqual([HUGE_SIZE.width, HUGE_SIZE.height]);
  expect([result.colorized.width, result.colorized.height]).toEqual([HUGE_SIZE.width, HUGE_SIZE.height]);
  expect(png.length).toBeGreaterThan(1000);
  expect(tf.memory().numTensors).toBe(tensorsBefore);
  console.log(
    `12000×8000 in Node: decode ${(t1 - t0).toFixed(0)} ms, colorize ${(t2 - t1).toFixed(0)} ms, PNG ${(t3 - t2).toFixed(0)} ms ` +
      `(${(png.length / MB).toFixed(1)} MB); RSS before decode ${rssBefore.toFixed(0)} MB, peak ${peak.toFixed(0)} MB`,
  );
  expect(peak).toBeLessThan(PEAK_LIMIT_MB);
}, 180_000);
