/**
 * End-to-end smoke test of the training CLI on generated photos: feature cache,
 * training steps with checkpoints, resume, validation and export.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'train-cli-'));
const data = path.join(tmp, 'photos');
const val = path.join(tmp, 'val');
const run = path.join(tmp, 'run');

async function writePhotos(dir: string, n: number, seed: number) {
  fs.mkdirSync(dir, { recursive: true });
  for (let i = 0; i < n; i++) {
    const px = Buffer.alloc(64 * 64 * 3);
    for (let p = 0; p < 64 * 64; p++) {
      const x = p % 64, y = Math.floor(p / 64);
      px[p * 3] = (x * 4 + i * 30 + seed) % 256;
      px[p * 3 + 1] = (y * 4 + i * 50) % 256;
      px[p * 3 + 2] = ((x + y) * 2 + i * 70) % 256;
    }
    await sharp(px, { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toFile(path.join(dir, `p${i}.jpg`));
  }
}

function train(...extra: string[]): string {
  return execFileSync('npx', ['tsx', 'src/cli/train.ts', '--data', data, '--size', '64', '--cache', path.join(tmp, 'cache'), '--out', run, '--batch', '4', '--val', val, '--val-count', '2', ...extra], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 240_000,
  });
}

beforeAll(async () => {
  await writePhotos(data, 8, 0);
  await writePhotos(val, 2, 99);
}, 60_000);

describe('train CLI', () => {
  it('caches features, trains, checkpoints, resumes, validates and exports', () => {
    train('--steps', '2', '--checkpoint-every', '1', '--val-every', '2');
    expect(fs.existsSync(path.join(run, 'checkpoint/decoder/model.json'))).toBe(true);
    const log1 = fs.readFileSync(path.join(run, 'losses.csv'), 'utf8').trim().split('\n');
    expect(log1).toHaveLength(3); // header + 2 steps
    expect(fs.readFileSync(path.join(run, 'val.csv'), 'utf8')).toMatch(/^2,2,/m);

    train('--steps', '3', '--val-every', '0');
    const log2 = fs.readFileSync(path.join(run, 'losses.csv'), 'utf8').trim().split('\n');
    expect(log2).toHaveLength(4);
    expect(log2[3]!.startsWith('3,')).toBe(true); // resumed at step 3, not from scratch
    const state = JSON.parse(fs.readFileSync(path.join(run, 'checkpoint/state.json'), 'utf8'));
    expect(state.step).toBe(3);

    const out = path.join(tmp, 'export');
    train('--phase', 'export', '--export', out, '--quantize', 'float16');
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ trained: true, trainingSteps: 3, weights: 'float16' });
    expect(fs.statSync(path.join(out, 'weights.bin')).size).toBeGreaterThan(1000);
  }, 300_000);

  it('refuses to train on the validation set', () => {
    expect(() => execFileSync('npx', ['tsx', 'src/cli/train.ts', '--data', val, '--val', val, '--phase', 'cache'], { stdio: 'pipe', encoding: 'utf8' }))
      .toThrow(/validation set; refusing to train on it/);
  }, 60_000);
});
