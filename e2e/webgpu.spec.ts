/**
 * Runs in the 'webgpu' Playwright project (Chromium with --enable-unsafe-webgpu).
 * Without a GPU that is SwiftShader's software adapter: ~100× slower than wasm, so
 * the image is tiny and the timeout generous. `auto` would not pick it (fallback
 * adapter); `?backend=webgpu` forces it.
 */
import { colourPng, expect, expectStatus, openApp, queueItem, test } from './fixtures';

test.setTimeout(420_000);

test('?backend=webgpu really runs the model on WebGPU in the worker', async ({ page }) => {
  await page.goto('/?backend=webgpu'); // WebGPU needs a secure context (not about:blank)
  const hasWebGpu = await page.evaluate(async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    return Boolean(gpu && (await gpu.requestAdapter()));
  });
  test.skip(!hasWebGpu, 'this Chromium exposes no WebGPU adapter even with --enable-unsafe-webgpu');

  const backend = page.getByTestId('backend-name');
  await expect(backend).toHaveAttribute('data-status', 'ready', { timeout: 300_000 });
  await expect(backend).toHaveAttribute('data-backend', 'webgpu');
  await expect(backend).toContainText('WebGPU');

  await page.getByTestId('file-input').setInputFiles({ name: 'tiny.png', mimeType: 'image/png', buffer: await colourPng(48, 48) });
  const item = queueItem(page, 'tiny.png');
  await expectStatus(item, 'done', 300_000);
  // tf.getBackend() as reported by the worker after colorizing.
  await expect(item.getByTestId('item-backend')).toHaveText('webgpu');
  await expect(item.getByTestId('metric-psnr')).toHaveText(/^-?\d+\.\d{2} dB$/);
});

test('auto mode uses WebGPU only on a real GPU, not on the software adapter', async ({ page }) => {
  await openApp(page);
  const adapter = await page.evaluate(async () => {
    type Adapter = { info?: { isFallbackAdapter?: boolean }; isFallbackAdapter?: boolean };
    const gpu = (navigator as unknown as { gpu?: { requestAdapter(): Promise<Adapter | null> } }).gpu;
    const a = gpu ? await gpu.requestAdapter() : null;
    return a ? { fallback: Boolean(a.info?.isFallbackAdapter ?? a.isFallbackAdapter) } : null;
  });
  const backend = page.getByTestId('backend-name');
  if (adapter && !adapter.fallback) {
    await expect(backend).toHaveAttribute('data-backend', 'webgpu');
  } else {
    await expect(backend).not.toHaveAttribute('data-backend', 'webgpu');
    await expect(backend).toContainText('no GPU found');
  }
});
