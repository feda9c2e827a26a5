/**
 * The base of the page's worker clients (bridge.ts for the colorizer, finetune-client.ts
 * for fine-tuning): a state the page can read and subscribe to, and one connection to a
 * worker at a time — started lazily, initialised, dropped when it fails to start (the
 * next call retries with a fresh worker), and ended on a crash or on purpose, which
 * rejects every pending call. No tfjs.
 */
import { endSignal, type WorkerHandle } from './worker-handle';
import { toWorkerError, type WorkerError } from './protocol';

export type ClientStatus = 'idle' | 'starting' | 'ready' | 'error';

export interface ClientState<Init> {
  readonly status: ClientStatus;
  readonly init?: Init;
  readonly error?: WorkerError;
}

export interface Connection<Api, Init> {
  readonly handle: WorkerHandle<Api>;
  readonly ready: Promise<Init>;
  /** Rejects when the worker dies or is terminated, so no call waits forever. */
  readonly ended: Promise<never>;
  end(reason: WorkerError): void;
}

export abstract class WorkerClient<Api, Init, S extends ClientState<Init>> {
  protected connection: Connection<Api, Init> | null = null;
  private current: S;
  private readonly listeners = new Set<(state: S) => void>();

  constructor(
    private readonly createWorker: () => WorkerHandle<Api>,
    initial: S,
  ) {
    this.current = initial;
  }

  getState(): S {
    return this.current;
  }

  subscribe(listener: (state: S) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  protected update(patch: Partial<S>): void {
    this.current = { ...this.current, ...patch };
    for (const listener of this.listeners) listener(this.current);
  }

  protected unsubscribeAll(): void {
    this.listeners.clear();
  }

  /** Initialises a freshly started worker (its options, event callbacks). */
  protected abstract initWorker(api: Api, connection: Connection<Api, Init>): Promise<Init>;

  /** What else the state resets when a worker starts. */
  protected startingPatch(): Partial<S> {
    return {} as Partial<S>;
  }

  /** Called after the current worker crashed and was ended. */
  protected onCrash(_error: WorkerError): void {}

  protected connect(): Connection<Api, Init> {
    if (this.connection) return this.connection;
    const handle = this.createWorker();
    const { ended, end } = endSignal();
    const connection: { -readonly [K in keyof Connection<Api, Init>]: Connection<Api, Init>[K] } = { handle, ended, end, ready: ended };
    connection.ready = Promise.race([this.initWorker(handle.api, connection), ended]).then(
      (init) => {
        if (this.connection === connection) this.update({ status: 'ready', init, error: undefined } as Partial<S>);
        return init;
      },
      (err: unknown) => {
        const error = toWorkerError(err);
        // A failed start is dropped, so the next call retries with a fresh worker.
        if (this.connection === connection) {
          this.end(error);
          this.update({ status: 'error', error } as Partial<S>);
        }
        throw error;
      },
    );
    connection.ready.catch(() => undefined); // status goes to the state listeners
    handle.onCrash((error) => {
      if (this.connection !== connection) return;
      this.end(error);
      this.update({ status: 'error', error } as Partial<S>);
      this.onCrash(error);
    });
    this.connection = connection;
    this.update({ status: 'starting', error: undefined, ...this.startingPatch() } as Partial<S>);
    return connection;
  }

  /** Terminates the current worker (if any); its pending calls reject with `reason`. */
  protected end(reason: WorkerError): void {
    const connection = this.connection;
    if (!connection) return;
    this.connection = null;
    connection.end(reason);
    connection.handle.terminate();
    if (this.current.status !== 'error') this.update({ status: 'idle' } as Partial<S>);
  }
}
