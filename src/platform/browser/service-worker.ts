/// <reference types="vite-plugin-pwa/vanillajs" />
/**
 * Registers the service worker (src/sw/sw.ts, through vite-plugin-pwa's
 * `virtual:pwa-register`) and keeps the PWA store current:
 *
 * - "Available offline" once the active service worker confirms that every file
 *   of its precache manifest (app shell, worker, wasm, models) is in its cache;
 *   then asks the browser to keep the data (`navigator.storage.persist()`).
 * - the storage estimate for Settings;
 * - "Update available": a new service worker is installed and waiting. It is
 *   looked for on start-up, when the tab becomes visible again, and hourly.
 *   `applyUpdate()` activates it and reloads. Also when another tab activated a
 *   new version under this page.
 *
 * A no-op (state 'unsupported') in `vite dev` and where service workers are missing.
 */
import { registerSW } from 'virtual:pwa-register';
import { applyOfflineStatus, setOfflineState, updateFound, usePwaStore } from '../../state/pwa-store';
import { OFFLINE_STATUS, isOfflineStatus } from '../../sw/protocol';

const UPDATE_CHECK_MS = 60 * 60 * 1000;

let started = false;

export function startServiceWorker(): void {
  if (started) return;
  started = true;
  usePwaStore.setState({ refreshStorage });
  watchConnectivity();
  void refreshStorage();

  if (import.meta.env.DEV) {
    setOfflineState('unsupported', 'no service worker in the dev server (use npm run build && npm run preview)');
    return;
  }
  if (!('serviceWorker' in navigator) || !window.isSecureContext) {
    setOfflineState('unsupported', 'this browser (or an insecure http:// origin) has no service workers');
    return;
  }

  setOfflineState('caching');
  const updateSW = registerSW({
    onNeedRefresh: updateFound,
    // Another tab activated a new version under this page: offer the reload too
    // (this page's lazily loaded files may be gone from the new cache).
    onNeedReload: updateFound,
    onOfflineReady: () => void checkOffline(),
    onRegisteredSW: (_url, registration) => {
      if (!registration) return;
      void checkOffline();
      const lookForUpdate = () => void registration.update().catch(() => undefined);
      setInterval(lookForUpdate, UPDATE_CHECK_MS);
      document.addEventListener('visibilitychange', () => {
        if (document.visibilityState === 'visible' && navigator.onLine) lookForUpdate();
      });
    },
    onRegisterError: (err: unknown) => setOfflineState('error', `service worker registration failed: ${String(err)}`),
  });
  usePwaStore.setState({
    // Activates the waiting version, then reloads once it controls the page. (The
    // plugin reloads by itself only on pages that were controlled when they loaded,
    // not on the very first visit.)
    async applyUpdate() {
      const registration = await navigator.serviceWorker.getRegistration();
      if (!registration?.waiting) {
        location.reload(); // already activated, e.g. by another tab
        return;
      }
      navigator.serviceWorker.addEventListener('controllerchange', () => location.reload(), { once: true });
      await updateSW(true);
    },
  });
}

/** Asks the active service worker (once install has finished) whether everything is cached. */
async function checkOffline(): Promise<void> {
  try {
    const registration = await navigator.serviceWorker.ready;
    const worker = registration.active;
    if (!worker) return;
    const reply: unknown = await messageSW(worker, { type: OFFLINE_STATUS });
    if (!isOfflineStatus(reply)) {
      setOfflineState('error', `unexpected reply from the service worker: ${JSON.stringify(reply)}`);
      return;
    }
    applyOfflineStatus(reply);
    if (usePwaStore.getState().offline === 'ready') await requestPersistence();
  } catch (err) {
    setOfflineState('error', `could not check the offline cache: ${String(err)}`);
  } finally {
    await refreshStorage();
  }
}

/** Persistent storage keeps the cached models from being evicted under storage pressure. */
async function requestPersistence(): Promise<void> {
  const storage = navigator.storage;
  if (!storage?.persist || !storage.persisted) return;
  try {
    const persisted = (await storage.persisted()) || (await storage.persist());
    usePwaStore.setState({ persisted });
  } catch {
    usePwaStore.setState({ persisted: null });
  }
}

async function refreshStorage(): Promise<void> {
  const storage = typeof navigator === 'undefined' ? undefined : navigator.storage;
  if (!storage?.estimate) {
    usePwaStore.setState({ storage: null, persisted: null });
    return;
  }
  try {
    const [{ usage = 0, quota = 0 }, persisted] = await Promise.all([
      storage.estimate(),
      storage.persisted ? storage.persisted() : Promise.resolve(null),
    ]);
    usePwaStore.setState({ storage: { usage, quota }, persisted });
  } catch {
    usePwaStore.setState({ storage: null });
  }
}

/** Posts a message to a service worker and waits for its reply on a MessageChannel. */
function messageSW(worker: ServiceWorker, message: unknown, timeoutMs = 60_000): Promise<unknown> {
  return new Promise((resolve, reject) => {
    const channel = new MessageChannel();
    const timer = setTimeout(() => reject(new Error('the service worker did not answer')), timeoutMs);
    channel.port1.onmessage = (event) => {
      clearTimeout(timer);
      resolve(event.data);
    };
    worker.postMessage(message, [channel.port2]);
  });
}

function watchConnectivity(): void {
  const update = () => usePwaStore.setState({ online: navigator.onLine !== false });
  window.addEventListener('online', update);
  window.addEventListener('offline', update);
  update();
}
