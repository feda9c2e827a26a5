/**
 * Fine-tuning in the browser, end to end, on wasm with tiny settings (4–6 steps of
 * batch 2 at 64 px): photo checks (a grayscale photo is flagged), a run with live
 * steps, loss curves and preview while the page stays responsive, the checkpoint
 * found again after a reload, export → delete → import, colorizing with the
 * fine-tuned model, and a run interrupted by a reload that resumes to its target.
 */
import { readFile } from 'node:fs/promises';
import type { Download, Locator, Page } from '@playwright/test';
import sharp from 'sharp';
import { expect, expectStatus, grayPng, openApp, queueItem, test } from './fixtures';

/** A colourful PNG, different for each `seed` (hue-shifted gradients). */
async function colourfulPng(size: number, seed: number): Promise<Buffer> {
  const data = Buffer.alloc(size * size * 3);
  for (let y = 0; y < size; y++) {
    for (let x = 0; x < size; x++) {
      const i = (y * size + x) * 3;
      const t = (x + seed * 11) / size;
      data[i] = Math.round(127 + 120 * Math.sin(6.28 * t + seed));
      data[i + 1] = Math.round(127 + 120 * Math.sin(6.28 * (y / size) + seed * 2));
      data[i + 2] = Math.round(127 + 120 * Math.cos(6.28 * ((x + y) / (2 * size)) + seed * 3));
    }
  }
  return sharp(data, { raw: { width: size, height: size, channels: 3 } }).png().toBuffer();
}

async function trainingFiles(count: number) {
  return Promise.all(
    Array.from({ length: count }, async (_, i) => ({ name: `colour-${i + 1}.png`, mimeType: 'image/png', buffer: await colourfulPng(56 + 4 * i, i + 1) })),
  );
}

async function openFineTune(page: Page): Promise<void> {
  await openApp(page, '?backend=wasm');
  await page.getByRole('tab', { name: 'Fine-tune' }).click();
  await expect(page.getByTestId('finetune-panel')).toBeVisible();
}

async function fillSettings(page: Page, name: string, steps: number, previewEvery: number): Promise<void> {
  await page.getByLabel('Model name').fill(name);
  await page.getByLabel('Steps', { exact: true }).fill(String(steps));
  await page.getByLabel('Batch size').fill('2');
  await page.getByLabel('Training size (px)').selectOption('64');
  await page.getByLabel('Preview every (steps)').fill(String(previewEvery));
  await page.getByLabel('Checkpoint every (steps)').fill('2');
}

