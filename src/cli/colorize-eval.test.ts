/** The colorize and eval CLIs on generated images (structure, not quality). */
import { execFileSync, spawnSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-'));
const photos = path.join(tmp, 'photos');

beforeAll(async () => {
  fs.mkdirSync(photos);
  const px = Buffer.alloc(96 * 40 * 3);
  for (let i = 0; i < 96 * 40; i++) px.set([(i * 7) % 256, (i * 3) % 256, 200], i * 3);
  await sharp(px, { raw: { width: 96, height: 40, channels: 3 } }).png().toFile(path.join(photos, 'wide.png'));
  await sharp(px, { raw: { width: 96, height: 40, channels: 3 } }).rotate(90).jpeg().toFile(path.join(photos, 'tall.jpg'));
  fs.writeFileSync(path.join(tmp, 'notes.jpg'), 'this is text, not a photo');
}, 30_000);

describe('colorize CLI', () => {
  it('writes full-resolution PNGs and reports bad files without stopping', async () => {
    const out = path.join(tmp, 'out');
    const r = spawnSync('npx', ['tsx', 'src/cli/colorize.ts', path.join(photos, 'wide.png'), path.join(tmp, 'notes.jpg'), path.join(photos, 'tall.jpg'), '--out', out], { encoding: 'utf8', timeout: 120_000 });
    expect(r.status).toBe(1); // one input failed
    expect(r.stderr).toMatch(/notes\.jpg/);
    expect((await sharp(path.join(out, 'wide.png')).metadata())).toMatchObject({ width: 96, height: 40 });
    expect((await sharp(path.join(out, 'tall.png')).metadata())).toMatchObject({ width: 40, height: 96 });
  }, 120_000);

  it('explains its usage', () => {
    const r = spawnSync('npx', ['tsx', 'src/cli/colorize.ts'], { encoding: 'utf8' });
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(/usage: npm run -s colorize/);
  }, 60_000);
});

describe('eval CLI', () => {
  it('writes model, gray and reference numbers and prints a table', () => {
    const json = path.join(tmp, 'eval.json');
    const stdout = execFileSync('npx', ['tsx', 'src/cli/eval.ts', '--data', photos, '--json', json, '--size', '64'], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000 });
    const r = JSON.parse(fs.readFileSync(json, 'utf8'));
    for (const k of ['psnr', 'ssim', 'colorfulness']) expect(Number.isFinite(r.model[k])).toBe(true);
    expect(Number.isFinite(r.gray.psnr)).toBe(true);
    expect(r.reference.colorfulness).toBeGreaterThan(0);
    expect(r.images).toHaveLength(2);
    expect(stdout).toMatch(/model\s+[\d.]+\s+[\d.]+/);
    expect(stdout).toMatch(/gray\s+[\d.]+/);
  }, 120_000);
});
