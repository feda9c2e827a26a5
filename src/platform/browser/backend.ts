/**
 * Picks and initialises the tfjs backend in the worker. The choice is data:
 * BACKEND_ORDER (webgpu → wasm → webgl → cpu), each candidate tried in turn and
 * every outcome recorded.
 *
 * - webgpu is tried automatically only with a real (non-fallback) GPU adapter; a
 *   forced webgpu also accepts the software adapter, so tests can exercise it.
 * - `tf.setBackend` can fail quietly (it logs a warning, returns false and leaves
 *   `tf.getBackend()` naming the failed backend), so every activation is verified:
 *   the return value, `tf.getBackend()`, the registry, and one tiny op.
 * - wasm uses the binaries bundled with the app (`?url`), never a CDN, and the
 *   non-threaded build; its gradient kernels are registered once it is ready.
 */
import * as tf from '@tensorflow/tfjs';
import '@tensorflow/tfjs-backend-webgpu';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import wasmUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm?url';
import wasmSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-simd.wasm?url';
import wasmThreadedSimdUrl from '@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm-threaded-simd.wasm?url';
import { registerWasmGradientKernels } from '../../core/runtime/wasm-gradient-kernels';
import {
  BACKEND_ORDER,
  type BackendAttempt,
  type BackendChoice,
  type BackendName,
  type BackendPreference,
  type GpuAdapterSummary,
} from './backend-names';

export * from './backend-names';

/** What the chooser needs from the environment; injected in tests. */
export interface BackendEnvironment {
  /** The default WebGPU adapter's info, or null when there is none / no WebGPU at all. */
  probeWebGpu(): Promise<GpuAdapterSummary | null>;
  /** Makes `name` the active backend; throws with a reason when it is not. */
  activate(name: BackendName): Promise<void>;
  /** Runs once a backend is active (e.g. wasm kernels); may describe wasm features. */
  afterActivate(name: BackendName): Promise<BackendChoice['wasmFeatures'] | void>;
}

/** Tries backends in order (a forced one first) and returns the first that really works. */
export async function chooseBackend(preference: BackendPreference = 'auto', env: BackendEnvironment = browserBackendEnvironment()): Promise<BackendChoice> {
  const forced = preference === 'auto' ? null : preference;
  const candidates: BackendName[] = forced ? [forced, ...BACKEND_ORDER.filter((b) => b !== forced)] : [...BACKEND_ORDER];
  const attempts: BackendAttempt[] = [];
  let adapterInfo: GpuAdapterSummary | undefined;

  for (const backend of candidates) {
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

// ---------------------------------------------------------------------------
// The real browser/worker environment.

interface GpuAdapterLike {
  readonly info?: Partial<GpuAdapterSummary>;
  readonly isFallbackAdapter?: boolean;
  requestAdapterInfo?(): Promise<Partial<GpuAdapterSummary>>;
}
interface GpuLike {
  requestAdapter(options?: { powerPreference?: string }): Promise<GpuAdapterLike | null>;
}

let wasmConfigured = false;

/** Points the wasm backend at the binaries bundled with the app; non-threaded. */
export function configureWasm(): void {
  if (wasmConfigured) return;
  setWasmPaths({
    'tfjs-backend-wasm.wasm': wasmUrl,
    'tfjs-backend-wasm-simd.wasm': wasmSimdUrl,
    'tfjs-backend-wasm-threaded-simd.wasm': wasmThreadedSimdUrl,
  });
  // Threads need cross-origin isolation (COOP/COEP), which the app does not ask for.
  tf.env().set('WASM_HAS_MULTITHREAD_SUPPORT', false);
  wasmConfigured = true;
}

export async function probeWebGpu(): Promise<GpuAdapterSummary | null> {
  const gpu = (globalThis.navigator as { gpu?: GpuLike } | undefined)?.gpu;
  if (!gpu) return null;
  const adapter = await gpu.requestAdapter({ powerPreference: 'high-performance' });
  if (!adapter) return null;
  const info = adapter.info ?? (adapter.requestAdapterInfo ? await adapter.requestAdapterInfo() : {});
  return {
    vendor: info.vendor ?? '',
    architecture: info.architecture ?? '',
    device: info.device ?? '',
    description: info.description ?? '',
    isFallbackAdapter: Boolean(info.isFallbackAdapter ?? adapter.isFallbackAdapter),
  };
}

export async function activateBackend(name: BackendName): Promise<void> {
  if (name === 'wasm') configureWasm();
  if (!tf.findBackendFactory(name)) throw new Error(`${name} is not available in this browser`);
  const ok = await tf.setBackend(name);
  await tf.ready();
  const active = tf.getBackend();
  if (!ok || active !== name || !tf.findBackend(name)) {
    throw new Error(`tf.setBackend('${name}') did not take effect (returned ${ok}, active backend ${active ?? 'none'})`);
  }
  // A backend can initialise yet fail on first use (e.g. a lost GPU device).
  const probe = tf.tidy(() => tf.add(tf.scalar(1), tf.scalar(2)));
  const sum = (await probe.data())[0];
  probe.dispose();
  if (sum !== 3) throw new Error(`${name} computed 1 + 2 = ${sum}`);
}

export function browserBackendEnvironment(): BackendEnvironment {
  return {
    probeWebGpu,
    activate: activateBackend,
    async afterActivate(name) {
      if (name !== 'wasm') return;
      registerWasmGradientKernels();
      const [simd, threads] = await Promise.all([
        tf.env().getAsync('WASM_HAS_SIMD_SUPPORT'),
        tf.env().getAsync('WASM_HAS_MULTITHREAD_SUPPORT'),
      ]);
      return { simd: Boolean(simd), threads: Boolean(threads) };
    },
  };
}
