/**
 * Hooks for end-to-end tests, installed only in `vite dev` or when the page URL has
 * `?testhooks` (the production build ships them inert): `window.__colorizerTest`
 * reads the worker's `tf.memory()`, colorizes bytes without adding queue items (for
 * the 200-run leak test), and simulates a lost WebGPU device. Nothing here reaches
 * the network; the worker must already be running for `memory()`.
 */
import { ColorizeBridge } from '../worker/bridge';
import type { FineTuneClient } from '../worker/finetune-client';
import type { MemorySnapshot, WorkerError } from '../worker/protocol';
import { startJobs, type Jobs } from './jobs';
import { useSettingsStore } from './settings-store';

export interface ColorizerTestHooks {
  memory(): Promise<MemorySnapshot | null>;
  /** Colorizes `bytes` through the bridge (no queue item); the output size or the error. */
  colorize(bytes: Uint8Array, name: string): Promise<{ width: number; height: number; backend: string } | { error: Pick<WorkerError, 'code' | 'message'> }>;
  simulateDeviceLoss(): Promise<void>;
  /** The fine-tuning worker: its `tf.memory()`, and a lost training device. */
  trainingMemory?(): Promise<MemorySnapshot>;
  simulateTrainingDeviceLoss?(): Promise<void>;
}

declare global {
  interface Window {
    __colorizerTest?: ColorizerTestHooks;
  }
}

export function testHooksRequested(search: string, dev: boolean): boolean {
  return dev || new URLSearchParams(search).has('testhooks');
}

/** Starts the page's jobs; with test hooks when requested (the worker then accepts `simulateDeviceLoss`). */
export function startPageJobs(search: string, dev: boolean): Jobs {
  if (!testHooksRequested(search, dev)) return startJobs();
  const jobs = startJobs(new ColorizeBridge(undefined, { backend: useSettingsStore.getState().backend, modelId: useSettingsStore.getState().model.id, testHooks: true }));
  window.__colorizerTest = hooksFor(jobs.bridge);
  return jobs;
}

/** Adds the fine-tuning worker's hooks (its client must have been made with `testHooks`). */
export function addFineTuneHooks(client: FineTuneClient): void {
  if (!window.__colorizerTest) return;
  window.__colorizerTest.trainingMemory = () => client.memory();
  window.__colorizerTest.simulateTrainingDeviceLoss = () => client.simulateDeviceLoss();
}

export function hooksFor(bridge: ColorizeBridge): ColorizerTestHooks {
  return {
    memory: () => bridge.memory(),
    async colorize(bytes, name) {
      try {
        const r = await bridge.colorize(new Blob([bytes as Uint8Array<ArrayBuffer>]), name);
        return { width: r.size?.width ?? r.colorized.width, height: r.size?.height ?? r.colorized.height, backend: r.backend };
      } catch (err) {
        const { code, message } = err as WorkerError;
        return { error: { code, message } };
      }
    },
    simulateDeviceLoss: () => bridge.simulateDeviceLoss(),
  };
}
