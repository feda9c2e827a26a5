/**
 * What the page's worker clients (bridge.ts for the colorizer, finetune-client.ts for
 * fine-tuning) share: a started worker as a typed handle (a fake in tests), the crash
 * hook of a real module worker, and a connection whose pending calls reject when the
 * worker dies or is terminated, so no call waits forever.
 *
 * Imports no tfjs.
 */
import type { WorkerError } from './protocol';

/** A started worker, as a client sees it (a fake in tests). */
export interface WorkerHandle<Api> {
  readonly api: Api;
  terminate(): void;
  /** Calls `listener` if the worker dies on its own (script failed to load, crash). */
  onCrash(listener: (error: WorkerError) => void): void;
}

/**
 * Reports a real worker's uncaught errors (script failed to load, crash) as a
 * WorkerError naming it: "The <label> worker stopped: …".
 */
export function watchWorkerCrash(worker: Worker, label: string, listener: (error: WorkerError) => void): void {
  worker.addEventListener('error', (event) => {
    event.preventDefault();
    listener({ name: 'ColorizerError', code: 'internal', message: `The ${label} worker stopped: ${event.message || 'it could not be started'}` });
  });
}

/** A promise that only rejects (when `end` is called), for racing calls against a worker's death. */
export function endSignal(): { readonly ended: Promise<never>; end(reason: WorkerError): void } {
  let end!: (reason: WorkerError) => void;
  const ended = new Promise<never>((_, reject) => {
    end = reject;
  });
  ended.catch(() => undefined); // nobody may be racing it when it ends
  return { ended, end };
}
