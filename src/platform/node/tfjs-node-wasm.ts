/**
 * Node runtime for the CLIs: tfjs on the wasm backend (SIMD, one thread as shipped),
 * with the project's gradient kernels registered so training works on wasm.
 * tfjs-node cannot be installed here (its install downloads a binary).
 */
import * as tf from '@tensorflow/tfjs';
import { setWasmPaths } from '@tensorflow/tfjs-backend-wasm';
import { createRequire } from 'node:module';
import path from 'node:path';
import { registerWasmGradientKernels } from '../../core/runtime/wasm-gradient-kernels';

const require = createRequire(import.meta.url);

export type NodeBackendName = 'wasm' | 'cpu';

let ready: Promise<NodeBackendName> | null = null;

export function initNodeBackend(preferred: NodeBackendName = 'wasm'): Promise<NodeBackendName> {
  ready ??= (async () => {
    if (preferred === 'wasm') {
      const dir = path.dirname(require.resolve('@tensorflow/tfjs-backend-wasm/dist/tfjs-backend-wasm.wasm'));
      setWasmPaths(dir + path.sep);
      if (await tf.setBackend('wasm')) {
        await tf.ready();
        registerWasmGradientKernels();
        return 'wasm';
      }
    }
    await tf.setBackend('cpu');
    await tf.ready();
    return 'cpu';
  })();
  return ready;
}

export { tf };
