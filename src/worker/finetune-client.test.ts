/**
 * The fine-tuning client against fake workers: lazy start with the backend, errors as
 * WorkerErrors, a crash during a run (reported as lost, the next call restarts the
 * worker), and a backend change waiting for the run to end.
 */
import { describe, expect, it } from 'vitest';
import { FineTuneClient, type FineTuneWorkerHandle } from './finetune-client';
import type { FineTuneEvent, FineTunedModelSummary, FineTuneWorkerApi } from './finetune-protocol';
import { DEFAULT_FINETUNE_SETTINGS } from './finetune-protocol';
import type { WorkerError } from './protocol';

const tick = () => new Promise((r) => setTimeout(r, 0));

function summary(id: string, step: number): FineTunedModelSummary {
  return {
    id, name: id, createdAt: 0, updatedAt: 0, step, settings: DEFAULT_FINETUNE_SETTINGS, status: 'finished',
    backend: 'wasm', trainSeconds: 1, photoCount: 4, origin: 'trained',
  };
}

interface Fake {
  backends: (string | undefined)[];
  terminated: boolean;
  crash?: (error: WorkerError) => void;
  finishRun?: (s: FineTunedModelSummary) => void;
}

function fakeWorkers() {
  const workers: Fake[] = [];
  const factory = (): FineTuneWorkerHandle => {
    const w: Fake = { backends: [], terminated: false };
    workers.push(w);
    const api: Partial<FineTuneWorkerApi> = {
      async init(options) {
        w.backends.push(options?.backend);
        return { backend: 'wasm', reason: 'forced', attempts: [], loadMs: 1 };
      },
      async listModels() {
        return [summary('a', 4)];
      },
      async deleteModel(id) {
        throw { name: 'ColorizerError', code: 'internal', message: `no model ${id}` };
      },
      async renameModel() {
        throw new TypeError('boom');
      },
      start(request, onEvent) {
        onEvent({ kind: 'status', status: 'training' });
        return new Promise((resolve) => {
          w.finishRun = resolve;
          void request;
        });
      },
    };
    return {
      api: api as FineTuneWorkerApi,
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

const request = { name: 'm', photos: [], previewIndex: 0, settings: DEFAULT_FINETUNE_SETTINGS };

describe('FineTuneClient', () => {
  it('starts the worker lazily, once, with the backend', async () => {
    const { workers, factory } = fakeWorkers();
    const client = new FineTuneClient(factory, { backend: 'wasm' });
    expect(workers).toHaveLength(0);
    const [a, b] = await Promise.all([client.listModels(), client.listModels()]);
    expect(a).toEqual(b);
    expect(workers).toHaveLength(1);
    expect(workers[0]!.backends).toEqual(['wasm']);
    expect(client.getState()).toMatchObject({ status: 'ready', init: { backend: 'wasm' } });
  });

  it('rejects with plain WorkerErrors', async () => {
    const { factory } = fakeWorkers();
    const client = new FineTuneClient(factory);
    await expect(client.deleteModel('x')).rejects.toEqual({ name: 'ColorizerError', code: 'internal', message: 'no model x' });
    await expect(client.renameModel('x', 'y')).rejects.toEqual({ name: 'ColorizerError', code: 'internal', message: 'TypeError: boom' });
  });

  it('a crash during a run rejects it, reports the run lost, and the next call starts a fresh worker', async () => {
    const { workers, factory } = fakeWorkers();
    const lost: WorkerError[] = [];
    const client = new FineTuneClient(factory, { onRunLost: (e) => lost.push(e) });
    const events: FineTuneEvent[] = [];
    const run = client.start(request, (e) => events.push(e));
    await tick();
    expect(events).toEqual([{ kind: 'status', status: 'training' }]);
    expect(client.getState().running).toBe(true);
    const crash: WorkerError = { name: 'ColorizerError', code: 'internal', message: 'The fine-tuning worker stopped: out of memory' };
    workers[0]!.crash!(crash);
    await expect(run).rejects.toEqual(crash);
    expect(lost).toEqual([crash]);
    expect(workers[0]!.terminated).toBe(true);
    expect(client.getState()).toMatchObject({ status: 'error', running: false, error: crash });
    expect(await client.listModels()).toHaveLength(1);
    expect(workers).toHaveLength(2);
    expect(client.getState().status).toBe('ready');
  });

  it('a crash with no run going is not a lost run', async () => {
    const { workers, factory } = fakeWorkers();
    const lost: WorkerError[] = [];
    const client = new FineTuneClient(factory, { onRunLost: (e) => lost.push(e) });
    await client.init();
    workers[0]!.crash!({ name: 'ColorizerError', code: 'internal', message: 'x' });
    expect(lost).toEqual([]);
  });

  it('a backend change waits for the run to end, then restarts the worker', async () => {
    const { workers, factory } = fakeWorkers();
    const client = new FineTuneClient(factory, { backend: 'auto' });
    const run = client.start(request, () => undefined);
    await tick();
    client.configure({ backend: 'cpu' });
    expect(workers[0]!.terminated).toBe(false);
    workers[0]!.finishRun!(summary('m', 200));
    expect((await run).id).toBe('m');
    expect(workers[0]!.terminated).toBe(true);
    await client.listModels();
    expect(workers[1]!.backends).toEqual(['cpu']);
  });

  it('when idle, a backend change replaces the worker at once', async () => {
    const { workers, factory } = fakeWorkers();
    const client = new FineTuneClient(factory);
    await client.init();
    client.configure({ backend: 'auto' }); // unchanged: kept
    expect(workers[0]!.terminated).toBe(false);
    client.configure({ backend: 'wasm' });
    expect(workers[0]!.terminated).toBe(true);
    expect(client.getState().status).toBe('idle');
  });
});
