import { existsSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createRawImage, type RawImage } from '../../core/image';
import { ColorizerError } from '../../core/runtime/errors';
import { decodeImageBuffer, decodeImageFile, encodePng, writePng } from './image-io';

const REPO_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../../..');
const REAL_PHOTO = resolve(REPO_ROOT, '../shared/datasets/bsd100/101085.jpg');

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'image-io-test-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function saved(name: string, bytes: Uint8Array | string): Promise<string> {
  const path = join(dir, name);
  await writeFile(path, bytes);
  return path;
}

function pixel(image: RawImage, x: number, y: number): number[] {
  const i = (y * image.width + x) * 4;
  return Array.from(image.data.subarray(i, i + 4));
}

async function rejection(promise: Promise<unknown>): Promise<ColorizerError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ColorizerError);
  return err as ColorizerError;
}

/** A 40×20 JPEG: red on the left half, blue on the right. */
function redBlueJpeg() {
  const data = new Uint8Array(40 * 20 * 3);
  for (let y = 0; y < 20; y++) for (let x = 0; x < 40; x++) data.set(x < 20 ? [255, 0, 0] : [0, 0, 255], (y * 40 + x) * 3);
  return sharp(data, { raw: { width: 40, height: 20, channels: 3 } }).jpeg({ quality: 95 });
}

/** Noise compresses badly, so half of this JPEG's bytes still holds a full header but half the scan. */
async function noisyJpeg(): Promise<Buffer> {
  const data = new Uint8Array(256 * 256 * 3).map((_, i) => (i * 2654435761) >>> 24);
  return sharp(data, { raw: { width: 256, height: 256, channels: 3 } }).jpeg().toBuffer();
}

describe('decodeImageFile: what it produces', () => {
  it('applies EXIF orientation 6 (90° clockwise): width and height swap, left goes to the top', async () => {
    const bytes = await redBlueJpeg().withMetadata({ orientation: 6 }).toBuffer();
    expect((await sharp(bytes).metadata()).orientation).toBe(6);
    const image = await decodeImageFile(await saved('rotated.jpg', bytes));
    expect([image.width, image.height]).toEqual([20, 40]);
    const [r1, , b1] = pixel(image, 10, 5);
    const [r2, , b2] = pixel(image, 10, 35);
    expect(r1).toBeGreaterThan(200); // top: red
    expect(b1).toBeLessThan(60);
    expect(b2).toBeGreaterThan(200); // bottom: blue
    expect(r2).toBeLessThan(60);
  });

  it('flattens alpha on white', async () => {
    const rgba = new Uint8Array([0, 0, 0, 0, 255, 0, 0, 128, 0, 0, 255, 255, 10, 20, 30, 255]);
    const bytes = await sharp(rgba, { raw: { width: 2, height: 2, channels: 4 } }).png().toBuffer();
    const image = await decodeImageFile(await saved('alpha.png', bytes));
    expect(pixel(image, 0, 0)).toEqual([255, 255, 255, 255]); // transparent -> white
    const [r, g, b, a] = pixel(image, 1, 0); // half-transparent red over white
    expect([r, a]).toEqual([255, 255]);
    expect(Math.abs(g! - 127)).toBeLessThanOrEqual(1);
    expect(Math.abs(b! - 127)).toBeLessThanOrEqual(1);
    expect(pixel(image, 0, 1)).toEqual([0, 0, 255, 255]);
    expect(pixel(image, 1, 1)).toEqual([10, 20, 30, 255]);
  });

  it('reduces a 16-bit PNG to 8 bits', async () => {
    const bytes = await sharp({ create: { width: 3, height: 2, channels: 3, background: { r: 200, g: 100, b: 50 } } })
      .toColourspace('rgb16')
      .png()
      .toBuffer();
    expect((await sharp(bytes).metadata()).depth).toBe('ushort');
    const image = await decodeImageFile(await saved('deep.png', bytes));
    expect(pixel(image, 2, 1)).toEqual([200, 100, 50, 255]);
  });

  it('expands gray and palette PNGs to RGBA', async () => {
    const gray = await sharp({ create: { width: 2, height: 2, channels: 3, background: { r: 90, g: 90, b: 90 } } })
      .toColourspace('b-w')
      .png()
      .toBuffer();
    expect((await sharp(gray).metadata()).channels).toBe(1);
    expect(pixel(await decodeImageBuffer(gray, 'gray.png'), 1, 1)).toEqual([90, 90, 90, 255]);

    const palette = await sharp({ create: { width: 2, height: 2, channels: 3, background: { r: 0, g: 128, b: 255 } } })
      .png({ palette: true })
      .toBuffer();
    expect((await sharp(palette).metadata()).isPalette).toBe(true);
    expect(pixel(await decodeImageBuffer(palette, 'palette.png'), 0, 0)).toEqual([0, 128, 255, 255]);
  });

  it('decodes WebP, GIF, TIFF and AVIF', async () => {
    const base = () => sharp({ create: { width: 8, height: 6, channels: 3, background: { r: 255, g: 255, b: 255 } } });
    const files: Array<[string, Buffer]> = [
      ['a.webp', await base().webp({ lossless: true }).toBuffer()],
      ['a.gif', await base().gif().toBuffer()],
      ['a.tiff', await base().tiff().toBuffer()],
      ['a.avif', await base().avif({ lossless: true }).toBuffer()],
    ];
    for (const [name, bytes] of files) {
      const image = await decodeImageBuffer(bytes, name);
      expect([name, image.width, image.height]).toEqual([name, 8, 6]);
    }
  });

  it('decodes a real photo from the shared BSD100 set', async ({ skip }) => {
    skip(!existsSync(REAL_PHOTO), `${REAL_PHOTO} is absent`);
    const { width, height } = await sharp(REAL_PHOTO).metadata();
    const image = await decodeImageFile(REAL_PHOTO);
    expect([image.width, image.height]).toEqual([width, height]);
    expect(image.data.length).toBe(width! * height! * 4);
    const distinctReds = new Set<number>();
    let translucent = 0;
    for (let i = 0; i < image.data.length; i += 4) {
      if (image.data[i + 3] !== 255) translucent++;
      distinctReds.add(image.data[i]!);
    }
    expect(translucent).toBe(0);
    expect(distinctReds.size).toBeGreaterThan(50);
  });
});

