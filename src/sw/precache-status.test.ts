import { describe, expect, it } from 'vitest';
import { checkPrecache, type CacheLike, type PrecacheItem } from './precache-status';

const items: PrecacheItem[] = [
  { url: 'http://localhost/index.html', cacheKey: 'http://localhost/index.html?__WB_REVISION__=1', revision: '1' },
  { url: 'http://localhost/assets/tfjs-backend-wasm-simd-abc.wasm', cacheKey: 'http://localhost/assets/tfjs-backend-wasm-simd-abc.wasm', revision: null },
  { url: 'http://localhost/models/chromagan/v1/weights.bin', cacheKey: 'http://localhost/models/chromagan/v1/weights.bin?__WB_REVISION__=v2.ab', revision: 'v2.ab' },
  { url: 'http://localhost/models/encoder/mobilenet_v2/weights.bin', cacheKey: 'http://localhost/models/encoder/mobilenet_v2/weights.bin?__WB_REVISION__=cd', revision: 'cd' },
];

function fakeCache(keys: string[]): CacheLike & { keys: Set<string> } {
  const store = new Set(keys);
  return {
    keys: store,
    async match(key) {
      return store.has(key) ? new Response('x') : undefined;
    },
    async put(key) {
      store.add(key);
    },
  };
}

describe('checkPrecache', () => {
  it('reports everything cached, with the model revisions', async () => {
    const status = await checkPrecache(items, fakeCache(items.map((i) => i.cacheKey)));
    expect(status).toEqual({
      total: 4,
      cached: 4,
      missing: [],
      models: { 'models/chromagan/v1/': 'v2.ab', 'models/encoder/mobilenet_v2/': 'cd' },
    });
  });

  it('lists missing files when it cannot repair them', async () => {
    const cache = fakeCache([items[0]!.cacheKey, items[1]!.cacheKey]);
    const status = await checkPrecache(items, cache, async () => {
      throw new TypeError('Failed to fetch');
    });
    expect(status).toMatchObject({ total: 4, cached: 2, missing: [items[2]!.url, items[3]!.url] });
  });

  it('re-fetches missing files into their revisioned cache key', async () => {
    const cache = fakeCache([items[0]!.cacheKey]);
    const fetched: string[] = [];
    const status = await checkPrecache(items, cache, async (url) => {
      fetched.push(url);
      return url.endsWith('encoder/mobilenet_v2/weights.bin') ? new Response('gone', { status: 404 }) : new Response('ok');
    });
    expect(fetched).toEqual([items[1]!.url, items[2]!.url, items[3]!.url]);
    expect(status).toMatchObject({ cached: 3, missing: [items[3]!.url] });
    expect(cache.keys.has(items[2]!.cacheKey)).toBe(true);
    expect(cache.keys.has(items[3]!.cacheKey)).toBe(false);
  });
});
