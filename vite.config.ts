/**
 * Vite config for the in-browser colorizer.
 *
 * - React for the UI; the colorizer runs in an ES-module worker (src/worker).
 * - The tfjs wasm binaries are served by the app itself: src/platform/browser/backend.ts
 *   imports them with `?url` and hands the URLs to `setWasmPaths`, so nothing is
 *   fetched from a CDN.
 * - No COOP/COEP headers on purpose: without cross-origin isolation tfjs picks the
 *   non-threaded SIMD wasm build (the threaded build breaks under the minified bundle).
 * - Offline, installable PWA (vite-plugin-pwa, Workbox `injectManifest`): the web app
 *   manifest, and a service worker (src/sw/sw.ts) that precaches the app shell, the
 *   worker, the wasm binaries and both models at install. Model files are revisioned
 *   by their manifest version + content hash (src/build/precache-revisions.ts).
 *   Disabled in `vite dev`.
 * - Content-Security-Policy (src/build/csp.ts): no other origin, in the built
 *   index.html (<meta>), as a header from `vite preview`, and in dist/_headers for
 *   static hosts. Not in `vite dev`, whose HMR client needs inline scripts and a
 *   websocket.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { VitePWA } from 'vite-plugin-pwa';
import { contentSecurityPolicy, headersFile, securityHeaders } from './src/build/csp';
import { assertPrecached, listModelFiles, readModelVersions, versionModelEntries } from './src/build/precache-revisions';

const PUBLIC_DIR = fileURLToPath(new URL('./public', import.meta.url));
/** Model weights are several MB each; Workbox's default per-file limit is 2 MB. */
const MAX_PRECACHE_FILE_BYTES = 64 * 1024 * 1024;
const THEME_COLOUR = '#111113';

/**
 * Puts the CSP <meta> right after <meta charset> in the built index.html, and writes
 * dist/_headers (the same headers `vite preview` sends) for static hosts.
 */
function contentSecurityPolicyBuild(): Plugin {
  return {
    name: 'colorize:csp',
    apply: 'build',
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: '_headers', source: headersFile() });
    },
    transformIndexHtml(html) {
      const meta = `<meta http-equiv="Content-Security-Policy" content="${contentSecurityPolicy({ forMeta: true })}" />`;
      const charset = /<meta charset="[^"]*"\s*\/?>/i;
      if (!charset.test(html)) throw new Error('index.html has no <meta charset>: the CSP <meta> goes right after it');
      return html.replace(charset, (tag) => `${tag}\n    ${meta}`);
    },
  };
}

export default defineConfig({
  plugins: [
    react(),
    contentSecurityPolicyBuild(),
    VitePWA({
      strategies: 'injectManifest',
      srcDir: 'src/sw',
      filename: 'sw.ts',
      // Updates wait for the user ("Update available — Reload"); registered from
      // src/platform/browser/service-worker.ts, not by an injected script (CSP).
      registerType: 'prompt',
      injectRegister: false,
      // The icons are in globPatterns already.
      includeManifestIcons: false,
      manifest: {
        id: '/',
        name: 'Colorize — old photos in colour, on your device',
        short_name: 'Colorize',
        description: 'Colour old black-and-white photos in your browser. Nothing is uploaded: the model runs on your device, offline too.',
        lang: 'en',
        start_url: '/',
        scope: '/',
        display: 'standalone',
        theme_color: THEME_COLOUR,
        background_color: '#101012',
        categories: ['photo', 'utilities'],
        icons: [
          { src: 'icons/icon-192.png', sizes: '192x192', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-512.png', sizes: '512x512', type: 'image/png', purpose: 'any' },
          { src: 'icons/icon-maskable-512.png', sizes: '512x512', type: 'image/png', purpose: 'maskable' },
        ],
      },
      injectManifest: {
        globPatterns: ['**/*.{html,js,css,wasm,json,bin,png,svg,txt}'],
        maximumFileSizeToCacheInBytes: MAX_PRECACHE_FILE_BYTES,
        // Vite already puts a content hash in these names.
        dontCacheBustURLsMatching: /^assets\//,
        manifestTransforms: [
          (entries) => {
            assertPrecached(entries, listModelFiles(PUBLIC_DIR)); // fail the build, not the app offline
            return versionModelEntries(entries, readModelVersions(PUBLIC_DIR));
          },
        ],
      },
      devOptions: { enabled: false },
    }),
  ],
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
    // The header also covers the worker and the service worker (their policies come
    // from their own responses) and frame-ancestors; a static host should send it too.
    headers: securityHeaders(),
  },
  server: {
    port: 5173,
  },
});
