import { colourPng, expect, expectStatus, openApp, queueItem, test } from './fixtures';

test('cancelling a running colorization stops it; the next files still work', async ({ page }) => {
  await openApp(page);
  // Large enough that full-resolution colour recombination and SSIM take seconds.
  const big = await colourPng(3000, 2000);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'big.png', mimeType: 'image/png', buffer: big },
    { name: 'queued.png', mimeType: 'image/png', buffer: await colourPng(64, 48) },
  ]);

  const running = queueItem(page, 'big.png');
  await expectStatus(running, 'running');
  await expectStatus(queueItem(page, 'queued.png'), 'queued');
  await running.getByTestId('cancel-item').click();
  await expectStatus(running, 'cancelled', 5_000);
  await expect(running.getByTestId('item-status')).toHaveText('Cancelled');
  await expect(running.getByTestId('cancel-item')).toHaveCount(0);

  // The worker was terminated; the queued file starts a fresh one and completes.
  await expectStatus(queueItem(page, 'queued.png'), 'done');
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-status', 'ready');

  // Cancelling a file that is only queued leaves the running one alone (next.png is
  // big enough to keep dropped.png waiting while we click).
  await page.getByTestId('file-input').setInputFiles([
    { name: 'next.png', mimeType: 'image/png', buffer: await colourPng(1600, 1200) },
    { name: 'dropped.png', mimeType: 'image/png', buffer: await colourPng(40, 40) },
  ]);
  await expectStatus(queueItem(page, 'dropped.png'), 'queued');
  await queueItem(page, 'dropped.png').getByTestId('cancel-item').click();
  await expectStatus(queueItem(page, 'dropped.png'), 'cancelled');
  await expectStatus(queueItem(page, 'next.png'), 'done');
  await expect(running.getByTestId('result-colorized')).toHaveCount(0);
});
