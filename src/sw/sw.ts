/**
 * The service worker (built by vite-plugin-pwa, `injectManifest` strategy, into
 * dist/sw.js). Workbox precaches everything the app needs to run with no network:
 * the app shell, the colorizer worker, the tfjs wasm binaries and both models'
 * files, all downloaded at install, so an installed service worker means the app
 * works offline. The precache manifest (`self.__WB_MANIFEST`) is injected at build
 * time; model files carry a revision made of their manifest version and content hash
 * (src/build/precache-revisions.ts), so a new model replaces the old one.
 *
 * Updates wait: a new version installs in the background and takes over only when
 * the page asks (`SKIP_WAITING`, the "Update available — Reload" prompt), so a page
 * never runs against files from two builds. The first install claims the page right
 * away, so the first visit is already served from the cache.
 */
/// <reference lib="webworker" />
import { cacheNames, clientsClaim } from 'workbox-core';
import { cleanupOutdatedCaches, createHandlerBoundToURL, getCacheKeyForURL, precacheAndRoute } from 'workbox-precaching';
import { NavigationRoute, registerRoute } from 'workbox-routing';
import { checkPrecache, type PrecacheItem } from './precache-status';
import { OFFLINE_STATUS } from './protocol';

declare let self: ServiceWorkerGlobalScope;

const manifest = self.__WB_MANIFEST;

precacheAndRoute(manifest);
cleanupOutdatedCaches();
// Every navigation (including ?backend=… URLs) gets the cached app shell.
registerRoute(new NavigationRoute(createHandlerBoundToURL('index.html')));

self.addEventListener('message', (event) => {
  const type = (event.data as { type?: unknown } | null)?.type;
  if (type === 'SKIP_WAITING') {
    void self.skipWaiting();
  } else if (type === OFFLINE_STATUS) {
    const port = event.ports[0];
    event.waitUntil(
      offlineStatus().then(
        (status) => port?.postMessage(status),
        (err: unknown) => port?.postMessage({ error: String(err) }),
      ),
    );
  }
});

clientsClaim();

function precacheItems(): PrecacheItem[] {
  return manifest.map((entry) => {
    const url = new URL(typeof entry === 'string' ? entry : entry.url, self.location.href).href;
    const revision = typeof entry === 'string' ? null : (entry.revision ?? null);
    return { url, revision, cacheKey: getCacheKeyForURL(url) ?? url };
  });
}

async function offlineStatus() {
  const cache = await caches.open(cacheNames.precache);
  return checkPrecache(precacheItems(), cache, (url) => fetch(url, { cache: 'reload', credentials: 'same-origin' }));
}
