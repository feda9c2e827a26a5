/**
 * Wires the Fine-tune panel's store to the fine-tuning worker, outside React: photos
 * are checked in the worker, the training-set verdict follows the photos and the
 * settings, a run's events flow into the store, stored models are listed, renamed,
 * deleted, exported, imported and compared, and the colorizer's model choice follows
 * renames and deletions. Every worker error lands in the store's `error`; the panel
 * stays usable.
 */
import { FineTuneClient, type FineTuneWorkerFactory } from '../worker/finetune-client';
import type { ExportedFile, FineTunedModelSummary, PhotoCheck } from '../worker/finetune-protocol';
import { toWorkerError, type WorkerError } from '../worker/protocol';
import { parseForm } from './finetune-form';
import { failRun, finishRun, IDLE_RUN, runFromModel, storedStatus } from './finetune-run';
import * as store from './finetune-store';
import { SHIPPED_MODEL, useSettingsStore } from './settings-store';

export interface FineTuneJobs {
  readonly client: FineTuneClient;
  addPhotos(files: readonly File[]): void;
  start(): void;
  pause(): void;
  proceed(): void;
  stop(): void;
  /** Continues a stored run from its last checkpoint. */
  resume(id: string): void;
  /** Lists the stored models; shows the newest one's losses when no run is shown. */
  loadModels(): Promise<void>;
  /** Lists the stored models only (e.g. for the model choice in Settings). */
  listModels(): Promise<void>;
  /** Shows a stored model's loss history as the current run. */
  showModel(id: string): Promise<void>;
  /** Resolves to null when renamed, else the message to show beside the name field. */
  rename(id: string, name: string): Promise<string | null>;
  remove(id: string): Promise<void>;
  exportModel(id: string): Promise<ExportedFile[]>;
  /** Resolves to the reason it failed (shown beside the Import button), or null. */
  importModel(files: readonly File[]): Promise<string | null>;
  compare(photo: File, modelIds: readonly string[]): Promise<void>;
  /** Colorize with this model from now on ('shipped' or a fine-tuned id). */
  useModel(id: string): void;
  dispose(): void;
}

const state = store.fineTuneState;

function lostMessage(error: Pick<WorkerError, 'message'>, step = state().run.checkpointStep): string {
  if (/checkpoint/i.test(error.message)) return error.message; // the worker said what was kept
  const kept = step ? `The last checkpoint (step ${step}) was kept: Resume continues from it.` : 'No checkpoint had been saved yet.';
  return `${error.message.replace(/\.$/, '')}. ${kept}`;
}

/** A photo the worker could not check at all (the call failed). */
function uncheckable(name: string, error: WorkerError): PhotoCheck {
  return { name, ok: false, problem: error.message, width: 0, height: 0, chromaSpread: 0 };
}

