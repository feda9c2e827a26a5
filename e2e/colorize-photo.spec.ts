import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { bsd100Photo, canvasSize, expect, expectStatus, openApp, queueItem, test } from './fixtures';

test('colorizes a real photo: three panels, metrics, backend, full-size PNG download', async ({ page, requests }) => {
  const photo = await bsd100Photo();
  if (photo.path === null) {
    console.log(`skipping: ${photo.reason}`);
    test.skip(true, photo.reason);
    return;
  }
  const meta = await sharp(photo.path).metadata();
  await openApp(page);
  await expect(page).toHaveTitle('Colorize — old photos in colour, on your device');
  await expect(page.getByTestId('backend-name')).toHaveText(/\S/);
  await expect(page.getByTestId('model-name')).toContainText('ChromaGAN-MobileNetV2');

  await page.getByTestId('file-input').setInputFiles(photo.path);
  const item = queueItem(page, photo.name);
  await expectStatus(item, 'done');

  for (const id of ['result-original', 'result-gray', 'result-colorized']) {
    const canvas = item.getByTestId(id);
    await expect(canvas).toBeVisible();
    expect(await canvasSize(canvas)).toEqual({ width: meta.width, height: meta.height });
  }

  const psnr = (await item.getByTestId('metric-psnr').textContent()) ?? '';
  const ssim = (await item.getByTestId('metric-ssim').textContent()) ?? '';
  expect(psnr).toMatch(/^-?\d+\.\d{2} dB$/);
  expect(ssim).toMatch(/^-?\d\.\d{4}$/);
  expect(Number.isFinite(parseFloat(psnr))).toBe(true);
  expect(Math.abs(parseFloat(ssim))).toBeLessThanOrEqual(1);
  await expect(item.getByTestId('no-colour-reference')).toHaveCount(0);
  await expect(item.getByTestId('item-backend')).toHaveText(/^(webgpu|wasm|webgl|cpu)$/);
  await expect(item.getByTestId('item-model')).toHaveText('Shipped model');
  await expect(page.getByTestId('backend-name')).toHaveText(/WebGPU|WASM|WebGL|CPU/);

  // The comparison slider works from the keyboard.
  const slider = item.getByTestId('compare-slider');
  await slider.focus();
  await page.keyboard.press('End');
  await expect(slider).toHaveValue('100');
  await page.keyboard.press('ArrowLeft');
  await expect(slider).toHaveValue('99');

  if (process.env.SCREENSHOT) {
    await slider.fill('50');
    await slider.blur();
    // Tall enough for the whole result; not fullPage, which would strand the sticky status bar mid-page.
    await page.setViewportSize({ width: 1360, height: 1240 });
    await page.evaluate(() => window.scrollTo(0, 0));
    await page.screenshot({ path: process.env.SCREENSHOT });
  }

  const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('download-png').click()]);
  expect(download.suggestedFilename()).toBe(photo.name.replace(/\.[^.]+$/, '') + '-colorized.png');
  const png = await readFile(await download.path());
  const decoded = await sharp(png).raw().toBuffer({ resolveWithObject: true });
  expect(decoded.info.format).toBe('raw');
  expect((await sharp(png).metadata()).format).toBe('png');
  expect({ width: decoded.info.width, height: decoded.info.height }).toEqual({ width: meta.width, height: meta.height });

  // Worker requests are seen too (so the same-origin check in the fixture covers them).
  expect(requests.some((url) => url.endsWith('/models/chromagan/v1/model.json'))).toBe(true);
  expect(requests.some((url) => /tfjs-backend-wasm.*\.wasm$/.test(url)) || !/WASM/.test(await page.getByTestId('backend-name').innerText())).toBe(true);
});
