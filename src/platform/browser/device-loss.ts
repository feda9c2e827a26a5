/**
 * What to do when the WebGPU device is lost (driver reset, GPU process crash, the
 * OS reclaiming the GPU, a laptop switching GPUs): decided here as plain data, with
 * no tfjs or DOM, so it can be unit-tested. The worker (src/worker/colorize.worker.ts)
 * listens to the tfjs webgpu backend's `device.lost` promise, asks `decideOnDeviceLoss`
 * and, for a fallback, re-initialises on the next backend (never WebGPU again in that
 * worker), reloads the model, retries the photo that was running, and tells the page
 * with `deviceLossNotice`.
 */
import { backendDisplayName, type BackendChoice, type BackendName } from './backend-names';

/** The fields of a GPUDeviceLostInfo that matter ('destroyed' = we destroyed it ourselves). */
export interface DeviceLostInfo {
  readonly reason?: string;
  readonly message?: string;
}

export interface DeviceLossContext {
  /** The backend tfjs is using now (`tf.getBackend()`). */
  readonly activeBackend: string | undefined;
  /** Whether the lost device is the one the active backend uses (not an older one). */
  readonly isCurrentDevice: boolean;
}

export type DeviceLossDecision =
  | { readonly action: 'ignore'; readonly why: string }
  | {
      readonly action: 'fallback';
      /** Backends the re-initialisation must skip. */
      readonly exclude: readonly BackendName[];
      /** Why WebGPU was dropped, recorded as its attempt and shown in the status bar. */
      readonly reason: string;
    };

/** Decides whether a lost device needs a fallback, and to what. */
export function decideOnDeviceLoss(info: DeviceLostInfo, context: DeviceLossContext): DeviceLossDecision {
  if (info.reason === 'destroyed') return { action: 'ignore', why: 'the device was destroyed on purpose (backend disposed)' };
  if (!context.isCurrentDevice) return { action: 'ignore', why: 'an older device, no longer in use' };
  if (context.activeBackend !== 'webgpu') return { action: 'ignore', why: `the active backend is ${context.activeBackend ?? 'none'}, not webgpu` };
  const detail = (info.message ?? '').trim().replace(/\s+/g, ' ');
  return { action: 'fallback', exclude: ['webgpu'], reason: `WebGPU device lost${detail ? ` (${detail})` : ''}` };
}

/** The message for the status bar once the fallback backend is running. */
export function deviceLossNotice(reason: string, choice: Pick<BackendChoice, 'backend' | 'wasmFeatures'>): string {
  return `${reason}; switched to ${backendDisplayName(choice)}. Colorizing continues, more slowly.`;
}

/** The message when no other backend could be started either. */
export function deviceLossFailureNotice(reason: string, error: string): string {
  return `${reason}, and no other backend could be started: ${error}. Reload the page to try again.`;
}
