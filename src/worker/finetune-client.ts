/**
 * The page's one client of the fine-tuning worker (src/worker/finetune.worker.ts).
 *
 * - Starts the worker lazily on the first call and initialises it with the backend
 *   preference; a failed start is dropped, so the next call retries.
 * - Every method resolves with the worker's answer or rejects with a WorkerError
 *   ({code, message}); no call waits forever: when the worker dies, pending calls
 *   reject with the crash, and the next call starts a fresh worker.
 * - A crash while `start`/`resume` is running calls `onRunLost`, so the page can mark
 *   the run interrupted (its last checkpoint is in IndexedDB: `resume(id)` goes on).
 * - `configure()` changes the backend: the worker is replaced now when no run is going,
 *   else when the run ends.
 *
 * The main thread does no tensor work: this file imports no tfjs.
 */
import { WorkerClient, type ClientStatus } from './worker-client';
import * as Comlink from 'comlink';
import type {
  FineTuneEventCallback,
  FineTuneInitResult,
  FineTuneWorkerApi,
} from './finetune-protocol';
import { toWorkerError, type WorkerError } from './protocol';
import { watchWorkerCrash, type WorkerHandle } from './worker-handle';

export type FineTuneWorkerHandle = WorkerHandle<FineTuneWorkerApi>;
export type FineTuneWorkerFactory = () => FineTuneWorkerHandle;

export interface FineTuneClientOptions {
  /** 'auto' (default) or a forced backend, as for the colorizer. */
  readonly backend?: string;
  /** The worker died while a run was going (its checkpoint remains in IndexedDB). */
  readonly onRunLost?: (error: WorkerError) => void;
  /** Lets end-to-end tests call `simulateDeviceLoss` (see src/state/test-hooks.ts). */
  readonly testHooks?: boolean;
}

export type FineTuneClientStatus = ClientStatus;

export interface FineTuneClientState {
  readonly status: FineTuneClientStatus;
  readonly init?: FineTuneInitResult;
  readonly error?: WorkerError;
  /** A `start` or `resume` is in progress. */
  readonly running: boolean;
}


/** Starts the real module worker (Vite bundles ./finetune.worker.ts as an ES worker). */
export function createFineTuneWorker(): FineTuneWorkerHandle {
  const worker = new Worker(new URL('./finetune.worker.ts', import.meta.url), { type: 'module', name: 'fine-tuning' });
  const remote = Comlink.wrap<FineTuneWorkerApi>(worker);
  const proxy = (onEvent: FineTuneEventCallback) => Comlink.proxy(onEvent) as unknown as FineTuneEventCallback;
  return {
    api: {
      init: (options) => remote.init(options),
      checkPhotos: (photos) => remote.checkPhotos(photos),
      checkTrainingSet: (count, settings) => remote.checkTrainingSet(count, settings),
      start: (request, onEvent) => remote.start(request, proxy(onEvent)),
      resume: (id, onEvent, steps) => remote.resume(id, proxy(onEvent), steps),
      pause: () => remote.pause(),
      proceed: () => remote.proceed(),
      stop: () => remote.stop(),
      listModels: () => remote.listModels(),
      lossHistory: (id) => remote.lossHistory(id),
      renameModel: (id, name) => remote.renameModel(id, name),
      deleteModel: (id) => remote.deleteModel(id),
      exportModel: (id) => remote.exportModel(id),
      importModel: (files) => remote.importModel(files),
      compare: (photo, ids) => remote.compare(photo, ids),
      memory: () => remote.memory(),
      simulateDeviceLoss: () => (remote.simulateDeviceLoss as () => Promise<void>)(),
    },
    terminate: () => worker.terminate(),
    onCrash: (listener) => watchWorkerCrash(worker, 'fine-tuning', listener),
  };
}

type Api = FineTuneWorkerApi;

export class FineTuneClient extends WorkerClient<FineTuneWorkerApi, FineTuneInitResult, FineTuneClientState> {
  private backend: string;
  private readonly onRunLost: ((error: WorkerError) => void) | undefined;
  private readonly testHooks: boolean;
  private runs = 0;
  private restartPending = false;
  private disposed = false;

