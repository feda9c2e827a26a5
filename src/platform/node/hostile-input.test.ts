/**
 * The hostile-input corpus (scripts/hostile-corpus.ts) through the Node decoder and
 * the colorize pipeline, then the colorize CLI on a mix of bad and good files.
 * The pipeline uses a stand-in model with a known answer (a = 20, b = −30), so
 * these tests check decoding, orientation, sizes and messages, not model quality.
 * Expected behaviour per case: docs/hostile-input.md.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import sharp from 'sharp';
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  buildBatch,
  buildHostileCorpus,
  QUADRANT_ORDER,
  quadrantColours,
  type HostileCase,
  type OkExpectation,
} from '../../../scripts/hostile-corpus';
import type { RawImage } from '../../core/image';
import type { Colorizer } from '../../core/model/colorizer';
import { AB_STRIDE } from '../../core/model/config';
import { colorize } from '../../core/pipeline/colorize';
import { ColorizerError } from '../../core/runtime/errors';
import { decodeImageBuffer } from './image-io';

const REPO_ROOT = resolve(__dirname, '../../..');

/** Stand-in model: a = 20, b = −30 everywhere. */
function constantColorizer(inputSize = 64): Colorizer {
  return {
    info: { name: 'constant', version: 'test', trained: false },
    inputSize,
    predictAb() {
      const g = inputSize / AB_STRIDE;
      return tf.tidy(() => tf.concat([tf.fill([1, g, g, 1], 20), tf.fill([1, g, g, 1], -30)], 3) as tf.Tensor4D);
    },
    decoder: null as never,
    encoder: null as never,
    dispose() {},
  };
}

function pixel(image: RawImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return Array.from(image.data.subarray(i, i + 4));
}

/** Gray value at the centre of each quadrant (TL, TR, BL, BR). */
function quadrantGray(image: RawImage): number[] {
  const { width: w, height: h } = image;
  return [[w / 4, h / 4], [(3 * w) / 4, h / 4], [w / 4, (3 * h) / 4], [(3 * w) / 4, (3 * h) / 4]].map(([x, y]) => pixel(image, Math.floor(x!), Math.floor(y!))[0]!);
}

async function outcome(c: HostileCase): Promise<{ image: RawImage } | { error: ColorizerError }> {
  try {
    return { image: await decodeImageBuffer(c.bytes, c.name) };
  } catch (err) {
    expect(err).toBeInstanceOf(ColorizerError);
    return { error: err as ColorizerError };
  }
}

/** Checks a decoded image and its colorization against an ok expectation. */
async function expectGood(c: HostileCase, image: RawImage, e: OkExpectation, colorizer: Colorizer): Promise<void> {
  expect([image.width, image.height], `${c.name} decoded size`).toEqual([e.width, e.height]);
  if (e.quadrants) expect(quadrantColours(image), `${c.name} orientation`).toEqual([...QUADRANT_ORDER]);
  if (e.whiteAt) expect(pixel(image, ...e.whiteAt), `${c.name} transparent → white`).toEqual([255, 255, 255, 255]);
  if (e.centre) {
    const [r, g, b] = pixel(image, image.width >> 1, image.height >> 1);
    for (const [got, want] of [[r!, e.centre.rgb[0]], [g!, e.centre.rgb[1]], [b!, e.centre.rgb[2]]] as const) {
      expect(Math.abs(got - want), `${c.name} centre ${[r, g, b]} vs ${e.centre.rgb}`).toBeLessThanOrEqual(e.centre.tolerance);
    }
  }
  for (let i = 3; i < image.data.length; i += 4) if (image.data[i] !== 255) throw new Error(`${c.name}: pixel ${i >> 2} is not opaque`);

  const r = await colorize(colorizer, image);
  expect([r.colorized.width, r.colorized.height], `${c.name} output size`).toEqual([e.width, e.height]);
  expect([r.gray.width, r.gray.height]).toEqual([e.width, e.height]);
  expect(r.hasColourReference, `${c.name} colour reference`).toBe(e.colourReference);
  expect(r.metrics === null).toBe(!e.colourReference);
  if (e.quadrants) {
    // The output keeps the input's own lightness, so the orientation survives colorizing:
    // yellow (BR) > green (TR) > red (TL) > blue (BL) in lightness.
    const [tl, tr, bl, br] = quadrantGray(r.gray);
    expect(br! > tr! && tr! > tl! && tl! > bl!, `${c.name} gray quadrants ${[tl, tr, bl, br]}`).toBe(true);
  }
}

let cases: HostileCase[];
let batch: HostileCase[];
beforeAll(async () => {
  await tf.setBackend('cpu');
  [cases, batch] = await Promise.all([buildHostileCorpus(), buildBatch()]);
});

