/**
 * The one bridge between the main thread and the colorizer worker.
 *
 * - Starts the worker lazily (first `init()` or `colorize()`), and initialises it
 *   with the current options (backend).
 * - Serialises calls: one image at a time, the rest wait in a queue.
 * - Cancels by terminating the worker (inference cannot be interrupted otherwise);
 *   the next call starts a fresh one. Aborting a queued call just drops it.
 * - `configure()` changes the backend by re-initialising a fresh worker, right away
 *   when idle or after the current image.
 * - Errors come back as plain WorkerError objects ({code, message}).
 * - The worker may change backend on its own (lost WebGPU device): its event updates
 *   `init` and sets `notice`, the message the status bar shows.
 *
 * The main thread does no tensor work: this file imports no tfjs.
 */
import { WorkerClient, type ClientStatus, type Connection as ClientConnection } from './worker-client';
import * as Comlink from 'comlink';
import {
  toWorkerError,
  type AlternativesProgressCallback,
  type AlternativesRequest,
  type AlternativesResult,
  type ColorizeFileResult,
  type ColorizeWorkerApi,
  type InitOptions,
  type InitResult,
  type MemorySnapshot,
  type ProgressCallback,
  type RuntimeEvent,
  type WorkerError,
} from './protocol';
import { watchWorkerCrash, type WorkerHandle as GenericWorkerHandle } from './worker-handle';

/** A started colorizer worker, as the bridge sees it (a fake in tests). */
export type WorkerHandle = GenericWorkerHandle<ColorizeWorkerApi>;

export type WorkerFactory = () => WorkerHandle;

export type BridgeStatus = ClientStatus;

export interface BridgeState {
  readonly status: BridgeStatus;
  readonly options: InitOptions;
  /** The latest successful init (kept while a restarted worker is idle). */
  readonly init?: InitResult;
  readonly error?: WorkerError;
  /** Something the user should know about the runtime, e.g. "WebGPU device lost …; switched to WASM". */
  readonly notice?: string;
  /** Images waiting or running. */
  readonly pending: number;
}

export interface ColorizeCallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: ProgressCallback;
  /** Called when this file's turn comes (the worker may still be loading the model). */
  readonly onStart?: () => void;
}

export const ABORTED: WorkerError = Object.freeze({ name: 'ColorizerError', code: 'aborted', message: 'Cancelled' });

type Connection = ClientConnection<ColorizeWorkerApi, InitResult>;

export interface AlternativesCallOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: AlternativesProgressCallback;
  readonly onStart?: () => void;
}

/** One queued call: colorize a file, or sample alternatives for one. */
interface Job {
  readonly call: (api: ColorizeWorkerApi) => Promise<unknown>;
  readonly options: { readonly signal?: AbortSignal; readonly onStart?: () => void };
  settled: boolean;
  resolve(result: unknown): void;
  reject(error: WorkerError): void;
  detach(): void;
}

/** Starts the real module worker (Vite bundles ./colorize.worker.ts as an ES worker). */
export function createBrowserWorker(): WorkerHandle {
  const worker = new Worker(new URL('./colorize.worker.ts', import.meta.url), { type: 'module', name: 'colorizer' });
  const remote = Comlink.wrap<Required<ColorizeWorkerApi>>(worker);
  return {
    api: {
      init: (options, onEvent) => remote.init(options, onEvent ? Comlink.proxy(onEvent) : undefined),
      colorizeFile: (file, name, onProgress) =>
        remote.colorizeFile(file, name, (onProgress ? Comlink.proxy(onProgress) : undefined) as ProgressCallback | undefined) as Promise<ColorizeFileResult>,
      sampleAlternatives: (file, name, request, onProgress) =>
        remote.sampleAlternatives(file, name, request, (onProgress ? Comlink.proxy(onProgress) : undefined) as AlternativesProgressCallback | undefined) as Promise<AlternativesResult>,
      memory: () => remote.memory(),
      simulateDeviceLoss: () => remote.simulateDeviceLoss(),
    },
    terminate: () => worker.terminate(),
    onCrash: (listener) => watchWorkerCrash(worker, 'colorizer', listener),
  };
}

export class ColorizeBridge extends WorkerClient<ColorizeWorkerApi, InitResult, BridgeState> {
  private options: InitOptions;
  private readonly queue: Job[] = [];
  private running: Job | null = null;
  private restartPending = false;
  private disposed = false;

  constructor(createWorker: WorkerFactory = createBrowserWorker, options: InitOptions = {}) {
    super(createWorker, { status: 'idle', options: { ...options }, pending: 0 });
    this.options = this.getState().options;
  }

  /** Starts the worker if needed; resolves with the backend and model it loaded. */
  init(): Promise<InitResult> {
    this.assertUsable();
    return this.connect().ready;
  }

  /** Changes the worker options (backend, model). Applied now when idle, else after the current image. */
  configure(options: InitOptions): void {
    this.assertUsable();
    const next = { ...this.options, ...options };
    if ((next.backend ?? 'auto') === (this.options.backend ?? 'auto') && (next.modelId ?? 'shipped') === (this.options.modelId ?? 'shipped')) return;
    this.options = next;
    this.update({ options: this.options });
    if (this.running) {
      this.restartPending = true;
      return;
    }
    this.end(ABORTED);
    this.connect().ready.catch(() => undefined); // status goes to the state listeners
  }