  constructor(createWorker: FineTuneWorkerFactory = createFineTuneWorker, options: FineTuneClientOptions = {}) {
    super(createWorker, { status: 'idle', running: false });
    this.backend = options.backend ?? 'auto';
    this.onRunLost = options.onRunLost;
    this.testHooks = Boolean(options.testHooks);
  }

  /** Starts the worker if needed; resolves with the backend it chose. */
  init(): Promise<FineTuneInitResult> {
    this.assertUsable();
    return this.connect().ready;
  }

  /** Changes the backend: now when no run is going, else when it ends. */
  configure(options: { readonly backend?: string }): void {
    this.assertUsable();
    const backend = options.backend ?? 'auto';
    if (backend === this.backend) return;
    this.backend = backend;
    if (this.runs > 0) this.restartPending = true;
    else this.end({ name: 'ColorizerError', code: 'aborted', message: 'Restarted with another backend' });
  }

  checkPhotos: Api['checkPhotos'] = (photos) => this.call((api) => api.checkPhotos(photos));
  checkTrainingSet: Api['checkTrainingSet'] = (count, settings) => this.call((api) => api.checkTrainingSet(count, settings));
  start: Api['start'] = (request, onEvent) => this.run((api) => api.start(request, onEvent));
  resume: Api['resume'] = (id, onEvent, steps) => this.run((api) => api.resume(id, onEvent, steps));
  pause: Api['pause'] = () => this.call((api) => api.pause());
  proceed: Api['proceed'] = () => this.call((api) => api.proceed());
  stop: Api['stop'] = () => this.call((api) => api.stop());
  listModels: Api['listModels'] = () => this.call((api) => api.listModels());
  lossHistory: Api['lossHistory'] = (id) => this.call((api) => api.lossHistory(id));
  renameModel: Api['renameModel'] = (id, name) => this.call((api) => api.renameModel(id, name));
  deleteModel: Api['deleteModel'] = (id) => this.call((api) => api.deleteModel(id));
  exportModel: Api['exportModel'] = (id) => this.call((api) => api.exportModel(id));
  importModel: Api['importModel'] = (files) => this.call((api) => api.importModel(files));
  compare: Api['compare'] = (photo, ids) => this.call((api) => api.compare(photo, ids));
  memory: Api['memory'] = () => this.call((api) => api.memory());
  /** Test hook: the training backend's device is lost (needs the testHooks option). */
  simulateDeviceLoss = (): Promise<void> => this.call((api) => api.simulateDeviceLoss!());

  /** Terminates the worker (a run in progress is lost up to its last checkpoint). */
  dispose(): void {
    if (this.disposed) return;
    this.end({ name: 'ColorizerError', code: 'aborted', message: 'Cancelled' });
    this.disposed = true;
    this.unsubscribeAll();
  }

  // -------------------------------------------------------------------------

  private assertUsable(): void {
    if (this.disposed) throw new Error('FineTuneClient has been disposed');
  }

  private async call<T>(fn: (api: Api) => Promise<T>): Promise<T> {
    try {
      this.assertUsable();
      const connection = this.connect();
      await connection.ready;
      return await Promise.race([fn(connection.handle.api), connection.ended]);
    } catch (err) {
      throw toWorkerError(err);
    }
  }

  /** `start` / `resume`: counted, so a crash meanwhile is reported as a lost run. */
  private async run<T>(fn: (api: Api) => Promise<T>): Promise<T> {
    this.runs += 1;
    this.update({ running: true });
    try {
      return await this.call(fn);
    } finally {
      this.runs -= 1;
      this.update({ running: this.runs > 0 });
      if (this.runs === 0 && this.restartPending) {
        this.restartPending = false;
        this.end({ name: 'ColorizerError', code: 'aborted', message: 'Restarted with another backend' });
      }
    }
  }

  protected initWorker(api: FineTuneWorkerApi): Promise<FineTuneInitResult> {
    return api.init({ backend: this.backend, ...(this.testHooks ? { testHooks: true } : {}) });
  }

  /** A crash while a run was going loses the run (its last checkpoint stays in IndexedDB). */
  protected override onCrash(error: WorkerError): void {
    if (this.runs > 0) this.onRunLost?.(error);
  }
}