describe('decodeImageFile: clear errors naming the file', () => {
  it('0-byte file -> empty-file', async () => {
    const path = await saved('empty.jpg', new Uint8Array(0));
    const err = await rejection(decodeImageFile(path));
    expect(err.code).toBe('empty-file');
    expect(err.message).toBe(`${path} is empty (0 bytes)`);
  });

  it('text renamed .jpg -> not-an-image', async () => {
    const path = await saved('notes.jpg', 'Shopping list: milk, eggs, a better camera.\n');
    const err = await rejection(decodeImageFile(path));
    expect(err.code).toBe('not-an-image');
    expect(err.message).toContain(path);
  });

  it('truncated JPEG (first half of its bytes) -> corrupt-image', async () => {
    const bytes = await noisyJpeg();
    const path = await saved('truncated.jpg', bytes.subarray(0, bytes.length >> 1));
    const err = await rejection(decodeImageFile(path));
    expect(err.code).toBe('corrupt-image');
    expect(err.message).toContain(path);
    expect(err.message).toMatch(/truncated or damaged/);
  });

  it('a JPEG signature with garbage after it -> corrupt-image', async () => {
    const err = await rejection(decodeImageBuffer(new Uint8Array([0xff, 0xd8, 0xff, 0xe0, 1, 2, 3, 4]), 'bad.jpg'));
    expect(err.code).toBe('corrupt-image');
  });

  it('HEIC -> unsupported-format with advice', async () => {
    // An ISO-BMFF 'ftyp' box with HEIC brands, as iPhones write (sharp here cannot encode HEVC).
    const heic = new Uint8Array([0, 0, 0, 24, ...Buffer.from('ftypheic\0\0\0\0mif1heic'), 0, 0, 0, 0]);
    const path = await saved('IMG_1234.HEIC', heic);
    const err = await rejection(decodeImageFile(path));
    expect(err.code).toBe('unsupported-format');
    expect(err.message).toBe(`${path}: HEIC photos are not supported; convert to JPEG or PNG`);
  });

  it('BMP -> unsupported-format in Node (the browser decodes it)', async () => {
    const bmp = new Uint8Array([0x42, 0x4d, 70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0, 1, 0]);
    const err = await rejection(decodeImageBuffer(bmp, 'old.bmp'));
    expect(err.code).toBe('unsupported-format');
    expect(err.message).toMatch(/^old\.bmp: BMP .* convert to PNG/);
  });

  it('missing file -> invalid-argument', async () => {
    const err = await rejection(decodeImageFile(join(dir, 'nope.png')));
    expect(err.code).toBe('invalid-argument');
    expect(err.message).toMatch(/nope\.png: no such file/);
  });

  it('more pixels than maxPixels -> image-too-large, read from the header', async () => {
    const bytes = await redBlueJpeg().toBuffer();
    const err = await rejection(decodeImageBuffer(bytes, 'wide.jpg', { maxPixels: 799 }));
    expect(err.code).toBe('image-too-large');
    expect(err.message).toContain('wide.jpg is 40×20');
    await expect(decodeImageBuffer(bytes, 'wide.jpg', { maxPixels: 800 })).resolves.toBeTruthy();
  });
});

describe('encodePng / writePng', () => {
  const rgba = (alpha: number) =>
    createRawImage(3, 2, new Uint8ClampedArray(24).map((_, i) => (i % 4 === 3 ? alpha : i * 10)));

  it('round-trips an opaque image exactly and writes it as RGB', async () => {
    const image = rgba(255);
    const png = await encodePng(image);
    expect((await sharp(png).metadata()).channels).toBe(3);
    expect(Array.from((await decodeImageBuffer(png, 'out.png')).data)).toEqual(Array.from(image.data));
  });

  it('keeps alpha when some pixels are transparent', async () => {
    const meta = await sharp(await encodePng(rgba(100))).metadata();
    expect([meta.channels, meta.hasAlpha]).toEqual([4, true]);
  });

  it('writePng writes a decodable file', async () => {
    const path = join(dir, 'written.png');
    await writePng(path, rgba(255));
    expect((await decodeImageFile(path)).width).toBe(3);
  });
});
