/**
 * The bridge against fake workers: laziness, one call at a time, cancel by
 * terminating (and restarting lazily), aborting queued calls, re-initialising on a
 * backend change, start-up failures and crashes.
 */
import { describe, expect, it } from 'vitest';
import { ABORTED, ColorizeBridge, type WorkerHandle } from './bridge';
import type { ColorizeFileResult, InitOptions, InitResult, ProgressCallback, RuntimeEventCallback, WorkerError } from './protocol';

interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}
function deferred<T>(): Deferred<T> {
  let resolve!: (v: T) => void, reject!: (e: unknown) => void;
  const promise = new Promise<T>((res, rej) => {
    resolve = res;
    reject = rej;
  });
  return { promise, resolve, reject };
}

const tick = () => new Promise((r) => setTimeout(r, 0));

function initResult(backend: InitResult['backend'] = 'wasm'): InitResult {
  return { backend, reason: 'no GPU found', attempts: [], model: { name: 'ChromaGAN-MobileNetV2', version: 'untrained', trained: false }, modelId: 'shipped', loadMs: 1 };
}

function fileResult(name: string): ColorizeFileResult {
  const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };
  return {
    name, original: image, gray: image, colorized: image, png: new Blob([]), metrics: { psnr: 20, ssim: 0.5 },
    hasColourReference: true, timings: { decodeMs: 0, modelMs: 0, colorizeMs: 0, encodeMs: 0, totalMs: 0 }, backend: 'wasm',
  };
}

/** Fake workers whose init and colorizeFile calls the test settles by hand. */
function fakeWorkers() {
  const workers: {
    options: InitOptions[];
    init: Deferred<InitResult>;
    calls: { name: string; done: Deferred<ColorizeFileResult>; onProgress?: ProgressCallback }[];
    terminated: boolean;
    crash?: (e: WorkerError) => void;
    onEvent?: RuntimeEventCallback;
  }[] = [];
  const factory = (): WorkerHandle => {
    const w = { options: [] as InitOptions[], init: deferred<InitResult>(), calls: [] as (typeof workers)[number]['calls'], terminated: false } as (typeof workers)[number];
    workers.push(w);
    return {
      api: {
        init(options = {}, onEvent) {
          w.options.push(options);
          if (onEvent) w.onEvent = onEvent;
          return w.init.promise;
        },
        colorizeFile(_file, name, onProgress) {
          const done = deferred<ColorizeFileResult>();
          w.calls.push({ name, done, ...(onProgress ? { onProgress } : {}) });
          return done.promise;
        },
      },
      terminate() {
        w.terminated = true;
      },
      onCrash(listener) {
        w.crash = listener;
      },
    };
  };
  return { workers, factory };
}

const blob = new Blob(['x']);