  /** Colorizes one file after the ones already queued. Rejects with a WorkerError. */
  colorize(file: Blob, name: string, options: ColorizeCallOptions = {}): Promise<ColorizeFileResult> {
    return this.enqueue((api) => api.colorizeFile(file, name, options.onProgress), options);
  }

  /**
   * N Langevin samples of a photo (docs/langevin.md), queued like a file; cancelling
   * (the signal) terminates the worker, as for colorize.
   */
  sampleAlternatives(file: Blob, name: string, request: AlternativesRequest, options: AlternativesCallOptions = {}): Promise<AlternativesResult> {
    return this.enqueue((api) => {
      if (!api.sampleAlternatives) throw new Error('This worker cannot sample alternatives');
      return api.sampleAlternatives(file, name, request, options.onProgress);
    }, options);
  }

  private enqueue<T>(call: (api: ColorizeWorkerApi) => Promise<T>, options: Job['options']): Promise<T> {
    this.assertUsable();
    return new Promise<T>((resolve, reject) => {
      const { signal } = options;
      if (signal?.aborted) {
        reject(ABORTED);
        return;
      }
      const onAbort = () => this.abort(job);
      const job: Job = {
        call, options, settled: false, resolve: resolve as (result: unknown) => void, reject,
        detach: () => signal?.removeEventListener('abort', onAbort),
      };
      signal?.addEventListener('abort', onAbort, { once: true });
      this.queue.push(job);
      this.update({ pending: this.pendingCount() });
      this.pump();
    });
  }

  /** Cancels everything: queued files are dropped, the running one is stopped by terminating the worker. */
  cancel(): void {
    for (const job of this.queue.splice(0)) this.settle(job, ABORTED);
    if (this.running) this.abort(this.running);
    else this.end(ABORTED);
    this.update({ pending: this.pendingCount() });
  }

  /** `tf.memory()` in the worker once it is ready; null when no worker is running. */
  async memory(): Promise<MemorySnapshot | null> {
    const connection = this.connection;
    if (!connection?.handle.api.memory) return null;
    await connection.ready;
    return connection.handle.api.memory();
  }

  /** Test hook: makes the worker behave as if its WebGPU device were lost (needs `testHooks`). */
  async simulateDeviceLoss(): Promise<void> {
    const connection = this.connect();
    await connection.ready;
    await connection.handle.api.simulateDeviceLoss?.();
  }

  dispose(): void {
    if (this.disposed) return;
    this.cancel();
    this.end(ABORTED);
    this.disposed = true;
    this.unsubscribeAll();
  }

  // -------------------------------------------------------------------------

  private assertUsable(): void {
    if (this.disposed) throw new Error('ColorizeBridge has been disposed');
  }

  private pendingCount(): number {
    return this.queue.length + (this.running ? 1 : 0);
  }

  protected initWorker(api: ColorizeWorkerApi, connection: Connection): Promise<InitResult> {
    return api.init(this.options, (event) => this.onRuntimeEvent(connection, event));
  }

  protected override startingPatch(): Partial<BridgeState> {
    return { notice: undefined };
  }

  /** The worker changed backend on its own (lost WebGPU device). */
  private onRuntimeEvent(connection: Connection, event: RuntimeEvent): void {
    if (this.connection !== connection) return;
    if (event.kind === 'backend-changed') this.update({ status: 'ready', init: event.init, error: undefined, notice: event.notice });
    else this.update({ status: 'error', error: event.error, notice: event.notice });
  }



  private settle(job: Job, outcome: { ok: unknown } | WorkerError): void {
    if (job.settled) return;
    job.settled = true;
    job.detach();
    if ('ok' in outcome) job.resolve(outcome.ok);
    else job.reject(outcome);
  }

  private abort(job: Job): void {
    if (job.settled) return;
    const index = this.queue.indexOf(job);
    if (index >= 0) {
      this.queue.splice(index, 1);
      this.settle(job, ABORTED);
    } else if (this.running === job) {
      this.settle(job, ABORTED);
      this.running = null;
      this.end(ABORTED); // the only way to stop inference; restarted lazily by the next call
    }
    this.update({ pending: this.pendingCount() });
    this.pump();
  }

  private pump(): void {
    if (this.running || this.disposed) return;
    if (this.restartPending) {
      this.restartPending = false;
      this.end(ABORTED);
      this.connect().ready.catch(() => undefined);
    }
    const job = this.queue.shift();
    if (!job) return;
    this.running = job;
    const connection = this.connect();
    void this.run(job, connection);
  }

  private async run(job: Job, connection: Connection): Promise<void> {
    try {
      job.options.onStart?.();
      await connection.ready;
      if (job.settled) return;
      const result = await Promise.race([job.call(connection.handle.api), connection.ended]);
      this.settle(job, { ok: result });
    } catch (err) {
      this.settle(job, toWorkerError(err));
    } finally {
      if (this.running === job) {
        this.running = null;
        this.update({ pending: this.pendingCount() });
        this.pump();
      }
    }
  }
}
