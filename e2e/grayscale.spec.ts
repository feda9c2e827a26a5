import { expect, expectStatus, grayPng, openApp, queueItem, test } from './fixtures';

test('a grayscale photo shows "no colour reference" instead of PSNR/SSIM', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'grandma.png', mimeType: 'image/png', buffer: await grayPng(80, 60) });
  const item = queueItem(page, 'grandma.png');
  await expectStatus(item, 'done');
  await expect(item.getByTestId('no-colour-reference')).toHaveText('no colour reference');
  await expect(item.getByTestId('metric-psnr')).toHaveCount(0);
  await expect(item.getByTestId('metric-ssim')).toHaveCount(0);
  await expect(item.getByTestId('download-png')).toBeVisible();
});
