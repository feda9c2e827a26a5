/**
 * Wires the stores to the worker bridge, outside React: files become queue items,
 * each item gets its own AbortController (Cancel), progress and results flow back
 * into the queue store, the bridge's state into the runtime store, and a backend
 * change in settings re-initialises the worker.
 */
import { ColorizeBridge } from '../worker/bridge';
import type { WorkerError } from '../worker/protocol';
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
  stop(): void;
}

export function startJobs(
  bridge: ColorizeBridge = new ColorizeBridge(undefined, { backend: useSettingsStore.getState().backend }),
): Jobs {
  const controllers = new Map<string, AbortController>();
  const queue = useQueueStore.getState;

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
      queue().remove(id);
    },
    stop() {
      unsubscribeBridge();
      unsubscribeSettings();
      bridge.dispose();
    },
  };
}
