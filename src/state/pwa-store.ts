/**
 * Offline / install state for the UI: whether every file the app needs is cached by
 * the service worker ("Available offline"), the browser's storage estimate and
 * persistence, and whether a new version is waiting ("Update available — Reload").
 * Plain data plus small actions; src/platform/browser/service-worker.ts feeds it.
 */
import { create } from 'zustand';
import type { OfflineStatus } from '../sw/protocol';

export type OfflineState =
  /** No service worker here (vite dev, an insecure origin, or an old browser). */
  | 'unsupported'
  /** Registering, or installing the first time (downloading the app and models). */
  | 'caching'
  /** Every precached file is in the cache: the app works with no network. */
  | 'ready'
  /** The service worker is active but some files are missing from its cache. */
  | 'incomplete'
  | 'error';

export interface StorageInfo {
  /** Bytes this origin uses (Cache Storage, IndexedDB, …). */
  readonly usage: number;
  /** Bytes the browser lets it use. */
  readonly quota: number;
}

export interface PwaState {
  readonly offline: OfflineState;
  /** The service worker's last report on its cache. */
  readonly status?: OfflineStatus;
  /** Why the state is 'unsupported', 'incomplete' or 'error'. */
  readonly reason?: string;
  /** null where the StorageManager API is missing. */
  readonly storage?: StorageInfo | null;
  /** Whether the browser promised not to evict this origin's data; null when unknown. */
  readonly persisted?: boolean | null;
  /** A new version is installed and waiting for a reload. */
  readonly updateAvailable: boolean;
  /** The user dismissed the update prompt (it comes back with the next version). */
  readonly updateDismissed: boolean;
  readonly online: boolean;
  /** Activates the waiting version and reloads the page. */
  applyUpdate(): Promise<void>;
  /** Re-reads the storage estimate (when Settings opens). */
  refreshStorage(): Promise<void>;
}

export const usePwaStore = create<PwaState>()(() => ({
  offline: 'caching',
  updateAvailable: false,
  updateDismissed: false,
  online: typeof navigator === 'undefined' ? true : navigator.onLine !== false,
  applyUpdate: async () => undefined,
  refreshStorage: async () => undefined,
}));

/** 'ready' only when the service worker holds every file of its manifest. */
export function offlineStateFor(status: OfflineStatus): { offline: OfflineState; reason?: string } {
  if (status.total > 0 && status.cached === status.total) return { offline: 'ready' };
  const missing = status.total - status.cached;
  const names = status.missing.map((url) => url.replace(/^[a-z]+:\/\/[^/]+\//, '')).join(', ');
  return {
    offline: 'incomplete',
    reason: status.total === 0 ? 'the service worker caches nothing' : `${missing} of ${status.total} files not cached${names ? ` (${names})` : ''}`,
  };
}

export function applyOfflineStatus(status: OfflineStatus): void {
  const { offline, reason } = offlineStateFor(status);
  usePwaStore.setState({ status, offline, reason });
}

export function setOfflineState(offline: OfflineState, reason?: string): void {
  // A known-good cache is not downgraded to 'caching' by a later (re)registration.
  if (offline === 'caching' && usePwaStore.getState().offline === 'ready') return;
  usePwaStore.setState({ offline, reason });
}

export function updateFound(): void {
  usePwaStore.setState({ updateAvailable: true, updateDismissed: false });
}

export function dismissUpdate(): void {
  usePwaStore.setState({ updateDismissed: true });
}
