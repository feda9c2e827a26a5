/**
 * Hostile input in the real app (production build, Chromium, wasm backend): the
 * corpus of scripts/hostile-corpus.ts dropped on the page, the 50-file batch, the
 * 12000×8000 photo (peak memory measured), 200 colorizations without a tensor leak,
 * no network traffic while colorizing, and the WebGPU device-loss fallback path.
 * Expected behaviour per case: docs/hostile-input.md.
 *
 * `?testhooks` exposes window.__colorizerTest (src/state/test-hooks.ts): the worker's
 * tf.memory(), a colorize call that adds no queue item, and a simulated device loss.
 */
import { readFileSync } from 'node:fs';
import type { CDPSession, Page } from '@playwright/test';
import {
  buildBatch,
  buildHostileCorpus,
  HUGE_NAME,
  HUGE_SIZE,
  QUADRANT_ORDER,
  quadrantColours,
  type HostileCase,
  type OkExpectation,
} from '../scripts/hostile-corpus';
import { colourPng, expect, expectStatus, openApp, queueItem, test } from './fixtures';

/** Drops files on the page the way a browser does (a DataTransfer on a drop event). */
async function dropFiles(page: Page, files: readonly HostileCase[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, b64: Buffer.from(f.bytes).toString('base64') }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([Uint8Array.from(atob(f.b64), (c) => c.charCodeAt(0))], f.name, { type: f.type }));
    const zone = document.querySelector('[data-testid="drop-zone"]')!;
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
  }, payload);
}

/** Waits until every named item has finished (done or error). */
async function waitFinished(page: Page, count: number, timeout: number): Promise<void> {
  await expect
    .poll(() => page.locator('[data-testid="queue-item"] [data-testid="item-status"]:is([data-status="done"], [data-status="error"])').count(), { timeout, intervals: [500] })
    .toBe(count);
}

interface CanvasPixels {
  readonly width: number;
  readonly height: number;
  readonly data: number[];
}

/** What the page shows for one queue item, read in one go. */
interface ItemSnapshot {
  readonly status: string | null;
  readonly errorCode: string | null;
  readonly errorText: string | null;
  readonly outputSize: [number, number] | null;
  readonly hasPsnr: boolean;
  readonly noColourReference: boolean;
  readonly hasResult: boolean;
  readonly original?: CanvasPixels;
  readonly gray?: CanvasPixels;
}

/** Every queue item's state (and the pixels of the items named in `withPixels`), in one evaluate. */
async function snapshotItems(page: Page, withPixels: readonly string[]): Promise<Map<string, ItemSnapshot>> {
  const entries = await page.evaluate((pixelNames) => {
    const pixels = (canvas: HTMLCanvasElement | null) => {
      if (!canvas) return undefined;
      const data = canvas.getContext('2d')!.getImageData(0, 0, canvas.width, canvas.height).data;
      return { width: canvas.width, height: canvas.height, data: Array.from(data) };
    };
    return Array.from(document.querySelectorAll<HTMLElement>('[data-testid="queue-item"]')).map((item) => {
      const q = (id: string) => item.querySelector<HTMLElement>(`[data-testid="${id}"]`);
      const download = q('download-png');
      const name = item.dataset.name!;
      const withPx = pixelNames.includes(name);
      return [
        name,
        {
          status: q('item-status')?.dataset.status ?? null,
          errorCode: q('item-error')?.dataset.code ?? null,
          errorText: q('item-error')?.textContent ?? null,
          outputSize: download ? [Number(download.dataset.width), Number(download.dataset.height)] : null,
          hasPsnr: Boolean(q('metric-psnr')),
          noColourReference: Boolean(q('no-colour-reference')),
          hasResult: Boolean(q('result-colorized')),
          ...(withPx ? { original: pixels(q('result-original') as HTMLCanvasElement | null), gray: pixels(q('result-gray') as HTMLCanvasElement | null) } : {}),
        },
      ] as const;
    });
  }, withPixels);
  return new Map(entries as [string, ItemSnapshot][]);
}