describe('ColorizeBridge', () => {
  it('starts the worker lazily and only once', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory, { backend: 'wasm' });
    expect(workers).toHaveLength(0);
    const a = bridge.init();
    const b = bridge.init();
    expect(workers).toHaveLength(1);
    expect(workers[0]!.options).toEqual([{ backend: 'wasm' }]);
    expect(bridge.getState().status).toBe('starting');
    workers[0]!.init.resolve(initResult());
    expect(await a).toEqual(await b);
    expect(bridge.getState()).toMatchObject({ status: 'ready', init: initResult() });
  });

  it('runs one file at a time, in order, after init', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const started: string[] = [];
    const first = bridge.colorize(blob, 'a.jpg', { onStart: () => started.push('a') });
    const second = bridge.colorize(blob, 'b.jpg', { onStart: () => started.push('b') });
    expect(started).toEqual(['a']);
    await tick();
    expect(workers[0]!.calls).toHaveLength(0); // waits for init
    workers[0]!.init.resolve(initResult());
    await tick();
    expect(workers[0]!.calls.map((c) => c.name)).toEqual(['a.jpg']);
    workers[0]!.calls[0]!.done.resolve(fileResult('a.jpg'));
    expect((await first).name).toBe('a.jpg');
    await tick();
    expect(started).toEqual(['a', 'b']);
    expect(workers[0]!.calls.map((c) => c.name)).toEqual(['a.jpg', 'b.jpg']);
    workers[0]!.calls[1]!.done.resolve(fileResult('b.jpg'));
    expect((await second).name).toBe('b.jpg');
    expect(bridge.getState().pending).toBe(0);
  });

  it('passes ColorizerErrors through as {code, message} and goes on with the queue', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const bad = bridge.colorize(blob, 'notes.jpg');
    const good = bridge.colorize(blob, 'good.png');
    workers[0]!.init.resolve(initResult());
    await tick();
    workers[0]!.calls[0]!.done.reject({ name: 'ColorizerError', code: 'not-an-image', message: 'notes.jpg is not an image' });
    await expect(bad).rejects.toEqual({ name: 'ColorizerError', code: 'not-an-image', message: 'notes.jpg is not an image' });
    await tick();
    workers[0]!.calls[1]!.done.resolve(fileResult('good.png'));
    expect((await good).name).toBe('good.png');
  });

  it('cancelling the running file terminates the worker; the next file starts a fresh one', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const controller = new AbortController();
    const running = bridge.colorize(blob, 'big.png', { signal: controller.signal });
    const next = bridge.colorize(blob, 'next.png');
    workers[0]!.init.resolve(initResult());
    await tick();
    expect(workers[0]!.calls.map((c) => c.name)).toEqual(['big.png']);

    controller.abort();
    await expect(running).rejects.toBe(ABORTED);
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2); // restarted because next.png was waiting
    workers[1]!.init.resolve(initResult());
    await tick();
    expect(workers[1]!.calls.map((c) => c.name)).toEqual(['next.png']);
    workers[1]!.calls[0]!.done.resolve(fileResult('next.png'));
    expect((await next).name).toBe('next.png');
  });

  it('cancelling with nothing waiting restarts lazily', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const controller = new AbortController();
    const running = bridge.colorize(blob, 'a.png', { signal: controller.signal });
    workers[0]!.init.resolve(initResult());
    await tick();
    controller.abort();
    await expect(running).rejects.toMatchObject({ code: 'aborted' });
    expect(workers).toHaveLength(1);
    expect(bridge.getState().status).toBe('idle');
    expect(bridge.getState().init).toEqual(initResult()); // last known backend stays visible
    void bridge.init();
    expect(workers).toHaveLength(2);
  });

  it('aborting a queued file drops it without touching the running one', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const controller = new AbortController();
    const running = bridge.colorize(blob, 'a.png');
    const queued = bridge.colorize(blob, 'b.png', { signal: controller.signal });
    workers[0]!.init.resolve(initResult());
    await tick();
    controller.abort();
    await expect(queued).rejects.toBe(ABORTED);
    expect(workers[0]!.terminated).toBe(false);
    workers[0]!.calls[0]!.done.resolve(fileResult('a.png'));
    await running;
    await tick();
    expect(workers[0]!.calls.map((c) => c.name)).toEqual(['a.png']);
  });

  it('an already aborted signal rejects at once', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    await expect(bridge.colorize(blob, 'a.png', { signal: AbortSignal.abort() })).rejects.toBe(ABORTED);
    expect(workers).toHaveLength(0);
  });

  it('cancel() stops everything', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const a = bridge.colorize(blob, 'a.png');
    const b = bridge.colorize(blob, 'b.png');
    bridge.cancel();
    await expect(a).rejects.toBe(ABORTED);
    await expect(b).rejects.toBe(ABORTED);
    expect(workers[0]!.terminated).toBe(true);
    expect(bridge.getState().pending).toBe(0);
  });

  it('configure() re-initialises a fresh worker with the new backend, after the current file', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory, { backend: 'auto' });
    const running = bridge.colorize(blob, 'a.png');
    workers[0]!.init.resolve(initResult());
    await tick();
    bridge.configure({ backend: 'cpu' });
    expect(workers).toHaveLength(1); // a.png finishes first
    workers[0]!.calls[0]!.done.resolve(fileResult('a.png'));
    await running;
    await tick();
    expect(workers[0]!.terminated).toBe(true);
    expect(workers).toHaveLength(2);
    expect(workers[1]!.options).toEqual([{ backend: 'cpu' }]);

    bridge.configure({ backend: 'cpu' }); // unchanged: nothing happens
    expect(workers).toHaveLength(2);
    bridge.configure({ backend: 'wasm' }); // idle: restarts right away
    expect(workers[1]!.terminated).toBe(true);
    expect(workers[2]!.options).toEqual([{ backend: 'wasm' }]);
  });

  it('configure() with another model re-initialises the worker; shipped and undefined are the same model', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory, { backend: 'wasm' });
    void bridge.init().catch(() => undefined);
    bridge.configure({ modelId: 'shipped' }); // same as no model: nothing happens
    expect(workers).toHaveLength(1);
    bridge.configure({ modelId: 'ft-1' });
    expect(workers[0]!.terminated).toBe(true);
    expect(workers[1]!.options).toEqual([{ backend: 'wasm', modelId: 'ft-1' }]);
    bridge.configure({ backend: 'wasm', modelId: 'ft-1' });
    expect(workers).toHaveLength(2);
  });

  it('a failed start is reported and retried with a fresh worker', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const states: string[] = [];
    bridge.subscribe((s) => states.push(s.status));
    const file = bridge.colorize(blob, 'a.png');
    workers[0]!.init.reject({ name: 'ColorizerError', code: 'model-load-failed', message: 'Could not load the colorizer model: 404' });
    await expect(file).rejects.toMatchObject({ code: 'model-load-failed' });
    expect(bridge.getState()).toMatchObject({ status: 'error', error: { code: 'model-load-failed' } });
    expect(states).toContain('error');
    expect(workers[0]!.terminated).toBe(true);
    void bridge.init().catch(() => undefined);
    expect(workers).toHaveLength(2);
  });

  it('a worker crash rejects the running call instead of hanging', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const file = bridge.colorize(blob, 'a.png');
    workers[0]!.init.resolve(initResult());
    await tick();
    workers[0]!.crash!({ name: 'ColorizerError', code: 'internal', message: 'The colorizer worker stopped: out of memory' });
    await expect(file).rejects.toMatchObject({ code: 'internal', message: /out of memory/ });
    expect(bridge.getState().status).toBe('error');
  });

  it('forwards progress callbacks to the worker', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const seen: number[] = [];
    const file = bridge.colorize(blob, 'a.png', { onProgress: (p) => seen.push(p.fraction) });
    workers[0]!.init.resolve(initResult());
    await tick();
    workers[0]!.calls[0]!.onProgress!({ stage: 'model', fraction: 0.4 });
    workers[0]!.calls[0]!.done.resolve(fileResult('a.png'));
    await file;
    expect(seen).toEqual([0.4]);
  });

  it('refuses calls after dispose()', () => {
    const bridge = new ColorizeBridge(fakeWorkers().factory);
    bridge.dispose();
    expect(() => bridge.init()).toThrow(/disposed/);
  });

  it('a backend change reported by the worker (lost WebGPU device) updates init and sets the notice', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory, { backend: 'auto', testHooks: true });
    const ready = bridge.init();
    workers[0]!.init.resolve(initResult('webgpu'));
    await ready;
    const notice = 'WebGPU device lost (reset); switched to WASM (SIMD). Colorizing continues, more slowly.';
    workers[0]!.onEvent!({ kind: 'backend-changed', init: initResult('wasm'), notice });
    expect(bridge.getState()).toMatchObject({ status: 'ready', notice, init: { backend: 'wasm' } });
    workers[0]!.onEvent!({ kind: 'backend-failed', error: { name: 'ColorizerError', code: 'backend-unavailable', message: 'none left' }, notice: 'no backend' });
    expect(bridge.getState()).toMatchObject({ status: 'error', notice: 'no backend', error: { code: 'backend-unavailable' } });

    // A fresh worker (backend change) clears the notice and ignores the old worker's events;
    // the other init options (testHooks) are kept.
    bridge.configure({ backend: 'cpu' });
    expect(workers[1]!.options).toEqual([{ backend: 'cpu', testHooks: true }]);
    expect(bridge.getState().notice).toBeUndefined();
    workers[0]!.onEvent!({ kind: 'backend-changed', init: initResult('webgl'), notice: 'stale' });
    expect(bridge.getState().notice).toBeUndefined();
  });

  it('memory() asks the running worker, and is null without one', async () => {
    const snapshot = { backend: 'wasm', numTensors: 278, numDataBuffers: 278, numBytes: 13_888_204, unreliable: false };
    const bridge = new ColorizeBridge(() => ({
      api: { init: async () => initResult(), colorizeFile: async (_f, name) => fileResult(name), memory: async () => snapshot },
      terminate: () => undefined,
      onCrash: () => undefined,
    }));
    expect(await bridge.memory()).toBeNull();
    await bridge.init();
    expect(await bridge.memory()).toEqual(snapshot);
  });
});
