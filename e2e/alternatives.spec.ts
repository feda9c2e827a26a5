import { readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { colourPng, expect, expectStatus, openApp, queueItem, test } from './fixtures';

test('Show alternatives: N Langevin samples in a grid with PSNR/SSIM and diversity; picking one replaces the result; cancel works', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles([{ name: 'tiny.png', mimeType: 'image/png', buffer: await colourPng(64, 48) }]);
  const item = queueItem(page, 'tiny.png');
  await expectStatus(item, 'done');
  const colorized = item.getByTestId('result-colorized');
  const pixels = () => colorized.evaluate((el) => (el as HTMLCanvasElement).toDataURL());
  const ganPixels = await pixels();
  const panel = item.getByTestId('alternatives');

  // Cancel a running request: the worker is terminated, nothing is shown. From the keyboard,
  // focus follows the button that replaced the pressed one.
  await panel.getByTestId('alternatives-count').selectOption('8');
  await panel.getByTestId('show-alternatives').focus();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('data-status', 'running');
  await expect(panel.getByTestId('alternatives-progress')).toBeVisible();
  await expect(panel.getByTestId('cancel-alternatives')).toBeFocused();
  await page.keyboard.press('Enter');
  await expect(panel).toHaveAttribute('data-status', 'cancelled', { timeout: 5_000 });
  await expect(panel.getByTestId('alternatives-grid')).toHaveCount(0);
  await expect(panel.getByTestId('show-alternatives')).toBeFocused();

  // 4 samples (a fresh worker starts after the cancel).
  await panel.getByTestId('alternatives-count').selectOption('4');
  await panel.getByTestId('show-alternatives').click();
  await expect(panel).toHaveAttribute('data-status', 'done');
  const samples = panel.getByTestId('alternative');
  await expect(samples).toHaveCount(4);
  for (let i = 0; i < 4; i++) {
    await expect(samples.nth(i).getByTestId('alternative-metrics')).toHaveText(/^-?\d+\.\d{2} dB · SSIM -?\d\.\d{4}$/);
    expect(await samples.nth(i).getByTestId('alternative-image').evaluate((el) => [(el as HTMLCanvasElement).width, (el as HTMLCanvasElement).height])).toEqual([64, 48]);
  }
  await expect(panel.getByTestId('alternatives-diversity')).toHaveText(/^Diversity \d+\.\d Lab$/);
  console.log(`alternatives: ${await panel.getByTestId('alternatives-info').textContent()}`);
  const sampleUrls = await samples.getByTestId('alternative-image').evaluateAll((els) => els.map((el) => (el as HTMLCanvasElement).toDataURL()));
  expect(new Set(sampleUrls).size).toBe(4); // the samples differ from each other

  // Pick the second: it becomes the colorized image, the metrics and the download.
  await samples.nth(1).getByTestId('use-alternative').click();
  await expect(samples.nth(1)).toHaveAttribute('data-chosen', 'true');
  await expect(item.getByTestId('colorized-choice')).toHaveText(/sample 2 of 4/);
  expect(await pixels()).toBe(sampleUrls[1]);
  expect(await pixels()).not.toBe(ganPixels);
  const sampleMetrics = (await samples.nth(1).getByTestId('alternative-metrics').textContent()) ?? '';
  await expect(item.getByTestId('metric-psnr')).toHaveText(sampleMetrics.split(' · ')[0]!);
  const [download] = await Promise.all([page.waitForEvent('download'), item.getByTestId('download-png').click()]);
  expect(download.suggestedFilename()).toBe('tiny-colorized-sample-2-of-4.png');
  const png = await readFile(await download.path());
  expect(await sharp(png).metadata()).toMatchObject({ format: 'png', width: 64, height: 48 });

  // New alternatives, then Cancel: the picked sample stays the result and its set stays on screen.
  await panel.getByTestId('alternatives-count').selectOption('8');
  await panel.getByTestId('show-alternatives').click();
  await expect(panel).toHaveAttribute('data-status', 'running');
  expect(await pixels()).toBe(sampleUrls[1]);
  await panel.getByTestId('cancel-alternatives').click();
  await expect(panel).toHaveAttribute('data-status', 'cancelled', { timeout: 5_000 });
  await expect(samples).toHaveCount(4);
  await expect(samples.nth(1)).toHaveAttribute('data-chosen', 'true');
  await expect(item.getByTestId('colorized-choice')).toHaveText(/sample 2 of 4/);
  expect(await pixels()).toBe(sampleUrls[1]);

  // And back to the GAN's own result.
  await panel.getByTestId('use-gan').click();
  expect(await pixels()).toBe(ganPixels);
  await expect(item.getByTestId('colorized-choice')).toHaveCount(0);
});
