/**
 * The Fine-tune panel's wiring with a fake worker: photos checked, the verdict
 * following them, a run's events in the store, a crash marking the run interrupted,
 * a failed run, and the colorizer's model choice following delete/rename.
 */
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { FineTuneWorkerHandle } from '../worker/finetune-client';
import {
  DEFAULT_FINETUNE_SETTINGS, type FineTuneEventCallback, type FineTunedModelSummary, type FineTuneWorkerApi, type PhotoInput,
} from '../worker/finetune-protocol';
import type { WorkerError } from '../worker/protocol';
import { startFineTuneJobs, type FineTuneJobs } from './finetune-jobs';
import { fineTuneState, resetFineTuneStore } from './finetune-store';
import { SHIPPED_MODEL, useSettingsStore } from './settings-store';

const model = (over: Partial<FineTunedModelSummary> = {}): FineTunedModelSummary => ({
  id: 'ft-1', name: 'Beach', createdAt: 1, updatedAt: 1, step: 4, settings: { ...DEFAULT_FINETUNE_SETTINGS, steps: 4 }, status: 'finished',
  backend: 'wasm', trainSeconds: 3, photoCount: 5, origin: 'trained', ...over,
});
const losses = { generator: 1, pixel: 0.5, adversarial: 0.1, classDistribution: 0.01, feature: 0, smooth: 0, critic: -1, gradientPenalty: 0.1 };

function fakeWorker() {
  const fake = {
    crash: undefined as ((e: WorkerError) => void) | undefined,
    onEvent: undefined as FineTuneEventCallback | undefined,
    endRun: undefined as ((m: FineTunedModelSummary) => void) | undefined,
    failRun: undefined as ((e: unknown) => void) | undefined,
    stored: [model({ id: 'old', name: 'Old', status: 'training', step: 2, updatedAt: 0 })],
    deleted: [] as string[],
    renameError: undefined as WorkerError | undefined,
  };
  const api: Partial<FineTuneWorkerApi> = {
    init: async () => ({ backend: 'wasm', reason: 'forced', attempts: [], loadMs: 0 }),
    checkPhotos: async (photos: readonly PhotoInput[]) =>
      photos.map((p) => (p.name.startsWith('gray')
        ? { name: p.name, ok: false, problem: 'grayscale: no colour to learn from', width: 64, height: 64, chromaSpread: 0 }
        : { name: p.name, ok: true, width: 64, height: 64, chromaSpread: 30 })),
    checkTrainingSet: async (count) => ({ ok: count >= 4, problems: count >= 4 ? [] : ['Too few photos'], estimatedBytes: 1000, trainingPhotos: count - 1 }),
    start: (_request, onEvent) => {
      fake.onEvent = onEvent;
      return new Promise((resolve, reject) => {
        fake.endRun = resolve;
        fake.failRun = reject;
      });
    },
    listModels: async () => fake.stored,
    lossHistory: async () => [{ step: 1, seconds: 1, losses }],
    deleteModel: async (id) => void fake.deleted.push(id),
    renameModel: async (id, name) => {
      if (fake.renameError) throw fake.renameError;
      return model({ id, name });
    },
  };
  const factory = (): FineTuneWorkerHandle => ({
    api: api as FineTuneWorkerApi,
    terminate: () => undefined,
    onCrash: (listener) => {
      fake.crash = listener;
    },
  });
  return { fake, factory };
}

const files = (...names: string[]) => names.map((n) => new File(['x'], n, { type: 'image/png' }));

