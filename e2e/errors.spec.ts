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

test('a chosen fine-tuned model that is no longer on the device: back to the shipped model with a notice, photos still colorize', async ({ page }) => {
  await page.addInitScript(() => {
    if (!sessionStorage.getItem('seeded')) {
      localStorage.setItem('colorize.settings.v1', JSON.stringify({ backend: 'auto', model: { id: 'ft-gone', name: 'Deleted album' } }));
      sessionStorage.setItem('seeded', '1');
    }
  });
  await openApp(page);
  await expect(page.getByTestId('model-notice')).toContainText('“Deleted album” is no longer on this device; colorizing with the shipped model');
  await expect(page.getByTestId('active-model')).toHaveAttribute('data-model-id', 'shipped');
  await page.getByTestId('file-input').setInputFiles([{ name: 'after.png', mimeType: 'image/png', buffer: await colourPng(64, 48) }]);
  await expectStatus(queueItem(page, 'after.png'), 'done');
  await page.reload();
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-status', 'ready');
  await expect(page.getByTestId('active-model')).toHaveAttribute('data-model-id', 'shipped'); // the fallback was saved
});
