/**
 * Wires the stores to the worker bridge, outside React: files become queue items,
 * each item gets its own AbortController (Cancel), progress and results flow back
 * into the queue store, the bridge's state into the runtime store, and a backend
 * change in settings re-initialises the worker.
 */
import { ColorizeBridge } from '../worker/bridge';
import type { WorkerError } from '../worker/protocol';
import { useAlternativesStore } from './alternatives-store';
import { useQueueStore } from './queue-store';
import { applyBridgeState } from './runtime-store';
import { useSettingsStore } from './settings-store';

export interface Jobs {
  readonly bridge: ColorizeBridge;
  /** Adds files to the queue and starts colorizing them in order. */
  enqueue(files: Iterable<File>): string[];
  /** Cancels a queued or running item. */
  cancel(id: string): void;
  /** Cancels (if needed) and removes an item, revoking its object URLs. */
  remove(id: string): void;
  /** N Langevin samples of a done item's photo (a new seed each time); progress and results go to the alternatives store. */
  showAlternatives(id: string, count: number): void;
  cancelAlternatives(id: string): void;
  /** Uses sample `index` of the item's alternatives as its result; null goes back to the GAN's. */
  chooseAlternative(id: string, index: number | null): void;
  stop(): void;
}

export function startJobs(
  bridge: ColorizeBridge = new ColorizeBridge(undefined, { backend: useSettingsStore.getState().backend, modelId: useSettingsStore.getState().model.id }),
): Jobs {
  const controllers = new Map<string, AbortController>();
  const queue = useQueueStore.getState;
  /** Each item's file, kept for "Show alternatives". */
  const photoFiles = new Map<string, File>();
  const alternativeRuns = new Map<string, AbortController>();
  const alternatives = useAlternativesStore.getState;
  // Items can also go through queue-store actions (clearFinished): forget their files and samples too.
  const unsubscribeQueue = useQueueStore.subscribe((state) => {
    if (state.items.length >= photoFiles.size) return;
    const present = new Set(state.items.map((i) => i.id));
    for (const id of [...photoFiles.keys()].filter((k) => !present.has(k))) {
      alternativeRuns.get(id)?.abort();
      photoFiles.delete(id);
      alternatives().remove(id);
    }
  });

  const unsubscribeBridge = bridge.subscribe(applyBridgeState);
  applyBridgeState(bridge.getState());
  const unsubscribeSettings = useSettingsStore.subscribe((state, previous) => {
    if (state.backend !== previous.backend) bridge.configure({ backend: state.backend });
  });
  bridge.configure({ backend: useSettingsStore.getState().backend });
  bridge.init().catch(() => undefined); // shown through the runtime store

  const enqueue = (files: Iterable<File>): string[] => {
    const ids: string[] = [];
    for (const file of files) {
      const id = queue().add(file.name, file.size);
      const controller = new AbortController();
      controllers.set(id, controller);
      photoFiles.set(id, file);
      ids.push(id);
      bridge
        .colorize(file, file.name, {
          signal: controller.signal,
          onStart: () => queue().start(id),
          onProgress: (p) => queue().progress(id, p.fraction, p.stage),
        })
        .then(
          (result) => queue().complete(id, result),
          (error: WorkerError) => (error.code === 'aborted' ? queue().cancelled(id) : queue().fail(id, error)),
        )
        .finally(() => controllers.delete(id));
    }
    return ids;
  };

  return {
    bridge,
    enqueue,
    cancel(id) {
      controllers.get(id)?.abort();
    },
    remove(id) {
      controllers.get(id)?.abort();
      alternativeRuns.get(id)?.abort();
      photoFiles.delete(id);
      alternatives().remove(id);
      queue().remove(id);
    },
    showAlternatives(id, count) {
      const file = photoFiles.get(id);
      if (!file || alternativeRuns.has(id)) return;
      const seed = (alternatives().byItem[id]?.seed ?? 0) + 1;
      // The photo keeps its current result (a picked sample stays in use) until the user picks from the new set.
      alternatives().start(id, count, seed);
      const controller = new AbortController();
      alternativeRuns.set(id, controller);
      bridge
        .sampleAlternatives(file, file.name, { count, seed }, { signal: controller.signal, onProgress: (p) => alternatives().progress(id, p) })
        .then(
          (result) => alternatives().complete(id, result),
          (error: WorkerError) => (error.code === 'aborted' ? alternatives().cancelled(id) : alternatives().fail(id, error)),
        )
        .finally(() => alternativeRuns.delete(id));
    },
    cancelAlternatives(id) {
      alternativeRuns.get(id)?.abort();
    },
    chooseAlternative(id, index) {
      const run = alternatives().byItem[id];
      const sample = index === null ? null : run?.result?.alternatives[index];
      if (index !== null && !sample) return;
      queue().chooseColorized(id, sample ? { ...sample, label: `sample ${index! + 1} of ${run!.result!.alternatives.length}` } : null);
      alternatives().choose(id, index);
    },
    stop() {
      unsubscribeBridge();
      unsubscribeQueue();
      unsubscribeSettings();
      bridge.dispose();
    },
  };
}