describe('fine-tune jobs', () => {
  let jobs: FineTuneJobs;
  let fake: ReturnType<typeof fakeWorker>['fake'];
  beforeEach(() => {
    resetFineTuneStore();
    useSettingsStore.setState({ backend: 'wasm', model: SHIPPED_MODEL });
    const w = fakeWorker();
    fake = w.fake;
    jobs = startFineTuneJobs(w.factory);
  });
  afterEach(() => jobs.dispose());

  it('checks photos, flags the grayscale one, and gets a verdict', async () => {
    jobs.addPhotos(files('a.png', 'b.png', 'c.png', 'gray.png'));
    await vi.waitFor(() => expect(fineTuneState().verdict).not.toBeNull());
    expect(fineTuneState().photos.map((p) => p.check?.problem ?? 'ok')).toEqual(['ok', 'ok', 'ok', 'grayscale: no colour to learn from']);
    expect(fineTuneState().verdict).toMatchObject({ ok: false, problems: ['Too few photos'] });
    jobs.addPhotos(files('d.png'));
    await vi.waitFor(() => expect(fineTuneState().verdict?.ok).toBe(true));
  });

  it('a run: events into the store, then finished and listed', async () => {
    jobs.addPhotos(files('a.png', 'b.png', 'c.png', 'd.png'));
    await vi.waitFor(() => expect(fineTuneState().verdict?.ok).toBe(true));
    jobs.start();
    expect(fineTuneState().run).toMatchObject({ status: 'preparing', active: true, name: 'My photos' });
    await vi.waitFor(() => expect(fake.onEvent).toBeDefined());
    fake.onEvent!({ kind: 'step', point: { step: 1, seconds: 1, losses }, targetSteps: 200, stepsPerSecond: 1, etaSeconds: 199 });
    fake.onEvent!({ kind: 'checkpoint', model: model({ id: 'new', status: 'training', step: 1, updatedAt: 5 }) });
    expect(fineTuneState().run).toMatchObject({ step: 1, modelId: 'new', checkpointStep: 1 });
    expect(fineTuneState().models.map((m) => m.id)).toEqual(['new']);
    fake.stored = [model({ id: 'new', updatedAt: 6 })];
    fake.endRun!(model({ id: 'new', status: 'finished', step: 200, updatedAt: 6 }));
    await vi.waitFor(() => expect(fineTuneState().run).toMatchObject({ status: 'finished', active: false, step: 200 }));
  });

  it('a worker crash marks the run interrupted with the checkpoint kept', async () => {
    jobs.addPhotos(files('a.png', 'b.png', 'c.png', 'd.png'));
    await vi.waitFor(() => expect(fineTuneState().verdict?.ok).toBe(true));
    jobs.start();
    await vi.waitFor(() => expect(fake.onEvent).toBeDefined());
    fake.onEvent!({ kind: 'checkpoint', model: model({ id: 'new', status: 'training', step: 2 }) });
    fake.crash!({ name: 'ColorizerError', code: 'internal', message: 'The fine-tuning worker stopped: out of memory' });
    await vi.waitFor(() => expect(fineTuneState().run.status).toBe('interrupted'));
    expect(fineTuneState().run.message).toBe('The fine-tuning worker stopped: out of memory. The last checkpoint (step 2) was kept: Resume continues from it.');
    expect(fineTuneState().run.active).toBe(false);
  });

  it('a failed run shows its message; the panel error stays clear', async () => {
    jobs.addPhotos(files('a.png', 'b.png', 'c.png', 'd.png'));
    await vi.waitFor(() => expect(fineTuneState().verdict?.ok).toBe(true));
    jobs.start();
    await vi.waitFor(() => expect(fake.failRun).toBeDefined());
    fake.failRun!({ name: 'ColorizerError', code: 'internal', message: 'Out of GPU memory' });
    await vi.waitFor(() => expect(fineTuneState().run.status).toBe('failed'));
    expect(fineTuneState().run.message).toMatch(/^Out of GPU memory\. No checkpoint had been saved yet\./);
  });

  it('Stop while the photos are being prepared ends the run as stopped, with nothing saved', async () => {
    jobs.addPhotos(files('a.png', 'b.png', 'c.png', 'd.png'));
    await vi.waitFor(() => expect(fineTuneState().verdict?.ok).toBe(true));
    jobs.start();
    await vi.waitFor(() => expect(fake.failRun).toBeDefined());
    fake.onEvent!({ kind: 'preparing', stage: 'decode', done: 1, total: 4 });
    expect(fineTuneState().run).toMatchObject({ status: 'preparing', preparing: { done: 1 } });
    fake.failRun!({ name: 'ColorizerError', code: 'aborted', message: 'Stopped' });
    await vi.waitFor(() => expect(fineTuneState().run.active).toBe(false));
    expect(fineTuneState().run).toMatchObject({ status: 'stopped', message: 'Stopped before training began; nothing was saved.' });
    expect(fineTuneState().run.preparing).toBeUndefined();
  });

  it('lists models (a stale training run as interrupted) and shows the newest one\'s losses', async () => {
    await jobs.loadModels();
    expect(fineTuneState().models[0]).toMatchObject({ id: 'old', status: 'interrupted' });
    expect(fineTuneState().run).toMatchObject({ modelId: 'old', status: 'interrupted', step: 2, points: [{ step: 1 }] });
  });

  it('the colorizer goes back to the shipped model when its model is deleted, and follows renames', async () => {
    await jobs.loadModels();
    jobs.useModel('old');
    expect(useSettingsStore.getState().model).toEqual({ id: 'old', name: 'Old' });
    expect(await jobs.rename('old', ' Older ')).toBeNull();
    expect(useSettingsStore.getState().model).toEqual({ id: 'old', name: 'Older' });
    await jobs.remove('old');
    expect(fake.deleted).toEqual(['old']);
    expect(useSettingsStore.getState().model).toEqual(SHIPPED_MODEL);
    expect(fineTuneState().models).toEqual([]);
  });

  it('a refused rename gives its message to the name field, not the panel banner', async () => {
    await jobs.loadModels();
    fake.renameError = { name: 'ColorizerError', code: 'internal', message: 'A model named “Old” already exists' } as WorkerError;
    expect(await jobs.rename('old', 'Old')).toBe('A model named “Old” already exists');
    expect(fineTuneState().error).toBeNull();
  });
});
