import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { AlternativesResult, ColorizeFileResult } from '../worker/protocol';
import { useAlternativesStore } from './alternatives-store';
import { alternativeDownloadName, useQueueStore } from './queue-store';

const image = (v: number) => ({ width: 1, height: 1, data: new Uint8ClampedArray([v, v, v, 255]) });
const result = (n: number): AlternativesResult => ({
  name: 'x', alternatives: Array.from({ length: n }, (_, i) => ({ colorized: image(i), png: new Blob([`s${i}`]), metrics: { psnr: 20 + i, ssim: 0.9 } })),
  diversity: 5, hasColourReference: true, seed: 1, sampler: { stepsPerLevel: 10, epsilon: 4e-5, startLevel: 5, evaluations: 51 },
  scoreNet: { version: 'v', trainingSteps: 3 }, timings: { loadMs: 0, samplingMs: 0, perSampleMs: 0, totalMs: 0 }, backend: 'wasm',
});

describe('alternatives store', () => {
  beforeEach(() => useAlternativesStore.setState({ byItem: {} }));
  const get = (id: string) => useAlternativesStore.getState().byItem[id]!;

  it('runs: start → progress → done; choose; a late result after cancel is ignored', () => {
    const s = useAlternativesStore.getState();
    s.start('a', 4, 1);
    s.progress('a', { stage: 'sampling', fraction: 0.5 });
    s.progress('a', { stage: 'sampling', fraction: 0.4 });
    expect(get('a')).toMatchObject({ status: 'running', progress: 0.5, stage: 'sampling', count: 4, seed: 1, chosen: null });
    s.complete('a', result(4));
    expect(get('a')).toMatchObject({ status: 'done', progress: 1 });
    s.choose('a', 2);
    expect(get('a').chosen).toBe(2);
    s.choose('a', 9); // no such sample
    expect(get('a').chosen).toBe(2);
    s.start('b', 8, 1);
    s.cancelled('b');
    s.complete('b', result(8));
    expect(get('b')).toMatchObject({ status: 'cancelled' });
    expect(get('b').result).toBeUndefined();
    s.remove('a');
    expect(useAlternativesStore.getState().byItem.a).toBeUndefined();
  });

  it('a new set keeps the previous samples and the pick until it arrives; a cancelled one leaves them', () => {
    const s = useAlternativesStore.getState();
    const first = result(4);
    s.start('a', 4, 1);
    s.complete('a', first);
    s.choose('a', 1);
    s.start('a', 8, 2);
    expect(get('a')).toMatchObject({ status: 'running', count: 8, seed: 2, chosen: 1 });
    expect(get('a').result).toBe(first);
    s.cancelled('a');
    expect(get('a')).toMatchObject({ status: 'cancelled', chosen: 1 });
    expect(get('a').result).toBe(first);
    s.start('a', 8, 3);
    s.fail('a', { code: 'internal', message: 'boom' });
    expect(get('a')).toMatchObject({ status: 'error', chosen: 1 });
    expect(get('a').result).toBe(first);
    s.start('a', 8, 4);
    const second = result(8);
    s.complete('a', second);
    expect(get('a')).toMatchObject({ status: 'done', chosen: null });
    expect(get('a').result).toBe(second);
  });
});

describe('queue store: chooseColorized', () => {
  let created: string[], revoked: string[];
  beforeEach(() => {
    useQueueStore.setState({ items: [] });
    created = [];
    revoked = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => `blob:test/${created.push('x') - 1}`);
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
  });
  afterEach(() => vi.restoreAllMocks());

  it('replaces the colorized image, PNG, name and metrics; goes back to the GAN; revokes what it replaces', () => {
    const q = useQueueStore.getState();
    const id = q.add('old photo.jpg', 10);
    q.start(id);
    const done: ColorizeFileResult = {
      name: 'x', original: image(0), gray: image(0), colorized: image(9), png: new Blob(['gan']), metrics: { psnr: 22, ssim: 0.95 },
      hasColourReference: true, timings: { decodeMs: 0, modelMs: 0, colorizeMs: 0, encodeMs: 0, totalMs: 0 }, backend: 'wasm',
    };
    q.complete(id, done);
    const item = () => useQueueStore.getState().items[0]!.result!;
    const samples = result(4).alternatives;
    q.chooseColorized(id, { ...samples[1]!, label: 'sample 2 of 4' });
    expect(item()).toMatchObject({ colorized: samples[1]!.colorized, pngUrl: 'blob:test/1', downloadName: 'old photo-colorized-sample-2-of-4.png', metrics: { psnr: 21 } });
    q.chooseColorized(id, { ...samples[3]!, label: 'sample 4 of 4' });
    expect(revoked).toEqual(['blob:test/1']);
    expect(item().pngUrl).toBe('blob:test/2');
    q.chooseColorized(id, null);
    expect(item()).toMatchObject({ colorized: done.colorized, pngUrl: 'blob:test/0', downloadName: 'old photo-colorized.png', metrics: { psnr: 22 } });
    expect(item().alternative).toBeUndefined();
    expect(revoked).toEqual(['blob:test/1', 'blob:test/2']);
    q.chooseColorized(id, { ...samples[0]!, label: 'sample 1 of 4' });
    q.remove(id);
    expect(revoked).toEqual(['blob:test/1', 'blob:test/2', 'blob:test/3', 'blob:test/0']);
  });

  it('names the download after the sample', () => {
    expect(alternativeDownloadName('a-colorized.png', 'sample 3 of 8')).toBe('a-colorized-sample-3-of-8.png');
  });
});
