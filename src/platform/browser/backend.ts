/**
 * Picks and initialises the tfjs backend in the worker. The choice is data
 * (./backend-choice.ts): BACKEND_ORDER (webgpu → wasm → webgl → cpu), each
 * candidate tried in turn and every outcome recorded. This file is the real
 * environment for it:
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
import { chooseBackend as choose, type BackendEnvironment, type ChooseOptions } from './backend-choice';
import type { BackendChoice, BackendName, BackendPreference, GpuAdapterSummary } from './backend-names';

export * from './backend-names';
export type { BackendEnvironment, ChooseOptions } from './backend-choice';

/** Tries backends in order (a forced one first) and returns the first that really works. */
export function chooseBackend(
  preference: BackendPreference = 'auto',
  env: BackendEnvironment = browserBackendEnvironment(),
  options: ChooseOptions = {},
): Promise<BackendChoice> {
  return choose(preference, env, options);
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

/** The WebGL renderer string (unmasked where the browser allows) of an OffscreenCanvas context. */
export async function probeWebGl(): Promise<{ renderer: string; software: boolean } | null> {
  if (typeof OffscreenCanvas === 'undefined') return null;
  const gl = new OffscreenCanvas(1, 1).getContext('webgl2') ?? new OffscreenCanvas(1, 1).getContext('webgl');
  if (!gl) return null;
  const debug = gl.getExtension('WEBGL_debug_renderer_info');
  const renderer = String(gl.getParameter(debug ? debug.UNMASKED_RENDERER_WEBGL : gl.RENDERER) ?? '');
  gl.getExtension('WEBGL_lose_context')?.loseContext();
  return { renderer, software: /swiftshader|llvmpipe|software|basic render/i.test(renderer) };
}

export function browserBackendEnvironment(): BackendEnvironment {
  return {
    probeWebGpu,
    probeWebGl,
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
