/**
 * Messages between the page and the service worker (src/sw/sw.ts). Types and
 * constants only, so the page imports nothing from the service worker.
 *
 * - `{ type: 'SKIP_WAITING' }` (sent by workbox-window when the user clicks
 *   Reload in the update prompt) activates a waiting service worker.
 * - `{ type: 'OFFLINE_STATUS' }` asks the active service worker whether every
 *   precached file (app shell, wasm, models) is in its cache; the reply is an
 *   `OfflineStatus` on the message's port. Missing files are fetched again first
 *   when the network allows.
 */
export const OFFLINE_STATUS = 'OFFLINE_STATUS';

export interface OfflineStatusRequest {
  readonly type: typeof OFFLINE_STATUS;
}

export interface OfflineStatus {
  /** Files in the precache manifest. */
  readonly total: number;
  /** Of those, how many are in the cache now. */
  readonly cached: number;
  /** URLs still missing (at most a few, for messages). */
  readonly missing: readonly string[];
  /** Revisions of the model files, by model folder (e.g. "models/chromagan/v1/"). */
  readonly models: Readonly<Record<string, string>>;
}

export function isOfflineStatus(value: unknown): value is OfflineStatus {
  if (typeof value !== 'object' || value === null) return false;
  const v = value as Partial<OfflineStatus>;
  return typeof v.total === 'number' && typeof v.cached === 'number' && Array.isArray(v.missing) && typeof v.models === 'object' && v.models !== null;
}
