/**
 * Shared e2e fixtures. Every test records all network requests of its browser
 * context (page and workers) and fails if any goes to another origin: the app must
 * work without uploading anything or fetching from CDNs. (A request the CSP blocked
 * inside the browser does not count; Chromium still reports it, as failed.)
 */
import { test as base, expect, type Locator, type Page } from '@playwright/test';
import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
export const BSD100_DIR = resolve(REPO_ROOT, '../shared/datasets/bsd100');
/** The production build that `vite preview` serves (playwright.config.ts). */
export const DIST_DIR = resolve(REPO_ROOT, process.env.PW_DIST_DIR || 'dist');

export const test = base.extend<{ requests: string[] }>({
  requests: [
    async ({ context, baseURL }, use) => {
      const urls: string[] = [];
      // Requests the Content-Security-Policy stopped in the browser never left it
      // (Chromium reports them as failed with "csp").
      const blocked = new Set<string>();
      context.on('request', (request) => urls.push(request.url()));
      context.on('requestfailed', (request) => {
        if (/^csp$|BLOCKED_BY_CSP/i.test(request.failure()?.errorText ?? '')) blocked.add(request.url());
      });
      await use(urls);
      const origin = new URL(baseURL!).origin;
      const foreign = urls.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin && !blocked.has(url));
      expect(foreign, `requests to other origins: ${foreign.join(', ')}`).toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The first landscape BSD100 photo (by name), or null with the reason when the data
 * set is absent.
 */
export async function bsd100Photo(): Promise<{ path: string; name: string } | { path: null; reason: string }> {
  if (!existsSync(BSD100_DIR)) return { path: null, reason: `BSD100 not found at ${BSD100_DIR}` };
  const names = readdirSync(BSD100_DIR).filter((f) => /\.(jpe?g|png)$/i.test(f)).sort();
  if (names.length === 0) return { path: null, reason: `no .jpg/.png in ${BSD100_DIR}` };
  for (const name of names) {
    const { width = 0, height = 0 } = await sharp(join(BSD100_DIR, name)).metadata();
    if (width > height) return { path: join(BSD100_DIR, name), name };
  }
  return { path: join(BSD100_DIR, names[0]!), name: names[0]! };
}

/** A small colourful PNG (smooth gradients), as a buffer. */
export async function colourPng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      data[i] = Math.round((255 * x) / Math.max(1, width - 1));
      data[i + 1] = Math.round((255 * y) / Math.max(1, height - 1));
      data[i + 2] = 128 + Math.round(100 * Math.sin((x + y) / 9));
    }
  }
  return sharp(data, { raw: { width, height, channels: 3 } }).png().toBuffer();
}

/** A grayscale PNG (R = G = B everywhere). */
export async function grayPng(width: number, height: number): Promise<Buffer> {
  const data = Buffer.alloc(width * height);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) data[y * width + x] = (x * 7 + y * 3) % 256;
  }
  return sharp(data, { raw: { width, height, channels: 1 } }).png().toBuffer();
}

/** Opens the app and waits until the worker reports a backend. */
export async function openApp(page: Page, query = ''): Promise<void> {
  await page.goto(`/${query}`);
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-status', 'ready');
}

export function queueItem(page: Page, name: string): Locator {
  return page.locator(`[data-testid="queue-item"][data-name="${name}"]`);
}

export async function expectStatus(item: Locator, status: string, timeout?: number): Promise<void> {
  await expect(item.getByTestId('item-status')).toHaveAttribute('data-status', status, timeout ? { timeout } : {});
}

/** width × height of a canvas element's bitmap. */
export async function canvasSize(canvas: Locator): Promise<{ width: number; height: number }> {
  return canvas.evaluate((el) => ({ width: (el as HTMLCanvasElement).width, height: (el as HTMLCanvasElement).height }));
}
