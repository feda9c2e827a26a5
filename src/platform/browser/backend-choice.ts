/**
 * Backend choice as data, with the environment injected (no tfjs here):
 *
 * - `auto` tries BACKEND_ORDER (webgpu → wasm → webgl → cpu); webgpu only with a
 *   real GPU adapter, not a software (fallback) one.
 * - A forced backend is tried first (webgpu then accepts the fallback adapter), and
 *   if it fails the others follow in the usual order.
 * - Every skip or failure is recorded with its reason; the chosen backend's reason
 *   says why the better ones were passed over ("no GPU found").
 * - `exclude` skips backends outright (after a lost WebGPU device), with the reason
 *   recorded; a forced backend that is excluded counts as `auto`.
 */
import {
  BACKEND_ORDER,
  type BackendAttempt,
  type BackendChoice,
  type BackendName,
  type BackendPreference,
  type GpuAdapterSummary,
} from './backend-names';

/** What the chooser needs from the environment; injected in tests. */
export interface BackendEnvironment {
  /** The default WebGPU adapter's info, or null when there is none / no WebGPU at all. */
  probeWebGpu(): Promise<GpuAdapterSummary | null>;
  /** Makes `name` the active backend; throws with a reason when it is not. */
  activate(name: BackendName): Promise<void>;
  /** Runs once a backend is active (e.g. wasm kernels); may describe wasm features. */
  afterActivate(name: BackendName): Promise<BackendChoice['wasmFeatures'] | void>;
  /** The WebGL renderer, and whether it is software (SwiftShader, llvmpipe); null without WebGL. */
  probeWebGl?(): Promise<{ readonly renderer: string; readonly software: boolean } | null>;
}

export interface ChooseOptions {
  /** Backends never to try (e.g. webgpu after its device was lost). */
  readonly exclude?: readonly BackendName[];
  /** Recorded as the excluded backends' attempt reason (default "excluded"). */
  readonly excludedReason?: string;
  /** Order for `auto` (default BACKEND_ORDER); training prefers webgl to wasm. */
  readonly order?: readonly BackendName[];
  /** Skip a software WebGL renderer unless forced (it is far slower than wasm). */
  readonly skipSoftwareWebGl?: boolean;
}

/** Tries backends in order (a forced one first) and returns the first that really works. */
export async function chooseBackend(preference: BackendPreference, env: BackendEnvironment, options: ChooseOptions = {}): Promise<BackendChoice> {
  const excluded = new Set(options.exclude ?? []);
  const forced = preference === 'auto' || excluded.has(preference) ? null : preference;
  const order = options.order ?? BACKEND_ORDER;
  const candidates: BackendName[] = forced ? [forced, ...order.filter((b) => b !== forced)] : [...order];
  const attempts: BackendAttempt[] = [];
  let adapterInfo: GpuAdapterSummary | undefined;

  for (const backend of candidates) {
    if (excluded.has(backend)) {
      attempts.push({ backend, ok: false, reason: options.excludedReason ?? 'excluded' });
      continue;
    }
    const isForced = backend === forced;
    if (backend === 'webgpu') {
      let info: GpuAdapterSummary | null;
      try {
        info = await env.probeWebGpu();
      } catch (err) {
        attempts.push({ backend, ok: false, reason: `WebGPU adapter request failed: ${message(err)}` });
        continue;
      }
      if (!info) {
        attempts.push({ backend, ok: false, reason: 'no GPU found' });
        continue;
      }
      if (info.isFallbackAdapter && !isForced) {
        attempts.push({ backend, ok: false, reason: 'no GPU found (only a software WebGPU adapter)' });
        continue;
      }
      adapterInfo = info;
    }
    if (backend === 'webgl' && options.skipSoftwareWebGl && !isForced && env.probeWebGl) {
      const gl = await env.probeWebGl().catch(() => null);
      if (!gl) {
        attempts.push({ backend, ok: false, reason: 'no WebGL' });
        continue;
      }
      if (gl.software) {
        attempts.push({ backend, ok: false, reason: `only a software WebGL renderer (${gl.renderer})` });
        continue;
      }
    }
    try {
      await env.activate(backend);
      const wasmFeatures = (await env.afterActivate(backend)) ?? undefined;
      const reason = isForced ? 'forced' : fallbackReason(attempts, backend);
      attempts.push({ backend, ok: true, reason });
      return {
        backend,
        reason,
        attempts,
        ...(backend === 'webgpu' && adapterInfo ? { adapterInfo } : {}),
        ...(wasmFeatures ? { wasmFeatures } : {}),
      };
    } catch (err) {
      attempts.push({ backend, ok: false, reason: `${backend} failed: ${message(err)}` });
    }
  }
  throw new Error(`No tfjs backend could be initialised: ${attempts.map((a) => a.reason).join('; ')}`);
}

/** Why we ended up on `backend`: the reasons the better ones were passed over. */
function fallbackReason(attempts: readonly BackendAttempt[], backend: BackendName): string {
  if (backend === 'webgpu') return 'GPU found';
  const failed = attempts.filter((a) => !a.ok);
  if (failed.length === 0) return 'default';
  return failed.map((a) => a.reason).join('; ');
}

function message(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
