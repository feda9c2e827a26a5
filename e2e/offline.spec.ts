import { colourPng, expect, expectStatus, openApp, queueItem, test } from './fixtures';

test('a whole session makes no request to another origin (nothing uploaded, no CDN)', async ({ page, requests, baseURL }) => {
  await openApp(page);
  await page.getByTestId('file-input').setInputFiles({ name: 'local.png', mimeType: 'image/png', buffer: await colourPng(64, 64) });
  await expectStatus(queueItem(page, 'local.png'), 'done');
  await page.reload();
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-status', 'ready');

  const origin = new URL(baseURL!).origin;
  // The worker's own fetches are observed (model, weights, wasm), so the check is not vacuous.
  expect(requests.filter((u) => u.includes('/models/')).length).toBeGreaterThanOrEqual(4);
  expect(requests.some((u) => /\.wasm$/.test(u))).toBe(true);
  const foreign = requests.filter((url) => !/^(data|blob):/.test(url) && new URL(url).origin !== origin);
  expect(foreign).toEqual([]);
});