/** Drops files on the page the way a user's drag and drop does (a `drop` event with a DataTransfer). */
async function dropFiles(page: Page, files: { name: string; mimeType: string; buffer: Buffer }[]): Promise<void> {
  const payload = files.map((f) => ({ name: f.name, type: f.mimeType, bytes: [...f.buffer] }));
  await page.evaluate((list) => {
    const transfer = new DataTransfer();
    for (const f of list) transfer.items.add(new File([new Uint8Array(f.bytes)], f.name, { type: f.type }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      document.body.dispatchEvent(new DragEvent(type, { bubbles: true, cancelable: true, dataTransfer: transfer }));
    }
  }, payload);
}

const modelRow = (page: Page, name: string): Locator => page.locator(`[data-testid="model-row"][data-name="${name}"]`);

test('fine-tunes on the user\'s photos, keeps the model across a reload, exports, imports and colorizes with it', async ({ page }) => {
  test.setTimeout(150_000);
  await openFineTune(page);

  // Photos: five colourful ones from the picker, a grayscale one dropped on the page.
  await page.getByLabel('Training photos', { exact: true }).setInputFiles(await trainingFiles(5));
  await dropFiles(page, [{ name: 'grandpa-gray.png', mimeType: 'image/png', buffer: await grayPng(64, 64) }]);
  await expect(page.getByTestId('training-count')).toHaveText('6');
  const gray = page.locator('[data-testid="training-photo"][data-name="grandpa-gray.png"]');
  await expect(gray).toHaveAttribute('data-state', 'problem');
  await expect(gray.getByTestId('photo-problem')).toContainText(/colour/i);
  await expect(page.locator('[data-testid="training-photo"][data-state="ok"]')).toHaveCount(5);
  expect(await page.getByTestId('queue-item').count()).toBe(0); // the drop did not go to the colorize queue

  // A bad setting disables Start, with the reason.
  await page.getByLabel('Steps', { exact: true }).fill('two');
  await expect(page.getByTestId('start-blockers')).toContainText('Steps: enter a number');
  await expect(page.getByRole('button', { name: 'Start training' })).toBeDisabled();

  await fillSettings(page, 'Gradients', 4, 2);
  await expect(page.getByTestId('training-set-verdict')).toContainText('4 photos to learn from');
  const start = page.getByRole('button', { name: 'Start training' });
  await expect(start).toBeEnabled();
  await start.click();

  const run = page.getByTestId('finetune-run');
  await expect(run).toHaveAttribute('data-status', /preparing|training/);
  // The page stays responsive while the worker works (decoding, encoder features, steps): typing shows at once.
  await expect(run).toHaveAttribute('data-active', 'true');
  const field = page.getByLabel('Model name');
  const t0 = Date.now();
  await field.fill('');
  await field.pressSequentially('next', { delay: 0 });
  await expect(field).toHaveValue('next', { timeout: 2_000 });
  const typingMs = Date.now() - t0;
  const lagMs = await page.evaluate(async () => {
    let worst = 0;
    for (let i = 0; i < 10; i++) {
      const t = performance.now();
      await new Promise((r) => setTimeout(r, 0));
      worst = Math.max(worst, performance.now() - t);
    }
    return worst;
  });
  console.log(`typing while the worker prepares and trains: ${typingMs} ms; worst event-loop delay ${lagMs.toFixed(1)} ms`);
  expect(typingMs).toBeLessThan(2_000);
  expect(lagMs).toBeLessThan(250);
  await expect(run).toHaveAttribute('data-active', 'true'); // measured while the run was going, not after it
  await expect(page.getByTestId('training-badge')).toBeVisible(); // the Fine-tune tab shows a run is going

  // Steps advance, loss curves and the preview appear.
  await expect(page.getByTestId('run-step')).toHaveAttribute('data-step', /^[1-4]$/, { timeout: 120_000 });
  await expect(page.getByTestId('run-step')).toHaveAttribute('data-target', '4');
  const chart = page.getByTestId('loss-chart-generator');
  await expect(chart.locator('canvas').first()).toBeVisible();
  await expect(chart).toHaveAttribute('data-series', /pixel/);

  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 120_000 });
  await expect(page.getByTestId('training-badge')).toHaveCount(0);
  await expect(page.getByTestId('run-step')).toHaveAttribute('data-step', '4');
  await expect(page.getByTestId('finetune-preview')).toBeVisible();
  await expect(page.getByTestId('finetune-preview')).toHaveAttribute('data-step', /^[24]$/);
  await expect(modelRow(page, 'Gradients')).toHaveAttribute('data-step', '4');
  if (process.env.FT_SCREENSHOT) await page.screenshot({ path: process.env.FT_SCREENSHOT, fullPage: true });

  // After a reload the model is found in IndexedDB, with its step count and losses.
  await page.reload();
  await expect(page.getByTestId('finetune-panel')).toBeVisible();
  // The form is kept too: the name typed during the run, and the steps.
  await expect(page.getByLabel('Model name')).toHaveValue('next');
  await expect(page.getByLabel('Steps', { exact: true })).toHaveValue('4');
  const row = modelRow(page, 'Gradients');
  await expect(row).toHaveAttribute('data-step', '4');
  await expect(row).toHaveAttribute('data-status', 'finished');
  await expect(row.getByTestId('model-info')).toContainText('step 4 of 4');
  await expect(page.getByTestId('loss-chart-generator')).toHaveAttribute('data-points', /^[1-9]\d*$/);

  // Export: model.json + weights.bin as downloads.
  const downloads: Download[] = [];
  page.on('download', (d) => downloads.push(d));
  await row.getByRole('button', { name: 'Export Gradients' }).click();
  await expect.poll(() => downloads.length).toBe(2);
  const files = await Promise.all(
    downloads.map(async (d) => ({ name: d.suggestedFilename(), buffer: await readFile((await d.path())!) })),
  );
  expect(files.map((f) => f.name).sort()).toEqual(['colorizer-gradients.json', 'colorizer-gradients.weights.bin']);
  expect(JSON.parse(files.find((f) => f.name.endsWith('.json'))!.buffer.toString('utf8'))).toHaveProperty('weightsManifest');

  // Delete (confirmed) → gone; import the exported files → listed again.
  await row.getByRole('button', { name: 'Delete Gradients' }).click();
  await row.getByRole('button', { name: 'Delete', exact: true }).click();
  await expect(modelRow(page, 'Gradients')).toHaveCount(0);
  // The weights renamed the way a browser saves a second download of the same name: still paired.
  await page.getByLabel('Import model files (model.json and weights.bin)').setInputFiles(
    files.map((f) => f.name.endsWith('.json')
      ? { name: f.name, mimeType: 'application/json', buffer: f.buffer }
      : { name: 'colorizer-gradients (1).weights.bin', mimeType: 'application/octet-stream', buffer: f.buffer }),
  );
  const imported = modelRow(page, 'Gradients');
  await expect(imported).toHaveAttribute('data-step', '4');
  await expect(imported.getByTestId('model-info')).toContainText('imported');

  // Side by side with the shipped model on one photo, with PSNR/SSIM.
  await imported.getByRole('button', { name: 'Compare Gradients with the shipped model' }).click();
  await page.getByLabel('Photo to compare').setInputFiles({ name: 'beach.png', mimeType: 'image/png', buffer: await colourfulPng(72, 9) });
  const results = page.getByTestId('compare-result');
  await expect(results).toHaveCount(2);
  await expect(results.nth(0)).toHaveAttribute('data-model-id', 'shipped');
  await expect(results.nth(1).getByTestId('compare-metrics')).toHaveText(/^-?\d+\.\d\d dB \/ -?\d\.\d{4}$/);
  // Not a photo: the reason shows in the compare card, where the user is looking.
  await page.getByLabel('Photo to compare').setInputFiles({ name: 'notes.png', mimeType: 'image/png', buffer: Buffer.from('not a picture') });
  await expect(page.getByTestId('compare-error')).toContainText('notes.png');
  await expect(page.getByTestId('finetune-error')).toHaveCount(0);

  // Colorize with the fine-tuned model: the status bar names it, and a photo comes out.
  await imported.getByRole('button', { name: 'Colorize with Gradients' }).click();
  await expect(page.getByTestId('active-model')).toHaveText('Gradients');
  await page.getByRole('tab', { name: 'Colorize' }).click();
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('file-input').setInputFiles({ name: 'holiday.png', mimeType: 'image/png', buffer: await colourfulPng(80, 7) });
  await expectStatus(queueItem(page, 'holiday.png'), 'done');
  await expect(queueItem(page, 'holiday.png').getByTestId('item-model')).toHaveText('Gradients'); // the result says which model made it
  await expect(page.getByTestId('active-model')).toHaveText('Gradients');

  // Settings offers the same choice: back to the shipped model from there.
  await page.getByTestId('settings-button').click();
  const modelSelect = page.getByTestId('model-select');
  await expect(modelSelect).toHaveValue(/^ft-/);
  await expect(modelSelect.locator('option')).toHaveText(['Shipped model', 'Gradients (fine-tuned, 4 steps)']);
  await modelSelect.selectOption('shipped');
  await expect(page.getByTestId('active-model')).toHaveAttribute('data-model-id', 'shipped');
});

