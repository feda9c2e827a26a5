/**
 * Vite config for the in-browser colorizer.
 *
 * - React for the UI; the colorizer runs in an ES-module worker (src/worker).
 * - The tfjs wasm binaries are served by the app itself: src/platform/browser/backend.ts
 *   imports them with `?url` and hands the URLs to `setWasmPaths`, so nothing is
 *   fetched from a CDN.
 * - No COOP/COEP headers on purpose: without cross-origin isolation tfjs picks the
 *   non-threaded SIMD wasm build (the threaded build breaks under the minified bundle).
 */
import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';

export default defineConfig({
  plugins: [react()],
  worker: {
    format: 'es',
  },
  // No optimizeDeps.exclude for @tensorflow/tfjs-backend-wasm: its ESM entry imports
  // CommonJS emscripten glue (wasm-out/*.js) that only works pre-bundled. The .wasm
  // files are imported with `?url`, so pre-bundling does not lose them.
  build: {
    target: 'es2022',
    // tfjs is large; the worker chunk is expected to be a few MB.
    chunkSizeWarningLimit: 4096,
  },
  preview: {
    port: 4173,
    strictPort: true,
  },
  server: {
    port: 5173,
  },
});
