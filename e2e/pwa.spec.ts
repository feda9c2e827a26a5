/**
 * Offline, installable PWA, against the production build served by `vite preview`:
 * the first visit caches everything, the app then works with no network, the web
 * app manifest is valid and installable, and a new service worker shows the
 * "Update available" prompt.
 */
import { readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import sharp from 'sharp';
import { DIST_DIR, colourPng, expect, expectStatus, openApp, queueItem, test } from './fixtures';

const SW_PATH = join(DIST_DIR, 'sw.js');

async function expectAvailableOffline(page: Page): Promise<void> {
  await expect(page.getByTestId('offline-badge')).toHaveAttribute('data-state', 'ready');
  await page.waitForFunction(() => navigator.serviceWorker.controller !== null);
}

/** Paths (with the precache revision, if any) of everything in Workbox's precache. */
function precachedPaths(page: Page): Promise<{ path: string; revision: string | null }[]> {
  return page.evaluate(async () => {
    const name = (await caches.keys()).find((n) => n.includes('precache'));
    if (!name) return [];
    const keys = await (await caches.open(name)).keys();
    return keys.map((request) => {
      const url = new URL(request.url);
      return { path: url.pathname, revision: url.searchParams.get('__WB_REVISION__') };
    });
  });
}

test('the first visit caches the app shell, worker, wasm binaries and both models, then says "Available offline"', async ({ page }) => {
  await page.addInitScript(() => {
    const persist = StorageManager.prototype.persist;
    StorageManager.prototype.persist = function (this: StorageManager) {
      (window as unknown as { persistCalls: number }).persistCalls = ((window as unknown as { persistCalls?: number }).persistCalls ?? 0) + 1;
      return persist.call(this);
    };
  });
  await openApp(page);
  await expectAvailableOffline(page);
  await expect(page.getByTestId('offline-badge')).toHaveText('Available offline');

  const cached = await precachedPaths(page);
  const paths = new Set(cached.map((c) => c.path));
  for (const path of [
    '/index.html',
    '/manifest.webmanifest',
    '/models/encoder/mobilenet_v2/model.json',
    '/models/encoder/mobilenet_v2/weights.bin',
    '/models/chromagan/v1/model.json',
    '/models/chromagan/v1/weights.bin',
    '/models/chromagan/v1/manifest.json',
    '/icons/icon-192.png',
  ]) {
    expect(paths.has(path), `${path} is precached`).toBe(true);
  }
  expect([...paths].filter((p) => /\/assets\/tfjs-backend-wasm.*\.wasm$/.test(p))).toHaveLength(3);
  expect([...paths].some((p) => /\/assets\/colorize\.worker-.*\.js$/.test(p))).toBe(true);

  // Every file the service worker lists is in the cache, not just the ones above.
  const swSource = await (await page.request.get('/sw.js')).text();
  const listed = [...swSource.matchAll(/"url":"([^"]+)"/g)].map((m) => `/${m[1]}`);
  expect(listed.length).toBeGreaterThan(10);
  expect(listed.filter((p) => !paths.has(p))).toEqual([]);

  // The model's precache revision starts with its manifest version, so a new model replaces the old one.
  const { version } = (await (await page.request.get('/models/chromagan/v1/manifest.json')).json()) as { version: string };
  const weights = cached.find((c) => c.path === '/models/chromagan/v1/weights.bin')!;
  expect(weights.revision).toMatch(new RegExp(`^${version.replace(/[^\w]/g, '.')}\\.[0-9a-f]{16}$`));
  expect(cached.find((c) => c.path === '/models/chromagan/v1/model.json')!.revision).toBe(weights.revision);

  // Persistent storage was asked for (or already granted); Settings shows the estimate.
  await page.getByTestId('settings-button').click();
  await expect(page.getByTestId('settings-popover')).toBeVisible();
  await expect(page.getByTestId('offline-state')).toHaveAttribute('data-state', 'ready');
  await expect(page.getByTestId('storage-estimate')).toHaveText(/^\d+(\.\d)? (KB|MB|GB) of \d+(\.\d)? (MB|GB)$/);
  const persisted = await page.getByTestId('storage-persisted').getAttribute('data-persisted');
  expect(['true', 'false']).toContain(persisted);
  const persistCalls = await page.evaluate(() => (window as unknown as { persistCalls?: number }).persistCalls ?? 0);
  expect(persisted === 'true' || persistCalls > 0).toBe(true);
  const usage = await page.evaluate(async () => (await navigator.storage.estimate()).usage ?? 0);
  expect(usage).toBeGreaterThan(7 * 1024 * 1024); // both models' weights at least
});

test('after one visit it works with no network: reload, colorize a photo, download the result', async ({ page, context }) => {
  await openApp(page);
  await expectAvailableOffline(page);

  await context.setOffline(true);
  try {
    const fromNetwork: string[] = [];
    context.on('response', (response) => {
      if (!response.fromServiceWorker() && !/^(data|blob):/.test(response.url())) fromNetwork.push(response.url());
    });
    const offlineRequests: string[] = [];
    context.on('request', (request) => offlineRequests.push(request.url()));

    await page.reload();
    await expect(page.getByTestId('backend-name')).toHaveAttribute('data-status', 'ready');
    await expect(page.getByTestId('offline-badge')).toHaveAttribute('data-state', 'ready');

    await page.getByTestId('file-input').setInputFiles({ name: 'train.png', mimeType: 'image/png', buffer: await colourPng(160, 120) });
    const item = queueItem(page, 'train.png');
    await expectStatus(item, 'done');
    const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('download-png').click()]);
    expect(download.suggestedFilename()).toBe('train-colorized.png');
    const png = await readFile(await download.path());
    expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 160, height: 120 });

    // The shell, the worker, the wasm and both models were served by the service worker.
    for (const pattern of [/\/$/, /colorize\.worker-.*\.js$/, /\.wasm$/, /chromagan\/v1\/weights\.bin$/, /mobilenet_v2\/weights\.bin$/]) {
      expect(offlineRequests.some((url) => pattern.test(url)), `${pattern} was requested`).toBe(true);
    }
    expect(fromNetwork).toEqual([]);
  } finally {
    await context.setOffline(false);
  }
});

