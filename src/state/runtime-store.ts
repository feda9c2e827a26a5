/**
 * What the worker is running on: mirrors the bridge's state (backend choice, model
 * info, start-up errors) for the status bar.
 */
import { create } from 'zustand';
import type { BackendName } from '../platform/browser/backend-names';
import type { BridgeState, BridgeStatus } from '../worker/bridge';
import type { InitResult, ModelInfo, WorkerError } from '../worker/protocol';

export interface RuntimeState {
  readonly status: BridgeStatus;
  /** The backend the worker chose, and why (e.g. "no GPU found"). */
  readonly backend?: BackendName;
  readonly reason?: string;
  readonly model?: ModelInfo;
  /** The whole init result (adapter info, wasm features, every backend tried). */
  readonly init?: InitResult;
  readonly error?: Pick<WorkerError, 'code' | 'message'>;
  /** E.g. "WebGPU device lost (…); switched to WASM (SIMD). …" */
  readonly notice?: string;
  /** Set when the chosen fine-tuned model was gone and the colorizer went back to the shipped one. */
  readonly modelNotice?: string;
}

export const useRuntimeStore = create<RuntimeState>()(() => ({ status: 'idle' }));

export function applyBridgeState(state: BridgeState): void {
  const { init } = state;
  useRuntimeStore.setState(
    {
      status: state.status,
      ...(init ? { backend: init.backend, reason: init.reason, model: init.model, init } : {}),
      ...(state.error ? { error: state.error } : {}),
      ...(state.notice ? { notice: state.notice } : {}),
      ...(useRuntimeStore.getState().modelNotice ? { modelNotice: useRuntimeStore.getState().modelNotice } : {}),
    },
    true,
  );
}
