/**
 * npm run bench:browser — colorize timings in real Chromium (the production build, the
 * app's own worker and pipeline, through the ?testhooks bridge): median wall ms per
 * image size and backend, with decode and PNG encode included, and the worker's
 * tf.memory() afterwards. Appends to docs/BENCHMARKS.md's browser section file.
 * Needs `npm run build` first and Chromium at $CHROMIUM_PATH or /usr/bin/chromium.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { chromium } from '@playwright/test';

const ROOT = path.resolve(path.dirname(new URL(import.meta.url).pathname), '..');
const PORT = 4188;
const runs = Number(process.env.BENCH_RUNS ?? 5);
const backends = (process.env.BENCH_BACKENDS ?? 'wasm,webgl').split(',');

async function photo(w: number, h: number): Promise<Buffer> {
  const px = Buffer.alloc(w * h * 3);
  for (let y = 0; y < h; y++) for (let x = 0; x < w; x++) px.set([(x * 255) / w, (y * 255) / h, ((x + y) * 97) % 256], (y * w + x) * 3);
  return sharp(px, { raw: { width: w, height: h, channels: 3 } }).jpeg({ quality: 90 }).toBuffer();
}

const server = spawn('npx', ['vite', 'preview', '--port', String(PORT), '--strictPort'], { cwd: ROOT, stdio: 'ignore' });
await new Promise((r) => setTimeout(r, 3000));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
const lines = [`# Browser benchmarks\n\nRun by \`npm run bench:browser\` on ${new Date().toISOString().slice(0, 10)}: Chromium ${browser.version()}, headless, ${os.cpus().length} cores, no GPU (webgl runs on SwiftShader). Wall time per photo through the app's worker (decode, Lab, model, recombination, PNG encode); median of ${runs}. 1-min load average at start: ${os.loadavg()[0]!.toFixed(2)}.\n`, '| backend | image | median ms | min ms | worker tensors after |', '|---|---|---|---|---|'];
try {
  for (const backend of backends) {
    const page = await browser.newPage();
    await page.goto(`http://localhost:${PORT}/?testhooks&backend=${backend}`);
    await page.waitForFunction(() => window.__colorizerTest !== undefined);
    for (const [w, h] of [[512, 512], [2048, 1536]] as const) {
      const bytes = [...(await photo(w, h))];
      const times: number[] = await page.evaluate(async ({ bytes, runs }) => {
        const data = new Uint8Array(bytes);
        await window.__colorizerTest!.colorize(data, 'warmup.jpg');
        const out: number[] = [];
        for (let i = 0; i < runs; i++) {
          const t0 = performance.now();
          const r = await window.__colorizerTest!.colorize(data, 'bench.jpg');
          if ('error' in r) throw new Error(r.error.message);
          out.push(performance.now() - t0);
        }
        return out;
      }, { bytes, runs });
      const mem = await page.evaluate(() => window.__colorizerTest!.memory());
      const sorted = [...times].sort((a, b) => a - b);
      lines.push(`| ${backend} | ${w}×${h} | ${sorted[Math.floor(sorted.length / 2)]!.toFixed(0)} | ${sorted[0]!.toFixed(0)} | ${mem?.numTensors ?? '?'} |`);
      console.log(lines.at(-1));
    }
    await page.close();
  }
} finally {
  await browser.close();
  server.kill();
}
fs.writeFileSync(path.join(ROOT, 'docs/BENCHMARKS-browser.md'), lines.join('\n') + '\n');
