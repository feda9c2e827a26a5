import { execFile } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `npx tsx src/cli/metrics.ts ...args` from the repo root. */
function runMetrics(...args: string[]): Promise<Run> {
  return new Promise((done) => {
    execFile('npx', ['tsx', 'src/cli/metrics.ts', ...args], { cwd: REPO_ROOT }, (err, stdout, stderr) => {
      done({ code: err ? Number(err.code) : 0, stdout, stderr });
    });
  });
}

let dir: string;
const path = (name: string) => join(dir, name);

/** A w×h PNG of uniform gray `level`. */
async function grayPng(name: string, level: number, w = 24, h = 16): Promise<void> {
  await sharp({ create: { width: w, height: h, channels: 3, background: { r: level, g: level, b: level } } })
    .png()
    .toFile(path(name));
}

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'metrics-cli-test-'));
  await grayPng('a.png', 100);
  await grayPng('b.png', 110);
  await grayPng('small.png', 100, 8, 8);
  await writeFile(path('text.png'), 'not a picture');
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe.concurrent('metrics CLI', () => {
  it('prints one JSON line with PSNR and SSIM', async () => {
    const run = await runMetrics(path('a.png'), path('b.png'));
    expect(run.code).toBe(0);
    expect(run.stdout.endsWith('\n')).toBe(true);
    expect(run.stdout.trim().split('\n')).toHaveLength(1);
    const result = JSON.parse(run.stdout) as { psnr: number; ssim: number };
    expect(Object.keys(result)).toEqual(['psnr', 'ssim']);
    // Uniform offset of 10: MSE 100.
    expect(result.psnr).toBeCloseTo(10 * Math.log10(255 ** 2 / 100), 9);
    // Flat images: SSIM is the luminance term alone.
    const c1 = (0.01 * 255) ** 2;
    expect(result.ssim).toBeCloseTo((2 * 100 * 110 + c1) / (100 ** 2 + 110 ** 2 + c1), 9);
  });

  it('reports identical images as "psnr": "Infinity" (valid JSON)', async () => {
    const run = await runMetrics(path('a.png'), path('a.png'));
    expect(run.code).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({ psnr: 'Infinity', ssim: 1 });
  });

  it('exits 2 with usage on stderr for a wrong number of arguments', async () => {
    const run = await runMetrics(path('a.png'));
    expect(run.code).toBe(2);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/usage: npm run -s metrics -- <reference> <candidate>/);
  });

  it('exits 1 with the decoder message for a file that is not an image', async () => {
    const run = await runMetrics(path('a.png'), path('text.png'));
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toContain(`${path('text.png')} is not an image`);
  });

  it('exits 1 when the sizes differ', async () => {
    const run = await runMetrics(path('a.png'), path('small.png'));
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/different sizes: reference is 24×16, candidate is 8×8/);
  });
});
