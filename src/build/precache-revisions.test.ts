import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { assertPrecached, listModelFiles, modelFolderOf, readModelVersions, versionModelEntries } from './precache-revisions';

const entries = [
  { url: 'index.html', revision: 'aaa', size: 1 },
  { url: 'assets/index-abc.js', revision: null, size: 2 },
  { url: 'models/chromagan/v1/model.json', revision: 'm1', size: 3 },
  { url: 'models/chromagan/v1/weights.bin', revision: 'w1', size: 4 },
  { url: 'models/chromagan/v1/manifest.json', revision: 'f1', size: 5 },
  { url: 'models/encoder/mobilenet_v2/model.json', revision: 'e1', size: 6 },
  { url: 'models/encoder/mobilenet_v2/weights.bin', revision: 'e2', size: 7 },
];
const versions = { 'models/chromagan/v1/': 'untrained' };
const revisionOf = (manifest: { url: string; revision: string | null }[], url: string) => manifest.find((e) => e.url === url)!.revision;

describe('modelFolderOf', () => {
  it('finds the model folder of a model file only', () => {
    expect(modelFolderOf('models/chromagan/v1/weights.bin')).toBe('models/chromagan/v1/');
    expect(modelFolderOf('/models/encoder/mobilenet_v2/model.json')).toBe('models/encoder/mobilenet_v2/');
    expect(modelFolderOf('models/readme.txt')).toBeNull();
    expect(modelFolderOf('assets/tfjs-backend-wasm-simd.wasm')).toBeNull();
  });
});

describe('versionModelEntries', () => {
  it('gives every file of a model one revision, prefixed with its manifest version', () => {
    const { manifest, warnings } = versionModelEntries(entries, versions);
    expect(warnings).toEqual([]);
    const generator = ['model.json', 'weights.bin', 'manifest.json'].map((f) => revisionOf(manifest, `models/chromagan/v1/${f}`));
    expect(new Set(generator).size).toBe(1);
    expect(generator[0]).toMatch(/^untrained\.[0-9a-f]{16}$/);
    const encoder = revisionOf(manifest, 'models/encoder/mobilenet_v2/model.json');
    expect(encoder).toMatch(/^[0-9a-f]{16}$/);
    expect(revisionOf(manifest, 'models/encoder/mobilenet_v2/weights.bin')).toBe(encoder);
    // Other files are left alone.
    expect(revisionOf(manifest, 'index.html')).toBe('aaa');
    expect(revisionOf(manifest, 'assets/index-abc.js')).toBeNull();
  });

  it('changes the whole model revision when one file or the version changes, and nothing else', () => {
    const before = versionModelEntries(entries, versions).manifest;
    const newWeights = entries.map((e) => (e.url.endsWith('v1/weights.bin') ? { ...e, revision: 'w2' } : e));
    const after = versionModelEntries(newWeights, versions).manifest;
    expect(revisionOf(after, 'models/chromagan/v1/model.json')).not.toBe(revisionOf(before, 'models/chromagan/v1/model.json'));
    expect(revisionOf(after, 'models/encoder/mobilenet_v2/model.json')).toBe(revisionOf(before, 'models/encoder/mobilenet_v2/model.json'));
    const retrained = versionModelEntries(entries, { 'models/chromagan/v1/': '2025-01-trained' }).manifest;
    expect(revisionOf(retrained, 'models/chromagan/v1/weights.bin')).toMatch(/^2025-01-trained\./);
    // Deterministic, whatever the order Workbox lists the files in.
    expect(versionModelEntries([...entries].reverse(), versions).manifest.map((e) => e.revision).reverse()).toEqual(before.map((e) => e.revision));
  });

  it('warns when a model file has no content revision', () => {
    const { warnings } = versionModelEntries([{ url: 'models/a/b/w.bin', revision: null, size: 1 }], {});
    expect(warnings).toHaveLength(1);
  });
});

describe('readModelVersions', () => {
  let dir: string | null = null;
  afterEach(() => {
    if (dir) fs.rmSync(dir, { recursive: true, force: true });
    dir = null;
  });

  it('reads the version of each model folder that has a manifest.json', () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'models-'));
    fs.mkdirSync(path.join(dir, 'models/chromagan/v1'), { recursive: true });
    fs.mkdirSync(path.join(dir, 'models/encoder/mobilenet_v2'), { recursive: true });
    fs.writeFileSync(path.join(dir, 'models/chromagan/v1/manifest.json'), JSON.stringify({ name: 'x', version: 'step-1200' }));
    expect(readModelVersions(dir)).toEqual({ 'models/chromagan/v1/': 'step-1200' });
    fs.writeFileSync(path.join(dir, 'models/chromagan/v1/manifest.json'), JSON.stringify({ name: 'x' }));
    expect(() => readModelVersions(dir!)).toThrow(/version/);
  });

  it('reads the real public/ folder', () => {
    const real = readModelVersions(path.resolve(__dirname, '../../public'));
    expect(typeof real['models/chromagan/v1/']).toBe('string');
  });
});

describe('assertPrecached', () => {
  it('throws naming the model files the manifest lacks', () => {
    expect(() => assertPrecached(entries, ['models/chromagan/v1/weights.bin', 'models/encoder/mobilenet_v2/model.json'])).not.toThrow();
    expect(() => assertPrecached(entries.slice(0, 3), ['models/chromagan/v1/weights.bin'])).toThrow(/models\/chromagan\/v1\/weights\.bin/);
  });

  it('finds the real model files', () => {
    const files = listModelFiles(path.resolve(__dirname, '../../public'));
    expect(files).toEqual(expect.arrayContaining(['models/chromagan/v1/weights.bin', 'models/chromagan/v1/model.json', 'models/encoder/mobilenet_v2/weights.bin']));
    expect(files.every((f) => /\.(json|bin)$/.test(f))).toBe(true);
  });
});
