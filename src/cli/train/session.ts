/**
 * The part every training loop shares: stop cleanly on SIGINT/SIGTERM, and checkpoint
 * with the wall-clock training time added up across sessions.
 */
import type { TrainState } from './checkpoint';

export interface TrainingSession {
  /** True once SIGINT or SIGTERM arrived: finish the step, checkpoint, exit. */
  readonly stopping: boolean;
  /** Adds the time since the last checkpoint to state.trainSeconds, then saves. */
  checkpoint(): Promise<void>;
  /** Lets signal handlers run between synchronous training steps. */
  yieldToSignals(): Promise<void>;
  /** Training seconds so far, including the time since the last checkpoint. */
  seconds(): number;
}

export function startTrainingSession(state: TrainState, save: () => Promise<void>): TrainingSession {
  let stopping = false;
  let since = Date.now();
  const stop = () => {
    stopping = true;
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
  return {
    get stopping() {
      return stopping;
    },
    async checkpoint() {
      state.trainSeconds += (Date.now() - since) / 1000;
      since = Date.now();
      await save();
    },
    yieldToSignals: () => new Promise((resolve) => setImmediate(resolve)),
    seconds: () => state.trainSeconds + (Date.now() - since) / 1000,
  };
}
