/**
 * Backend names, preferences and labels as plain data. No tfjs import, so the main
 * thread (UI, settings) can use it without pulling tensors into its bundle.
 */

/** The order `auto` tries, best first. */
export const BACKEND_ORDER = ['webgpu', 'wasm', 'webgl', 'cpu'] as const;
export type BackendName = (typeof BACKEND_ORDER)[number];
/**
 * The order fine-tuning tries: training is mostly backward convolutions, where a real
 * GPU through WebGL beats one wasm thread; a software WebGL renderer is skipped.
 */
export const TRAINING_BACKEND_ORDER: readonly BackendName[] = ['webgpu', 'webgl', 'wasm', 'cpu'];
export type BackendPreference = 'auto' | BackendName;
export const BACKEND_PREFERENCES: readonly BackendPreference[] = ['auto', ...BACKEND_ORDER];

/** What the GPU adapter says about itself (a plain, cloneable copy of GPUAdapterInfo). */
export interface GpuAdapterSummary {
  readonly vendor: string;
  readonly architecture: string;
  readonly device: string;
  readonly description: string;
  /** True for a software adapter (e.g. SwiftShader): correct but far slower than wasm. */
  readonly isFallbackAdapter: boolean;
}

export interface BackendAttempt {
  readonly backend: BackendName;
  readonly ok: boolean;
  /** Why it was skipped or failed, or why it was chosen. */
  readonly reason: string;
}

export interface BackendChoice {
  readonly backend: BackendName;
  /** Why this backend: e.g. "no GPU found", "forced", "webgpu failed: …". */
  readonly reason: string;
  readonly adapterInfo?: GpuAdapterSummary;
  /** wasm only: whether the SIMD / threaded builds are in use. */
  readonly wasmFeatures?: { readonly simd: boolean; readonly threads: boolean };
  /** Every backend tried, in order, with its outcome. */
  readonly attempts: readonly BackendAttempt[];
}

/** Parses `?backend=` or a stored setting; null for anything unknown. */
export function parseBackendPreference(value: string | null | undefined): BackendPreference | null {
  if (value == null) return null;
  const v = value.trim().toLowerCase();
  return (BACKEND_PREFERENCES as readonly string[]).includes(v) ? (v as BackendPreference) : null;
}

/** The `?backend=` query parameter of a URL search string, if valid. */
export function backendFromQuery(search: string): BackendPreference | null {
  return parseBackendPreference(new URLSearchParams(search).get('backend'));
}

/** Short human name: "WebGPU", "WASM (SIMD)", "WebGL", "CPU". */
export function backendDisplayName(choice: Pick<BackendChoice, 'backend' | 'wasmFeatures'>): string {
  switch (choice.backend) {
    case 'webgpu':
      return 'WebGPU';
    case 'wasm': {
      const f = choice.wasmFeatures;
      if (!f) return 'WASM';
      const parts = [f.simd ? 'SIMD' : 'no SIMD', ...(f.threads ? ['threads'] : [])];
      return `WASM (${parts.join(', ')})`;
    }
    case 'webgl':
      return 'WebGL';
    case 'cpu':
      return 'CPU';
  }
}

/** "NVIDIA GeForce RTX 4070", "google swiftshader", … */
export function adapterName(info: GpuAdapterSummary): string {
  const { description, vendor, architecture, device } = info;
  if (description) {
    return vendor && !description.toLowerCase().includes(vendor.toLowerCase()) ? `${vendor} ${description}` : description;
  }
  return [vendor, architecture, device].filter(Boolean).join(' ') || 'unknown adapter';
}

/**
 * Status-bar label: "WebGPU (GPU: nvidia ampere)", "WebGPU (software adapter: SwiftShader)",
 * "WASM (SIMD) — no GPU found", "CPU — forced".
 */
export function backendLabel(choice: Pick<BackendChoice, 'backend' | 'wasmFeatures' | 'adapterInfo' | 'reason'>): string {
  const name = backendDisplayName(choice);
  if (choice.backend === 'webgpu' && choice.adapterInfo) {
    const kind = choice.adapterInfo.isFallbackAdapter ? 'software adapter' : 'GPU';
    return `${name} (${kind}: ${adapterName(choice.adapterInfo)})`;
  }
  return choice.reason ? `${name} — ${choice.reason}` : name;
}