test('pause saves a checkpoint and survives a reload as paused; a run interrupted by a reload resumes to its target', async ({ page }) => {
  test.setTimeout(180_000);
  await openFineTune(page);
  await page.getByLabel('Training photos', { exact: true }).setInputFiles(await trainingFiles(4));
  await expect(page.locator('[data-testid="training-photo"][data-state="ok"]')).toHaveCount(4);
  await fillSettings(page, 'Interrupted', 40, 0);
  await page.getByLabel('Checkpoint every (steps)').fill('7'); // so a checkpoint at the paused step comes from the pause
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-checkpoint')).toHaveText(/step \d+/, { timeout: 120_000 });

  // Pause holds the loop between steps; Resume goes on.
  const run = page.getByTestId('finetune-run');
  const step = page.getByTestId('run-step');
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(run).toHaveAttribute('data-status', 'paused');
  const pausedAt = await step.getAttribute('data-step');
  await page.waitForTimeout(1_500);
  await expect(step).toHaveAttribute('data-step', pausedAt!);
  // Pausing saved a checkpoint at that step (a paused run that is closed comes back as paused).
  await expect(page.getByTestId('run-checkpoint')).toHaveText(`step ${pausedAt}`);
  await page.getByRole('button', { name: 'Resume', exact: true }).click();
  await expect(run).toHaveAttribute('data-status', 'training');
  await expect(step).not.toHaveAttribute('data-step', pausedAt!);

  // Paused again and reloaded: the run comes back paused at that step, and Resume goes on.
  await page.getByRole('button', { name: 'Pause', exact: true }).click();
  await expect(run).toHaveAttribute('data-status', 'paused');
  await page.waitForTimeout(1_000);
  const pausedAgain = await step.getAttribute('data-step');
  await expect(page.getByTestId('run-checkpoint')).toHaveText(`step ${pausedAgain}`);
  await page.reload();
  const row = modelRow(page, 'Interrupted');
  await expect(row).toHaveAttribute('data-status', 'paused');
  await expect(row).toHaveAttribute('data-step', pausedAgain!);
  await row.getByRole('button', { name: 'Resume Interrupted' }).click();
  await expect(run).toHaveAttribute('data-status', 'training');
  await expect(step).not.toHaveAttribute('data-step', pausedAgain!);

  // A reload mid-run: the last checkpoint is in IndexedDB.
  await page.reload();
  await expect(row).toHaveAttribute('data-status', 'interrupted');
  const saved = Number(await row.getAttribute('data-step'));
  expect(saved).toBeGreaterThanOrEqual(2);
  expect(saved).toBeLessThan(40);
  await expect(run).toHaveAttribute('data-status', 'interrupted');
  await expect(page.getByTestId('loss-chart-generator')).toHaveAttribute('data-points', String(saved));

  await row.getByRole('button', { name: 'Resume Interrupted' }).click();
  await expect(run).toHaveAttribute('data-status', 'finished', { timeout: 120_000 });
  await expect(step).toHaveAttribute('data-step', '40');
  await expect(row).toHaveAttribute('data-step', '40');
  await expect(row).toHaveAttribute('data-status', 'finished');
  // The curve holds the steps before the reloads too.
  await expect(page.getByTestId('loss-chart-generator')).toHaveAttribute('data-points', '40');
});