const needsPixels = (c: HostileCase) => c.expect.browser.ok && Boolean(c.expect.browser.quadrants || c.expect.browser.whiteAt || c.expect.browser.centre);

/** Checks one finished item against its browser expectation; returns a one-line summary. */
function checkItem(c: HostileCase, got: ItemSnapshot | undefined): string {
  const e = c.expect.browser;
  if (!got) throw new Error(`${c.name}: no queue item`);
  if (!e.ok) {
    expect(got.status, `${c.name} should fail`).toBe('error');
    expect(got.errorCode, c.name).toBe(e.code);
    expect(got.errorText, c.name).toContain(c.name);
    expect(got.errorText, c.name).toMatch(new RegExp(e.reason));
    expect(got.hasResult, c.name).toBe(false);
    return `${c.name}: ${e.code}: ${got.errorText}`;
  }
  expect(got.status, `${c.name}: ${got.errorText ?? ''}`).toBe('done');
  expect(got.outputSize, `${c.name} output size`).toEqual([e.width, e.height]);
  expect(got.hasPsnr, `${c.name} PSNR shown`).toBe(e.colourReference);
  expect(got.noColourReference, `${c.name} "no colour reference"`).toBe(!e.colourReference);
  if (needsPixels(c)) checkPixels(c, e, got.original!, got.gray!);
  return `${c.name}: ${got.outputSize!.join('×')}${e.colourReference ? '' : ', no colour reference'}`;
}

function checkPixels(c: HostileCase, e: OkExpectation, original: CanvasPixels, gray: CanvasPixels): void {
  expect([original.width, original.height]).toEqual([e.width, e.height]);
  const at = (x: number, y: number) => original.data.slice((y * original.width + x) * 4, (y * original.width + x) * 4 + 4);
  if (e.quadrants) {
    expect(quadrantColours(original), `${c.name} orientation`).toEqual([...QUADRANT_ORDER]);
    // The gray input keeps the orientation too: yellow > green > red > blue in lightness.
    const g = [[0.25, 0.25], [0.75, 0.25], [0.25, 0.75], [0.75, 0.75]].map(([fx, fy]) => gray.data[(Math.floor(fy! * gray.height) * gray.width + Math.floor(fx! * gray.width)) * 4]!);
    expect(g[3]! > g[1]! && g[1]! > g[0]! && g[0]! > g[2]!, `${c.name} gray quadrants ${g}`).toBe(true);
  }
  if (e.whiteAt) expect(at(...e.whiteAt), `${c.name} transparent → white`).toEqual([255, 255, 255, 255]);
  if (e.centre) {
    const px = at(original.width >> 1, original.height >> 1);
    for (let k = 0; k < 3; k++) expect(Math.abs(px[k]! - e.centre.rgb[k]!), `${c.name} centre ${px} vs ${e.centre.rgb}`).toBeLessThanOrEqual(e.centre.tolerance);
  }
}

