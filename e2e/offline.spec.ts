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

test('a Content-Security-Policy forbids other origins in the page and in the worker; the app runs under it without a violation', async ({ page, baseURL }) => {
  const consoleViolations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy/i.test(message.text())) consoleViolations.push(message.text());
  });
  await page.addInitScript(() => {
    const seen: string[] = ((window as unknown as { cspViolations: string[] }).cspViolations = []);
    document.addEventListener('securitypolicyviolation', (e) => seen.push(`${e.effectiveDirective} ${e.blockedURI}`));
  });
  const violations = () => page.evaluate(() => (window as unknown as { cspViolations: string[] }).cspViolations);

  const response = await page.goto('/');
  // As a header (page, worker and service worker scripts) and as a <meta> (any static host).
  expect(response!.headers()['content-security-policy']).toMatch(/default-src 'self';.*connect-src 'self';.*frame-ancestors 'none'/);
  expect(await page.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')).toMatch(/connect-src 'self'/);
  await expect(page.getByTestId('backend-name')).toHaveAttribute('data-status', 'ready');
  await page.getByTestId('file-input').setInputFiles({ name: 'csp.png', mimeType: 'image/png', buffer: await colourPng(64, 48) });
  await expectStatus(queueItem(page, 'csp.png'), 'done');
  expect(await violations()).toEqual([]);
  expect(consoleViolations).toEqual([]);

  // The same server under another name is another origin: nothing may reach it.
  const other = new URL(baseURL!);
  other.hostname = '127.0.0.1';
  const target = new URL('/models/chromagan/v1/manifest.json', other).href;
  const image = new URL('/icons/icon-192.png', other).href;
  expect(await page.evaluate((url) => fetch(url).then(() => 'loaded', () => 'blocked'), target)).toBe('blocked');
  expect(
    await page.evaluate(
      (url) => new Promise<string>((resolve) => Object.assign(new Image(), { onload: () => resolve('loaded'), onerror: () => resolve('blocked'), src: url })),
      image,
    ),
  ).toBe('blocked');
  const worker = page.workers().find((w) => /colorize\.worker/.test(w.url()));
  expect(worker, 'the colorizer worker is running').toBeTruthy();
  expect(await worker!.evaluate((url) => fetch(url).then(() => 'loaded', () => 'blocked'), target)).toBe('blocked');
  // (Reported once per policy: the header's and the <meta>'s.)
  expect([...new Set(await violations())].sort()).toEqual([`connect-src ${target}`, `img-src ${image}`]);
  // (The fixture then checks that no request reached another origin at all.)
});
