/**
 * Files → queue items → bridge → results, with a fake worker: statuses, errors on
 * the failing item only, cancel, and a settings change re-initialising the worker.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ColorizeBridge, type WorkerHandle } from '../worker/bridge';
import type { ColorizeFileResult, InitOptions } from '../worker/protocol';
import { startJobs, type Jobs } from './jobs';
import { useQueueStore } from './queue-store';
import { useRuntimeStore } from './runtime-store';
import { useSettingsStore } from './settings-store';

const tick = () => new Promise((r) => setTimeout(r, 0));

function fakeWorker(log: InitOptions[], hold: Map<string, () => void>): WorkerHandle {
  return {
    api: {
      async init(options = {}) {
        log.push(options);
        return { backend: 'wasm', reason: 'no GPU found', attempts: [], model: { name: 'M', version: 'v', trained: false }, modelId: 'shipped', loadMs: 0 };
      },
      async colorizeFile(file, name, onProgress) {
        if ((await file.text()) === 'not an image') {
          throw { name: 'ColorizerError', code: 'not-an-image', message: `${name} is not an image` };
        }
        if (name.startsWith('slow')) await new Promise<void>((resolve) => hold.set(name, resolve));
        onProgress?.({ stage: 'model', fraction: 0.5 });
        const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
        return {
          name, original: image, gray: image, colorized: image, png: new Blob([]), metrics: { psnr: 12.3, ssim: 0.4 },
          hasColourReference: true, timings: { decodeMs: 0, modelMs: 0, colorizeMs: 0, encodeMs: 0, totalMs: 0 }, backend: 'wasm',
        } satisfies ColorizeFileResult;
      },
    },
    terminate: () => undefined,
    onCrash: () => undefined,
  };
}

const status = (name: string) => useQueueStore.getState().items.find((i) => i.name === name)?.status;

describe('jobs', () => {
  let jobs: Jobs;
  let inits: InitOptions[];
  let hold: Map<string, () => void>;
  beforeEach(() => {
    useQueueStore.setState({ items: [] });
    useSettingsStore.setState({ backend: 'auto' });
    inits = [];
    hold = new Map();
    vi.spyOn(URL, 'createObjectURL').mockReturnValue('blob:test');
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation(() => undefined);
    jobs = startJobs(new ColorizeBridge(() => fakeWorker(inits, hold), { backend: 'auto' }));
  });
  afterEach(() => {
    jobs.stop();
    vi.restoreAllMocks();
  });

  it('starts the worker eagerly and mirrors its state in the runtime store', async () => {
    await tick();
    expect(inits).toEqual([{ backend: 'auto' }]);
    expect(useRuntimeStore.getState()).toMatchObject({ status: 'ready', backend: 'wasm', reason: 'no GPU found', model: { name: 'M', version: 'v' } });
  });

  it('a bad file fails on its own item; the others complete', async () => {
    jobs.enqueue([new File(['not an image'], 'notes.jpg'), new File(['png'], 'good.png')]);
    await vi.waitFor(() => expect(status('good.png')).toBe('done'));
    const bad = useQueueStore.getState().items.find((i) => i.name === 'notes.jpg')!;
    expect(bad).toMatchObject({ status: 'error', error: { code: 'not-an-image', message: 'notes.jpg is not an image' } });
  });

  it('cancel marks a running item cancelled and the queue goes on', async () => {
    const [slow] = jobs.enqueue([new File(['png'], 'slow.png'), new File(['png'], 'after.png')]);
    await vi.waitFor(() => expect(hold.has('slow.png')).toBe(true));
    expect(status('slow.png')).toBe('running');
    jobs.cancel(slow!);
    await vi.waitFor(() => expect(status('after.png')).toBe('done'));
    expect(status('slow.png')).toBe('cancelled');
    expect(inits).toHaveLength(2); // the worker was replaced
  });

  it('a backend change in settings re-initialises the worker', async () => {
    await tick();
    useSettingsStore.getState().setBackend('cpu');
    await tick();
    expect(inits).toEqual([{ backend: 'auto' }, { backend: 'cpu' }]);
  });
});
