import { beforeAll, describe, expect, it } from 'vitest';
import * as tf from '@tensorflow/tfjs';
import { fileLoadHandler } from '../../platform/node/model-files';
import { ENCODER_MODEL_JSON } from '../../platform/node/load-colorizer';
import { createColorizer } from './colorizer';
import { createDecoder } from './decoder';
import { createCritic } from './critic';
import { loadEncoder, type FrozenEncoder } from './encoder';
import { NUM_CLASSES } from './config';

let encoder: FrozenEncoder;

beforeAll(async () => {
  await tf.setBackend('cpu');
  encoder = await loadEncoder(fileLoadHandler(ENCODER_MODEL_JSON));
});

describe('model', () => {
  it('the shipped encoder taps strides 4..32 at any multiple of 32', () => {
    for (const [h, w] of [[64, 64], [96, 160]] as const) {
      const f = encoder.features(tf.zeros([1, h, w, 3]) as tf.Tensor4D);
      expect(f.s4.shape).toEqual([1, h / 4, w / 4, 24]);
      expect(f.s8.shape).toEqual([1, h / 8, w / 8, 32]);
      expect(f.s16.shape).toEqual([1, h / 16, w / 16, 96]);
      expect(f.s32.shape).toEqual([1, h / 32, w / 32, 320]);
      expect(f.global.shape).toEqual([1, 1280]);
      tf.dispose(Object.values(f));
    }
  });

  it('the encoder is pretrained: a photo-like input gives non-trivial features', () => {
    const f = tf.tidy(() => encoder.features(tf.randomUniform([1, 64, 64, 3], 0, 1, 'float32', 3) as tf.Tensor4D).global);
    const v = f.dataSync();
    expect(Math.max(...v)).toBeGreaterThan(0.1);
    f.dispose();
  });

  it('colorizer predicts a,b at a quarter of the input, and starts from gray (zero a,b)', () => {
    const c = createColorizer(encoder, createDecoder(), { name: 't', version: '0', trained: false }, 64);
    const ab = c.predictAb(tf.fill([1, 64, 64, 1], 50) as tf.Tensor4D);
    expect(ab.shape).toEqual([1, 16, 16, 2]);
    expect(Math.max(...Array.from(ab.dataSync()).map(Math.abs))).toBe(0); // zero-initialised output layer
    ab.dispose();
    c.decoder.dispose();
  });

  it('decoder class head is a distribution; critic scores patches', () => {
    const decoder = createDecoder();
    const critic = createCritic();
    const [, classes] = tf.tidy(() => decoder.predict([
      tf.zeros([2, 16, 16, 24]), tf.zeros([2, 8, 8, 32]), tf.zeros([2, 4, 4, 96]), tf.zeros([2, 2, 2, 320]), tf.ones([2, 1280]), tf.zeros([2, 16, 16, 1]),
    ]) as tf.Tensor[]);
    expect(classes!.shape).toEqual([2, NUM_CLASSES]);
    expect(classes!.sum(1).dataSync()[0]).toBeCloseTo(1, 5);
    const scores = critic.predict(tf.zeros([2, 40, 40, 3])) as tf.Tensor;
    expect(scores.shape).toEqual([2, 5, 5, 1]);
    tf.dispose([classes!, scores]);
    decoder.dispose();
    critic.dispose();
  });

  it('predictAb leaks no tensors', () => {
    const c = createColorizer(encoder, createDecoder(), { name: 't', version: '0', trained: false }, 64);
    const L = tf.fill([1, 64, 64, 1], 40) as tf.Tensor4D;
    c.predictAb(L).dispose();
    const before = tf.memory().numTensors;
    for (let i = 0; i < 3; i++) c.predictAb(L).dispose();
    expect(tf.memory().numTensors).toBe(before);
    L.dispose();
    c.decoder.dispose();
  });
});