test('the web app manifest is valid, its icons load, and the app is installable', async ({ page, context, request }) => {
  await openApp(page);
  await expectAvailableOffline(page);

  const cdp = await context.newCDPSession(page);
  const { url, errors, data } = (await cdp.send('Page.getAppManifest')) as { url: string; errors: unknown[]; data?: string };
  expect(new URL(url).pathname).toBe('/manifest.webmanifest');
  expect(errors).toEqual([]);
  const manifest = JSON.parse(data!) as {
    name: string; short_name: string; display: string; start_url: string; scope: string; theme_color: string; background_color: string;
    icons: { src: string; sizes: string; type: string; purpose?: string }[];
  };
  expect(manifest).toMatchObject({ short_name: 'Colorize', display: 'standalone', start_url: '/', scope: '/', theme_color: '#111113' });
  expect(manifest.name).toMatch(/^Colorize/);
  expect(await page.locator('meta[name="theme-color"]').getAttribute('content')).toBe(manifest.theme_color);

  const icons = manifest.icons.map((icon) => ({ ...icon, purpose: icon.purpose ?? 'any' }));
  expect(icons.map((i) => `${i.sizes} ${i.purpose}`).sort()).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
  const appleTouch = await page.locator('link[rel="apple-touch-icon"]').getAttribute('href');
  for (const icon of [...icons, { src: appleTouch!, sizes: '180x180', type: 'image/png' }]) {
    const response = await request.get(new URL(icon.src, url).href);
    expect(response.status(), icon.src).toBe(200);
    expect(response.headers()['content-type']).toBe('image/png');
    const meta = await sharp(await response.body()).metadata();
    expect(`${meta.width}x${meta.height}`, icon.src).toBe(icon.sizes);
    expect(meta.format).toBe('png');
  }

  // Chromium's own install check (manifest, icons, service worker with a fetch handler).
  // Playwright's contexts are incognito-like, which alone blocks the install prompt.
  const { installabilityErrors } = (await cdp.send('Page.getInstallabilityErrors')) as { installabilityErrors: { errorId: string }[] };
  expect(installabilityErrors.map((e) => e.errorId).filter((id) => id !== 'in-incognito')).toEqual([]);
});

test('a new service worker version shows "Update available", and Reload switches to it', async ({ page }) => {
  await openApp(page);
  await expectAvailableOffline(page);
  const firstScriptUrl = await page.evaluate(() => navigator.serviceWorker.controller!.scriptURL);
  await expect(page.getByTestId('update-toast')).toHaveCount(0);

  // "Deploy" a new version: a byte-different sw.js (written atomically), then restore it.
  const original = await readFile(SW_PATH, 'utf8');
  const marker = `e2e-update-${Date.now()}`;
  try {
    await writeFile(`${SW_PATH}.tmp`, `${original}\n// ${marker}\n`);
    await rename(`${SW_PATH}.tmp`, SW_PATH);
    // What the app does on its own hourly and when the tab becomes visible again.
    await page.evaluate(async () => (await navigator.serviceWorker.getRegistration())!.update());

    const toast = page.getByTestId('update-toast');
    await expect(toast).toBeVisible();
    await expect(toast).toContainText('Update available');
    // The old version keeps running until the user chooses to reload.
    expect(await page.evaluate(async () => Boolean((await navigator.serviceWorker.getRegistration())!.waiting))).toBe(true);

    await Promise.all([page.waitForEvent('load'), page.getByTestId('update-reload').click()]);
    await expect(page.getByTestId('backend-name')).toHaveAttribute('data-status', 'ready');
    await expectAvailableOffline(page);
    await expect(page.getByTestId('update-toast')).toHaveCount(0);
    const after = await page.evaluate(async () => {
      const registration = (await navigator.serviceWorker.getRegistration())!;
      return { waiting: Boolean(registration.waiting), active: registration.active?.state, scriptURL: navigator.serviceWorker.controller?.scriptURL };
    });
    // The waiting worker took over (nothing waits any more) and controls the reloaded page.
    expect(after).toEqual({ waiting: false, active: 'activated', scriptURL: firstScriptUrl });
  } finally {
    await writeFile(`${SW_PATH}.tmp`, original);
    await rename(`${SW_PATH}.tmp`, SW_PATH);
  }
});
