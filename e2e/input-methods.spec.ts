import { colourPng, expect, expectStatus, openApp, queueItem, test } from './fixtures';

test('photos can be pasted from the clipboard and dropped on the page, several at once', async ({ page }) => {
  await openApp(page);
  const png = (await colourPng(40, 30)).toString('base64');
  await page.evaluate((base64) => {
    const bytes = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
    const file = (name: string) => new File([bytes], name, { type: 'image/png' });

    const pasted = new DataTransfer();
    pasted.items.add(file('image.png'));
    document.dispatchEvent(new ClipboardEvent('paste', { clipboardData: pasted, bubbles: true, cancelable: true }));

    const dropped = new DataTransfer();
    dropped.items.add(file('dropped-1.png'));
    dropped.items.add(file('dropped-2.png'));
    const zone = document.querySelector('[data-testid="drop-zone"]')!;
    zone.dispatchEvent(new DragEvent('dragenter', { dataTransfer: dropped, bubbles: true, cancelable: true }));
    zone.dispatchEvent(new DragEvent('drop', { dataTransfer: dropped, bubbles: true, cancelable: true }));
  }, png);

  await expect(page.getByTestId('queue-item')).toHaveCount(3);
  for (const name of ['pasted-image-1.png', 'dropped-1.png', 'dropped-2.png']) {
    await expectStatus(queueItem(page, name), 'done');
  }
});

test('the settings popover forces a backend by re-initialising the worker', async ({ page }) => {
  await openApp(page);
  await page.getByTestId('settings-button').click();
  await page.getByTestId('backend-select').selectOption('cpu');
  const backend = page.getByTestId('backend-name');
  await expect(backend).toHaveAttribute('data-backend', 'cpu');
  await expect(backend).toHaveAttribute('data-status', 'ready');
  await expect(backend).toContainText('CPU — forced');
  await page.keyboard.press('Escape');

  await page.getByTestId('file-input').setInputFiles({ name: 'on-cpu.png', mimeType: 'image/png', buffer: await colourPng(32, 32) });
  const item = queueItem(page, 'on-cpu.png');
  await expectStatus(item, 'done');
  await expect(item.getByTestId('item-backend')).toHaveText('cpu');

  // The choice is remembered for the next visit.
  await page.reload();
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-backend', 'cpu');
});

test('the Colorize / Fine-tune tabs work from the keyboard (arrows, Home, End; one tab stop)', async ({ page }) => {
  await openApp(page);
  const colorize = page.getByRole('tab', { name: 'Colorize' });
  const fineTune = page.getByRole('tab', { name: 'Fine-tune' });
  await expect(colorize).toHaveAttribute('tabindex', '0');
  await expect(fineTune).toHaveAttribute('tabindex', '-1');
  await colorize.focus();
  await page.keyboard.press('ArrowRight');
  await expect(fineTune).toHaveAttribute('aria-selected', 'true');
  await expect(fineTune).toBeFocused();
  await expect(page.getByTestId('finetune-panel')).toBeVisible();
  await page.keyboard.press('Home');
  await expect(colorize).toHaveAttribute('aria-selected', 'true');
  await expect(colorize).toBeFocused();
  await expect(page.getByTestId('finetune-panel')).toHaveCount(0);
  await page.keyboard.press('End');
  await expect(fineTune).toBeFocused();
  await page.keyboard.press('ArrowRight'); // wraps around
  await expect(colorize).toHaveAttribute('aria-selected', 'true');
});
