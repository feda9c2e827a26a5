/**
 * Smoke test of the score-network training CLI: a tiny feature cache built here (8 generated
 * photos at 64², on the cpu backend), 3 training steps, a checkpoint, a resume and an export.
 */
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadEncoder } from '../core/model/encoder';
import { fileLoadHandler } from '../platform/node/model-files';
import { ENCODER_MODEL_JSON } from '../platform/node/load-colorizer';
import { listImageFiles } from '../platform/node/training-images';
import { buildFeatureCache } from './train/feature-cache';

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'train-score-'));
const photos = path.join(tmp, 'photos');
const cache = path.join(tmp, 'cache');
const run = path.join(tmp, 'run');

beforeAll(async () => {
  await tf.setBackend('cpu');
  fs.mkdirSync(photos, { recursive: true });
  for (let i = 0; i < 4; i++) {
    const px = Buffer.alloc(64 * 64 * 3);
    for (let p = 0; p < 64 * 64; p++) {
      const x = p % 64, y = Math.floor(p / 64);
      px[p * 3] = (x * 4 + i * 30) % 256;
      px[p * 3 + 1] = (y * 4 + i * 50) % 256;
      px[p * 3 + 2] = ((x + y) * 2 + i * 70) % 256;
    }
    await sharp(px, { raw: { width: 64, height: 64, channels: 3 } }).jpeg().toFile(path.join(photos, `p${i}.jpg`));
  }
  const encoder = await loadEncoder(fileLoadHandler(ENCODER_MODEL_JSON));
  await buildFeatureCache({ files: listImageFiles(photos), size: 64, dir: cache, encoder });
  encoder.dispose();
}, 60_000);

afterAll(() => fs.rmSync(tmp, { recursive: true, force: true }));

function trainScore(...extra: string[]): string {
  return execFileSync('npx', ['tsx', 'src/cli/train-score.ts', '--cache', cache, '--out', run, '--batch', '4', '--levels', '4', ...extra], {
    encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
  });
}

describe('train:score CLI', () => {
  it('trains 3 steps from a feature cache, writes the losses CSV and a checkpoint, resumes and exports', () => {
    trainScore('--steps', '3', '--checkpoint-every', '2');
    const log = fs.readFileSync(path.join(run, 'losses.csv'), 'utf8').trim().split('\n');
    expect(log[0]).toBe('step,epoch,seconds,loss,loss_sigma0,loss_sigma1,loss_sigma2,loss_sigma3');
    expect(log).toHaveLength(4); // header + 3 steps
    for (const row of log.slice(1)) expect(Number.isFinite(Number(row.split(',')[3]))).toBe(true);
    expect(fs.existsSync(path.join(run, 'checkpoint/score/model.json'))).toBe(true);
    expect(fs.existsSync(path.join(run, 'checkpoint/adam-score.bin'))).toBe(true);
    const state = JSON.parse(fs.readFileSync(path.join(run, 'checkpoint/state.json'), 'utf8'));
    expect(state.step).toBe(3);
    expect(state.config.sigmas).toHaveLength(4);
    // The weight EMA (default decay 0.999) is checkpointed with its update count.
    expect(fs.existsSync(path.join(run, 'checkpoint/score-ema/model.json'))).toBe(true);
    expect(state.emaUpdates).toBe(3);
    expect(state.config.emaDecay).toBe(0.999);

    const out = path.join(tmp, 'export');
    trainScore('--steps', '4', '--export', out, '--quantize', 'float16');
    const log2 = fs.readFileSync(path.join(run, 'losses.csv'), 'utf8').trim().split('\n');
    expect(log2).toHaveLength(5);
    expect(log2[4]!.startsWith('4,')).toBe(true); // resumed at step 4, not from scratch
    const manifest = JSON.parse(fs.readFileSync(path.join(out, 'manifest.json'), 'utf8'));
    expect(manifest).toMatchObject({ name: 'Langevin-score', trained: true, trainingSteps: 4, weights: 'float16' });
    expect(manifest.training).toMatchObject({ weights: 'ema', emaUpdates: 4 }); // resumed the average: 3 + 1
    expect(manifest.description).toMatch(/weights: EMA \(decay 0.999, 4 updates\)/);
    const rawOut = path.join(tmp, 'export-raw');
    trainScore('--steps', '4', '--export', rawOut, '--export-weights', 'raw');
    const rawManifest = JSON.parse(fs.readFileSync(path.join(rawOut, 'manifest.json'), 'utf8'));
    expect(rawManifest.training.weights).toBe('raw');
    expect(fs.readFileSync(path.join(rawOut, 'weights.bin')).equals(fs.readFileSync(path.join(out, 'weights.bin')))).toBe(false);
    expect(manifest.langevin.sigmas).toEqual(state.config.sigmas);
    const bytes = fs.statSync(path.join(out, 'weights.bin')).size;
    expect(bytes).toBeGreaterThan(100_000);
    expect(bytes).toBeLessThan(10 * 1024 * 1024);
  }, 120_000);

  it('--init starts a new run from an exported net: its ladder, counting on from its step', () => {
    const out = path.join(tmp, 'export'); // written by the first test (step 4)
    const run2 = path.join(tmp, 'run-init');
    execFileSync('npx', ['tsx', 'src/cli/train-score.ts', '--cache', cache, '--out', run2, '--batch', '4', '--init', out, '--steps', '6'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
    });
    const log = fs.readFileSync(path.join(run2, 'losses.csv'), 'utf8').trim().split('\n');
    expect(log.slice(1).map((r) => r.split(',')[0])).toEqual(['5', '6']);
    const state = JSON.parse(fs.readFileSync(path.join(run2, 'checkpoint/state.json'), 'utf8'));
    expect(state.step).toBe(6);
    expect(state.config.sigmas).toHaveLength(4); // the export's ladder, not the default 10 levels
    expect(state.config.initFrom).toBe(out);
    expect(() => execFileSync('npx', ['tsx', 'src/cli/train-score.ts', '--cache', cache, '--out', path.join(tmp, 'run-bad'), '--init', path.join(tmp, 'nope')], { stdio: 'pipe', encoding: 'utf8' }))
      .toThrow(/--init: no exported score network/);
  }, 120_000);

  it('`npm run train -- --model score` trains the score network through the one training command', () => {
    const run3 = path.join(tmp, 'run-via-train');
    execFileSync('npx', ['tsx', 'src/cli/train-cli.ts', '--model', 'score', '--phase', 'train', '--cache', cache, '--out', run3, '--batch', '4', '--levels', '4', '--steps', '1'], {
      encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'], timeout: 120_000,
    });
    expect(JSON.parse(fs.readFileSync(path.join(run3, 'checkpoint/state.json'), 'utf8')).step).toBe(1);
    const cli = (...a: string[]) => execFileSync('npx', ['tsx', 'src/cli/train-cli.ts', ...a], { stdio: 'pipe', encoding: 'utf8' });
    expect(() => cli('--model=vae')).toThrow(/--model must be gan or score, got "vae"/);
    expect(() => cli('--model', 'score', '--phase', 'teacher')).toThrow(/phases cache and train, not "teacher"/);
  }, 120_000);

    it('refuses to resume with a different σ ladder, and explains a missing cache', () => {
    expect(() => trainScore('--steps', '5', '--levels', '6')).toThrow(/trained with σ ladder/);
    expect(() => execFileSync('npx', ['tsx', 'src/cli/train-score.ts', '--cache', path.join(tmp, 'nope')], { stdio: 'pipe', encoding: 'utf8' }))
      .toThrow(/no feature cache .* --phase cache/);
  }, 60_000);
});
