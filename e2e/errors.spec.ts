import { colourPng, expect, expectStatus, openApp, queueItem, test } from './fixtures';

test('a text file named .jpg fails with a message naming it; the good image in the same drop still completes', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles([
    { name: 'notes.jpg', mimeType: 'image/jpeg', buffer: Buffer.from('These are my holiday notes, not a photo.\n') },
    { name: 'good.png', mimeType: 'image/png', buffer: await colourPng(96, 64) },
  ]);

  const bad = queueItem(page, 'notes.jpg');
  await expectStatus(bad, 'error');
  await expect(bad.getByTestId('item-error')).toContainText('notes.jpg');
  await expect(bad.getByTestId('item-error')).toContainText(/not an image/i);
  await expect(bad.getByTestId('result-colorized')).toHaveCount(0);

  const good = queueItem(page, 'good.png');
  await expectStatus(good, 'done');
  await expect(good.getByTestId('result-colorized')).toBeVisible();
  await expect(good.getByTestId('item-error')).toHaveCount(0);
});