test('a lost training device ends the run with a message, keeps the last checkpoint and frees every tensor', async ({ page }) => {
  test.setTimeout(120_000);
  await openApp(page, '?backend=wasm&testhooks');
  await page.getByRole('tab', { name: 'Fine-tune' }).click();
  await page.getByLabel('Training photos', { exact: true }).setInputFiles(await trainingFiles(4));
  await expect(page.locator('[data-testid="training-photo"][data-state="ok"]')).toHaveCount(4);
  await fillSettings(page, 'Lost device', 40, 0);
  await page.getByRole('button', { name: 'Start training' }).click();
  await expect(page.getByTestId('run-checkpoint')).toHaveText(/step [1-9]\d*/, { timeout: 90_000 });

  await page.evaluate(() => window.__colorizerTest!.simulateTrainingDeviceLoss!());
  const run = page.getByTestId('finetune-run');
  await expect(run).toHaveAttribute('data-status', 'failed', { timeout: 30_000 });
  await expect(page.getByTestId('run-message')).toContainText(/GPU device was lost \(simulated by a test\).*checkpoint from step \d+ is kept/);
  const row = modelRow(page, 'Lost device');
  await expect(row).toHaveAttribute('data-status', 'failed');
  expect(Number(await row.getAttribute('data-step'))).toBeGreaterThanOrEqual(2);
  // The run's tensors and the models on the lost backend are all gone.
  await expect.poll(async () => (await page.evaluate(() => window.__colorizerTest!.trainingMemory!())).numTensors).toBe(0);
  // The page stays usable: the Colorize tab still works.
  await page.getByRole('tab', { name: 'Colorize' }).click();
  await page.getByTestId('file-input').setInputFiles({ name: 'after-loss.png', mimeType: 'image/png', buffer: await colourfulPng(64, 3) });
  await expectStatus(queueItem(page, 'after-loss.png'), 'done');
});

test('too few colour photos: Start stays disabled and says how many are needed', async ({ page }) => {
  await openFineTune(page);
  await page.getByLabel('Training photos', { exact: true }).setInputFiles(await trainingFiles(2));
  await dropFiles(page, [{ name: 'gray.png', mimeType: 'image/png', buffer: await grayPng(64, 64) }]);
  await expect(page.getByTestId('training-count')).toHaveText('3');
  await expect(page.getByTestId('start-blockers')).toContainText('Fine-tuning needs at least 4 colour photos (one is held out for the preview); only 2 are usable');
  await expect(page.getByRole('button', { name: 'Start training' })).toBeDisabled();
  await page.getByLabel('Training photos', { exact: true }).setInputFiles((await trainingFiles(4)).slice(2));
  await expect(page.getByTestId('training-count')).toHaveText('5');
  await expect(page.getByTestId('start-blockers')).toHaveCount(0);
  await expect(page.getByRole('button', { name: 'Start training' })).toBeEnabled();

  // A bad value is marked on its own field, and Start says why it is disabled.
  const steps = page.getByLabel('Steps', { exact: true });
  await steps.fill('0');
  await expect(steps).toHaveAttribute('aria-invalid', 'true');
  await expect(steps).toHaveAccessibleDescription(/must be at least 1/);
  await expect(page.getByTestId('start-blockers')).toContainText('Steps: must be at least 1');
  await expect(page.getByRole('button', { name: 'Start training' })).toBeDisabled();
  await steps.fill('4');
  await expect(steps).not.toHaveAttribute('aria-invalid');

  // A file that is not a model: the reason shows beside the Import button.
  await page.getByLabel('Import model files (model.json and weights.bin)').setInputFiles([
    { name: 'notes.json', mimeType: 'application/json', buffer: Buffer.from('{"hello": 1}') },
    { name: 'notes.bin', mimeType: 'application/octet-stream', buffer: Buffer.from('abc') },
  ]);
  await expect(page.getByTestId('import-error')).toContainText(/^Import failed: These files are not a model this app can load/);
  await expect(page.getByTestId('finetune-error')).toHaveCount(0);
});