/** `createWorker`: a fake in tests; by default the real module worker. */
export function startFineTuneJobs(createWorker?: FineTuneWorkerFactory, options: { readonly testHooks?: boolean } = {}): FineTuneJobs {
  const worker = new FineTuneClient(createWorker, {
    backend: useSettingsStore.getState().backend,
    ...(options.testHooks ? { testHooks: true } : {}),
    onRunLost: (error) => store.setRun(failRun(state().run, 'interrupted', lostMessage(error))),
  });
  /** The message to show beside the control that failed; null for a cancel. */
  const failureMessage = (err: unknown): string | null => {
    const error = toWorkerError(err);
    return error.code === 'aborted' ? null : error.message;
  };
  const report = (err: unknown) => {
    const error = toWorkerError(err);
    if (error.code !== 'aborted') store.showError(error);
  };

  const unsubscribeSettings = useSettingsStore.subscribe((s, previous) => {
    if (s.backend !== previous.backend) worker.configure({ backend: s.backend });
  });

  // The training-set verdict follows the usable photos and the settings.
  let verdictKey = '';
  const refreshVerdict = () => {
    const s = state();
    if (s.verdict) return;
    const parsed = parseForm(s.form);
    const ok = store.usablePhotos(s.photos).length;
    if (!parsed.settings || ok === 0 || s.photos.some((p) => !p.check)) {
      verdictKey = '';
      return;
    }
    const key = `${ok}|${JSON.stringify(parsed.settings)}`;
    if (key === verdictKey) return;
    verdictKey = key;
    worker.checkTrainingSet(ok, parsed.settings).then(
      (verdict) => {
        if (verdictKey === key) store.setVerdict(verdict);
      },
      (err) => {
        if (verdictKey === key) verdictKey = '';
        report(err);
      },
    );
  };
  const unsubscribeStore = store.useFineTuneStore.subscribe((s, previous) => {
    if (s.photos !== previous.photos || s.form !== previous.form || (s.verdict === null && previous.verdict !== null)) {
      verdictKey = s.verdict ? verdictKey : '';
      refreshVerdict();
    }
  });

  const finished = (model: FineTunedModelSummary) => {
    const run = finishRun(state().run, model);
    const failedRun = model.status === 'failed' ? { message: lostMessage({ message: model.message ?? 'Training failed' }, model.step) } : {};
    store.setRun({ ...run, ...failedRun });
    store.putModel(model);
    void loadModels(false);
  };
  const failed = (err: unknown) => {
    const error = toWorkerError(err);
    const run = state().run;
    if (run.status === 'interrupted' && !run.active) return; // the worker died: already shown
    if (error.code === 'aborted') {
      // Stopped while the photos were still being prepared: no step ran, nothing was saved.
      store.setRun(run.status === 'preparing'
        ? failRun(run, 'stopped', 'Stopped before training began; nothing was saved.')
        : { ...run, active: false });
      return;
    }
    store.setRun(failRun(run, 'failed', lostMessage(error)));
    void loadModels(false);
  };

  const loadModels = async (showNewest: boolean) => {
    try {
      const models = await worker.listModels();
      const running = state().run.active ? state().run.modelId : undefined;
      store.setModels(models.map((m) => (m.id === running ? m : { ...m, status: storedStatus(m, false) })));
      const chosen = useSettingsStore.getState().model;
      if (chosen.id !== SHIPPED_MODEL.id && !models.some((m) => m.id === chosen.id)) useSettingsStore.getState().setModel(SHIPPED_MODEL);
      const s = state();
      if (showNewest && s.run.status === 'idle' && s.models[0]) await showModel(s.models[0].id);
    } catch (err) {
      report(err);
    }
  };

  const showModel = async (id: string) => {
    const model = state().models.find((m) => m.id === id);
    if (!model || state().run.active) return;
    try {
      const points = await worker.lossHistory(id);
      if (!state().run.active) store.setRun(runFromModel(model, points));
    } catch (err) {
      report(err);
    }
  };

  return {
    client: worker,
    addPhotos(files) {
      const added = store.addPhotos(files.map((f) => ({ name: f.name, blob: f })));
      if (added.length === 0) return;
      worker.checkPhotos(added.map((p) => ({ name: p.name, blob: p.blob }))).then(
        (checks) => store.setPhotoChecks(new Map(added.map((p, i) => [p.id, checks[i] ?? uncheckable(p.name, toWorkerError('no answer'))]))),
        (err) => {
          const error = toWorkerError(err);
          store.setPhotoChecks(new Map(added.map((p) => [p.id, uncheckable(p.name, error)])));
          report(error);
        },
      );
    },
    start() {
      const s = state();
      const parsed = parseForm(s.form);
      const usable = store.usablePhotos(s.photos);
      const held = store.heldOutPhoto(s);
      if (!parsed.settings || !held || s.run.active) return;
      store.showError(null);
      store.setRun({ ...IDLE_RUN, name: s.name.trim(), status: 'preparing', active: true, targetSteps: parsed.settings.steps });
      worker
        .start(
          { name: s.name.trim(), photos: usable.map((p) => ({ name: p.name, blob: p.blob })), previewIndex: usable.indexOf(held), settings: parsed.settings },
          store.runEvent,
        )
        .then(finished, failed);
    },
    pause() {
      worker.pause().then(() => {
        const run = state().run;
        if (run.active && run.status === 'training') store.setRun({ ...run, status: 'paused', etaSeconds: null });
      }, report);
    },
    proceed() {
      worker.proceed().then(() => {
        const run = state().run;
        if (run.active && run.status === 'paused') store.setRun({ ...run, status: 'training' });
      }, report);
    },
    stop() {
      worker.stop().catch(report);
    },
    resume(id) {
      const s = state();
      const model = s.models.find((m) => m.id === id);
      if (!model || s.run.active) return;
      store.showError(null);
      const points = s.run.modelId === id ? s.run.points : [];
      const { message: _, ...stored } = runFromModel(model, points);
      store.setRun({ ...stored, status: 'preparing', active: true });
      if (s.run.modelId !== id) {
        worker.lossHistory(id).then((history) => {
          const run = state().run;
          if (run.modelId === id && run.points.length === 0) store.setRun({ ...run, points: history });
        }, report);
      }
      worker.resume(id, store.runEvent).then(finished, failed);
    },
    loadModels: () => loadModels(true),
    listModels: () => loadModels(false),
    showModel,
    async rename(id, name) {
      try {
        const model = await worker.renameModel(id, name.trim());
        store.putModel(model);
        const chosen = useSettingsStore.getState().model;
        if (chosen.id === id) useSettingsStore.getState().setModel({ id, name: model.name });
        return null;
      } catch (err) {
        return failureMessage(err);
      }
    },
    async remove(id) {
      try {
        await worker.deleteModel(id);
        store.dropModel(id);
        if (useSettingsStore.getState().model.id === id) useSettingsStore.getState().setModel(SHIPPED_MODEL);
      } catch (err) {
        report(err);
      }
    },
    async exportModel(id) {
      try {
        return await worker.exportModel(id);
      } catch (err) {
        report(err);
        return [];
      }
    },
    async importModel(files) {
      try {
        const model = await worker.importModel(files.map((f) => ({ name: f.name, blob: f })));
        store.putModel(model);
        return null;
      } catch (err) {
        return failureMessage(err);
      }
    },
    async compare(photo, modelIds) {
      store.setCompare({ photoName: photo.name, modelIds, busy: true });
      try {
        const results = await worker.compare({ name: photo.name, blob: photo }, modelIds);
        store.setCompare({ photoName: photo.name, modelIds, busy: false, results });
      } catch (err) {
        const error = failureMessage(err);
        store.setCompare(error === null ? null : { photoName: photo.name, modelIds, busy: false, error });
      }
    },
    useModel(id) {
      const model = state().models.find((m) => m.id === id);
      useSettingsStore.getState().setModel(model ? { id, name: model.name } : SHIPPED_MODEL);
    },
    dispose() {
      unsubscribeSettings();
      unsubscribeStore();
      worker.dispose();
    },
  };
}
