/**
 * npm run bench:finetune — in-browser fine-tuning speed in real Chromium, per backend:
 * the production build's Fine-tune page, driven like a user (photos in, Start), with
 * the app's defaults for size and batch. Speed = steps after the first two (kernel
 * compilation) over the time they took, read from the page's step counter.
 * Writes docs/BENCHMARKS-finetune.md. Needs `npm run build` first.
 *
 *   BENCH_BACKENDS=wasm,webgl BENCH_STEPS=12 BENCH_SIZE=128 BENCH_BATCH=8 npm run bench:finetune
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PORT = 4189;
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,webgl').split(',');
const steps = Number(process.env.BENCH_STEPS ?? 12);
const size = process.env.BENCH_SIZE ?? '128';
const batch = process.env.BENCH_BATCH ?? '8';
const photos = 9;

async function photo(seed: number): Promise<Buffer> {
  const w = 200, h = 160, px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) {
    for (let x = 0; x < w; x++) px.set([(x * 255) / w, ((y + seed * 20) * 255) / h % 256, ((x + y + seed * 40) * 97) % 256], (y * w + x) * 3);
  }
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore' });
for (let i = 0; ; i++) {
  const up = await fetch(`http://localhost:${PORT}/`).then((r) => r.ok, () => false);
  if (up) break;
  if (i > 120) throw new Error(`vite preview did not start on port ${PORT}`);
  await new Promise((r) => setTimeout(r, 250));
}
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--no-first-run'] });
const files = await Promise.all(Array.from({ length: photos }, async (_, i) => ({ name: `bench-${i}.jpg`, mimeType: 'image/jpeg', buffer: await photo(i) })));
const rows: string[] = [];
try {
  for (const backend of backends) {
    const context = await browser.newContext();
    const page = await context.newPage();
    await page.goto(`http://localhost:${PORT}/?backend=${backend}#fine-tune`);
    await page.getByLabel('Training photos', { exact: true }).setInputFiles(files);
    await page.locator('[data-testid="training-photo"][data-state="ok"]').nth(photos - 1).waitFor({ timeout: 60_000 });
    await page.getByLabel('Steps', { exact: true }).fill(String(steps));
    await page.getByLabel('Batch size').fill(batch);
    await page.getByLabel('Training size (px)').selectOption(size);
    await page.getByLabel('Preview every (steps)').fill(String(steps));
    await page.getByLabel('Checkpoint every (steps)').fill(String(steps));
    await page.getByRole('button', { name: 'Start training' }).click();
    const stepAt = async () => Number(await page.getByTestId('run-step').getAttribute('data-step'));
    const waitStep = async (n: number) => {
      while ((await stepAt()) < n) await page.waitForTimeout(50);
      return performance.now();
    };
    const t2 = await waitStep(2);
    const tN = await waitStep(steps);
    const worker = await page.getByTestId('backend-name').textContent();
    const stepsPerSecond = (steps - 2) / ((tN - t2) / 1000);
    const line = `| ${backend} | ${size}² | ${batch} | ${stepsPerSecond.toFixed(2)} | ${(stepsPerSecond * Number(batch)).toFixed(1)} | ${worker?.trim()} |`;
    console.log(line);
    rows.push(line);
    await context.close();
  }
} finally {
  await browser.close();
  server.kill();
}
const doc = [
  '# Fine-tuning speed in the browser',
  '',
  `Run by \`npm run bench:finetune\` on ${new Date().toISOString().slice(0, 10)}: Chromium ${browser.version()}, headless, ${os.cpus().length} cores, no GPU (webgl runs on SwiftShader, forced with \`?backend=webgl\`; the app itself skips a software WebGL renderer for training). ${photos} photos (8 to learn from, 1 held out), preview and checkpoint only after the last step; steps 3–${steps} timed. 1-min load average at start: ${os.loadavg()[0]!.toFixed(2)}.`,
  '',
  '| backend | training size | batch | steps/s | images/s | status bar (the colorizer, same forced backend) |',
  '|---|---|---|---|---|---|',
  ...rows,
  '',
].join('\n');
fs.writeFileSync(path.join(ROOT, 'docs/BENCHMARKS-finetune.md'), doc);