describe('hostile corpus', () => {
  it('has at least 30 single-file cases with unique names, plus a 50-file batch', () => {
    expect(cases.length).toBeGreaterThanOrEqual(30);
    expect(new Set(cases.map((c) => c.name)).size).toBe(cases.length);
    expect(batch).toHaveLength(50);
    expect(batch.filter((c) => !c.expect.node.ok).length).toBe(5);
  });

  it('stores EXIF orientations 1–8, with width and height swapped in storage for 5–8', async () => {
    for (let o = 1; o <= 8; o++) {
      const c = cases.find((x) => x.name === `orientation-${o}.jpg`)!;
      const meta = await sharp(c.bytes).metadata();
      expect(meta.orientation).toBe(o);
      expect([meta.width, meta.height]).toEqual(o >= 5 ? [40, 64] : [64, 40]);
    }
  });
});

describe('Node decoder + pipeline on every case', () => {
  it('each case decodes and colorizes as expected, or fails with a message naming the file and the reason', async () => {
    const colorizer = constantColorizer();
    const seen: string[] = [];
    for (const c of cases) {
      const e = c.expect.node;
      const got = await outcome(c);
      if (e.ok) {
        if ('error' in got) throw new Error(`${c.name}: expected an image, got ${got.error.code}: ${got.error.message}`);
        await expectGood(c, got.image, e, colorizer);
      } else {
        if ('image' in got) throw new Error(`${c.name}: expected ${e.code}, got a ${got.image.width}×${got.image.height} image`);
        expect(got.error.code, `${c.name}: ${got.error.message}`).toBe(e.code);
        expect(got.error.message).toContain(c.name);
        expect(got.error.message).toMatch(new RegExp(e.reason));
      }
      seen.push(c.name);
    }
    expect(seen).toHaveLength(cases.length);
  });

  it('a 50-file batch with 5 bad files: 45 results of the right size, 5 named errors, in order', async () => {
    const colorizer = constantColorizer(32);
    const log: string[] = [];
    for (const c of batch) {
      const got = await outcome(c);
      const e = c.expect.node;
      if ('image' in got) {
        expect(e.ok, c.name).toBe(true);
        const r = await colorize(colorizer, got.image, { computeMetrics: false });
        expect([r.colorized.width, r.colorized.height]).toEqual([(e as OkExpectation).width, (e as OkExpectation).height]);
        log.push(`${c.name} ok`);
      } else {
        expect(e.ok, `${c.name}: ${got.error.message}`).toBe(false);
        expect(got.error.code).toBe((e as { code: string }).code);
        expect(got.error.message).toContain(c.name);
        log.push(`${c.name} ${got.error.code}`);
      }
    }
    expect(log.filter((l) => l.endsWith(' ok'))).toHaveLength(45);
    expect(log.map((l) => l.split(' ')[0])).toEqual(batch.map((c) => c.name));
  });
});

describe('colorize CLI on bad and good files', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'hostile-cli-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('writes the good ones at full size, names each bad one with its reason, carries on, exits 1', async () => {
    const names = ['empty.jpg', 'notes.jpg', 'truncated.jpg', 'IMG_0001.HEIC', 'bomb.png', 'photo.bmp', 'orientation-6.jpg', 'alpha.png', 'panorama-1x20.png', 'grayscale-photo.jpg'];
    const files = names.map((name) => {
      const path = join(dir, name);
      writeFileSync(path, cases.find((c) => c.name === name)!.bytes);
      return path;
    });
    const out = join(dir, 'out');
    const r = spawnSync('npx', ['tsx', 'src/cli/colorize.ts', ...files, '--out', out, '--size', '64'], { cwd: REPO_ROOT, encoding: 'utf8', timeout: 150_000 });
    expect(r.status, r.stderr).toBe(1);
    const lines = r.stderr.split('\n');
    const lineFor = (name: string) => lines.find((l) => l.includes(name)) ?? '';
    expect(lineFor('empty.jpg')).toMatch(/is empty \(0 bytes\)/);
    expect(lineFor('notes.jpg')).toMatch(/is not an image/);
    expect(lineFor('truncated.jpg')).toMatch(/looks like a JPEG file but could not be decoded; it may be truncated or damaged/);
    expect(lineFor('IMG_0001.HEIC')).toMatch(/HEIC photos are not supported; convert to JPEG or PNG/);
    expect(lineFor('bomb.png')).toMatch(/is 50000×50000 \(2500 MP\); the limit is 100 MP/);
    expect(lineFor('photo.bmp')).toMatch(/BMP images are not supported by the command-line tools; convert to PNG/);
    for (const [name, w, h] of [['orientation-6', 64, 40], ['alpha', 48, 32], ['panorama-1x20', 100, 2000], ['grayscale-photo', 96, 64]] as const) {
      const meta = await sharp(join(out, `${name}.png`)).metadata();
      expect([name, meta.width, meta.height]).toEqual([name, w, h]);
      expect(lineFor(`${name}.`)).toMatch(new RegExp(`→ .*${name}\\.png \\(${w}×${h},`));
    }
    expect(lineFor('grayscale-photo.')).toMatch(/no colour reference/);
  }, 160_000);
});