test.describe('hostile input', () => {
  test('every case of the corpus: the right size and orientation, or a message naming the file and the reason', async ({ page }) => {
    test.setTimeout(240_000);
    const cases = await buildHostileCorpus();
    await openApp(page);
    await dropFiles(page, cases);
    await expect(page.getByTestId('queue-item')).toHaveCount(cases.length);
    await waitFinished(page, cases.length, 200_000);
    const shown = await snapshotItems(page, cases.filter(needsPixels).map((c) => c.name));
    const lines = cases.map((c) => checkItem(c, shown.get(c.name)));
    console.log(`hostile corpus in Chromium:\n  ${lines.join('\n  ')}`);
  });

  test('50 files at once, 5 of them bad: 45 results, 5 named errors; then another drop still works', async ({ page }) => {
    test.setTimeout(180_000);
    const batch = await buildBatch();
    await openApp(page);
    await dropFiles(page, batch);
    await expect(page.getByTestId('queue-item')).toHaveCount(50);
    await waitFinished(page, 50, 150_000);
    const shown = await snapshotItems(page, []);
    for (const c of batch) checkItem(c, shown.get(c.name));
    await expect(page.locator('[data-testid="item-status"][data-status="done"]')).toHaveCount(45);
    await expect(page.locator('[data-testid="item-status"][data-status="error"]')).toHaveCount(5);

    // The app is still usable: the picker takes another photo and colorizes it.
    await page.getByTestId('file-input').setInputFiles({ name: 'after-the-batch.png', mimeType: 'image/png', buffer: await colourPng(40, 30) });
    await expectStatus(queueItem(page, 'after-the-batch.png'), 'done');
  });

  test('a 12000×8000 photo completes without crashing the tab (peak memory recorded)', async ({ page, browser }) => {
    test.setTimeout(300_000);
    const huge = (await buildHostileCorpus({ huge: true })).find((c) => c.name === HUGE_NAME)!;
    let crashed = false;
    page.on('crash', () => (crashed = true));
    await openApp(page, '?testhooks');
    const cdp = await browser.newBrowserCDPSession();
    const before = await rendererMemory(cdp);

    await page.getByTestId('file-input').setInputFiles({ name: HUGE_NAME, mimeType: 'image/jpeg', buffer: Buffer.from(huge.bytes) });
    const item = queueItem(page, HUGE_NAME);
    await expectStatus(item, 'done', 280_000);
    const after = await rendererMemory(cdp);
    const tfMemory = await page.evaluate(() => window.__colorizerTest!.memory());

    expect(crashed).toBe(false);
    const download = item.getByTestId('download-png');
    await expect(download).toHaveAttribute('data-width', String(HUGE_SIZE.width));
    await expect(download).toHaveAttribute('data-height', String(HUGE_SIZE.height));
    await expect(item.getByTestId('metrics-skipped')).toContainText('not computed for photos over 50 MP');
    // The panels are previews (≤ 4096 px a side), not 5 full-size canvases.
    const shown = await item.getByTestId('result-colorized').evaluate((el) => [(el as HTMLCanvasElement).width, (el as HTMLCanvasElement).height]);
    expect(shown).toEqual([4096, 2731]);
    const timing = await item.getByTestId('metric-time').getAttribute('title');
    console.log(
      `12000×8000 in Chromium: ${await item.getByTestId('metric-time').textContent()} (${timing}); ` +
        `renderer peak RSS (VmHWM) ${after.peakMb} MB (was ${before.peakMb} MB before the photo, ${after.renderers} renderer process(es)); ` +
        `worker tf.memory() after: ${tfMemory!.numTensors} tensors, ${(tfMemory!.numBytes / 1048576).toFixed(1)} MB`,
    );
    // The full-resolution PNG really is 12000×8000.
    const [file] = await Promise.all([page.waitForEvent('download'), download.click()]);
    const png = readFileSync((await file.path())!);
    expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([HUGE_SIZE.width, HUGE_SIZE.height]);
  });

  test('200 colorizations in one page leave the worker\'s tf.memory() at its baseline', async ({ page }) => {
    test.setTimeout(240_000);
    await openApp(page, '?testhooks');
    const png = (await colourPng(20, 14)).toString('base64');
    const result = await page.evaluate(async (b64) => {
      const bytes = Uint8Array.from(atob(b64), (c) => c.charCodeAt(0));
      const hooks = window.__colorizerTest!;
      const first = await hooks.colorize(bytes, 'warm-up.png');
      const baseline = (await hooks.memory())!;
      const drift: string[] = [];
      const t0 = performance.now();
      for (let i = 0; i < 200; i++) {
        const r = await hooks.colorize(bytes, `run-${i}.png`);
        if ('error' in r) return { error: r.error.message };
        if ((i + 1) % 50 === 0) {
          const m = (await hooks.memory())!;
          if (m.numTensors !== baseline.numTensors || m.numBytes !== baseline.numBytes) drift.push(`run ${i + 1}: ${m.numTensors} tensors, ${m.numBytes} B`);
        }
      }
      return { first, baseline, after: (await hooks.memory())!, drift, msPerRun: (performance.now() - t0) / 200 };
    }, png);
    if ('error' in result) throw new Error(result.error);
    console.log(`200 runs: ${result.msPerRun.toFixed(0)} ms each; baseline ${JSON.stringify(result.baseline)}, after ${JSON.stringify(result.after)}`);
    expect(result.first).toMatchObject({ width: 20, height: 14 });
    expect(result.drift).toEqual([]);
    expect(result.after.numTensors).toBe(result.baseline.numTensors);
    expect(result.after.numBytes).toBe(result.baseline.numBytes);
    expect(result.after.numDataBuffers).toBe(result.baseline.numDataBuffers);
  });

  test('no network request at all while colorizing (page, worker or service worker)', async ({ page, context }) => {
    await openApp(page);
    await settleNetwork(page, context);
    const during: string[] = [];
    context.on('request', (request) => during.push(`${request.method()} ${request.url()}`));
    const corpus = await buildHostileCorpus();
    const pick = (n: string) => corpus.find((c) => c.name === n)!;
    await page.getByTestId('file-input').setInputFiles(
      ['colour-photo.jpg', 'notes.jpg', 'orientation-6.jpg', 'alpha.png'].map((n) => ({ name: n, mimeType: pick(n).mimeType, buffer: Buffer.from(pick(n).bytes) })),
    );
    for (const n of ['colour-photo.jpg', 'orientation-6.jpg', 'alpha.png']) await expectStatus(queueItem(page, n), 'done');
    await expectStatus(queueItem(page, 'notes.jpg'), 'error');
    await page.waitForTimeout(500); // anything sent right after the last result
    expect(during, 'requests made while colorizing').toEqual([]);
  });

  test('a lost WebGPU device falls back to another backend with a message; colorizing continues', async ({ page }) => {
    await openApp(page, '?testhooks');
    // The worker runs the same path as for a real `device.lost` (decideOnDeviceLoss → re-initialise without webgpu).
    await page.evaluate(() => window.__colorizerTest!.simulateDeviceLoss());
    const notice = page.getByTestId('runtime-notice');
    await expect(notice).toContainText('WebGPU device lost (simulated by a test); switched to WASM');
    const backend = page.getByTestId('backend-name');
    await expect(backend).toHaveAttribute('data-status', 'ready');
    await expect(backend).toHaveAttribute('data-backend', 'wasm');
    await expect(backend).toContainText('WebGPU device lost');
    await page.getByTestId('file-input').setInputFiles({ name: 'after-loss.png', mimeType: 'image/png', buffer: await colourPng(32, 24) });
    await expectStatus(queueItem(page, 'after-loss.png'), 'done');
    await expect(queueItem(page, 'after-loss.png').getByTestId('item-backend')).toHaveText('wasm');
  });
});

