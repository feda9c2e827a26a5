/**
 * Checks, inside the service worker, that every precached file is really in the
 * cache, and re-fetches the ones that are not (storage can be cleared behind the
 * app's back). Framework-free: the cache and the fetch are passed in.
 */
import type { OfflineStatus } from './protocol';

export interface PrecacheItem {
  /** The file's URL, as the app requests it. */
  readonly url: string;
  /** The key Workbox stores it under (the URL plus its revision). */
  readonly cacheKey: string;
  /** The precache revision (null for content-hashed file names). */
  readonly revision: string | null;
}

export interface CacheLike {
  match(key: string): Promise<Response | undefined>;
  put(key: string, response: Response): Promise<void>;
}

export type Refetch = (url: string) => Promise<Response>;

const MAX_MISSING_LISTED = 5;

/** "https://x/models/chromagan/v1/weights.bin" → "models/chromagan/v1/" */
function modelFolder(url: string): string | null {
  const match = /\/(models\/[^/]+\/[^/]+\/)[^/]+$/.exec(new URL(url, 'http://localhost/').pathname);
  return match ? match[1]! : null;
}

export async function checkPrecache(items: readonly PrecacheItem[], cache: CacheLike, refetch?: Refetch): Promise<OfflineStatus> {
  const missing: string[] = [];
  const models: Record<string, string> = {};
  for (const item of items) {
    const folder = modelFolder(item.url);
    if (folder && item.revision) models[folder] = item.revision;
    if (await cache.match(item.cacheKey)) continue;
    if (refetch && (await repair(item, cache, refetch))) continue;
    missing.push(item.url);
  }
  return {
    total: items.length,
    cached: items.length - missing.length,
    missing: missing.slice(0, MAX_MISSING_LISTED),
    models,
  };
}

async function repair(item: PrecacheItem, cache: CacheLike, refetch: Refetch): Promise<boolean> {
  try {
    const response = await refetch(item.url);
    if (!response.ok || response.redirected) return false;
    await cache.put(item.cacheKey, response);
    return true;
  } catch {
    return false; // offline, or the server no longer has it: reported as missing
  }
}