/**
 * Peak resident memory (VmHWM) of Chromium's renderer processes, from /proc: the page
 * and its worker live in one renderer. Linux only; zeros elsewhere.
 */
async function rendererMemory(cdp: CDPSession): Promise<{ peakMb: number; renderers: number }> {
  const { processInfo } = (await cdp.send('SystemInfo.getProcessInfo')) as { processInfo: { type: string; id: number }[] };
  const renderers = processInfo.filter((p) => p.type === 'renderer');
  let peakKb = 0;
  for (const { id } of renderers) {
    try {
      const status = readFileSync(`/proc/${id}/status`, 'utf8');
      peakKb = Math.max(peakKb, Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0));
    } catch {
      // not Linux, or the process is gone
    }
  }
  return { peakMb: Math.round(peakKb / 1024), renderers: renderers.length };
}

/**
 * Waits until the app has stopped loading things: the service worker (if any) is
 * active and no request has started for a second.
 */
async function settleNetwork(page: Page, context: import('@playwright/test').BrowserContext): Promise<void> {
  let last = Date.now();
  const onRequest = () => (last = Date.now());
  context.on('request', onRequest);
  await page.evaluate(async () => {
    if (!('serviceWorker' in navigator) || !(await navigator.serviceWorker.getRegistration())) return;
    await Promise.race([navigator.serviceWorker.ready, new Promise((r) => setTimeout(r, 15_000))]);
  });
  const deadline = Date.now() + 30_000;
  while (Date.now() - last < 1_000 && Date.now() < deadline) await page.waitForTimeout(200);
  context.off('request', onRequest);
}
