/**
 * The hostile-input corpus: every kind of file real users drop on the app, generated
 * from nothing at test time (no third-party files are committed). Used by
 * src/platform/node/hostile-input.test.ts (Node decoder, pipeline, CLI) and
 * e2e/hostile-input.spec.ts (the real app in Chromium); the expected behaviour of
 * each case is the table in docs/hostile-input.md.
 *
 *   npx tsx scripts/hostile-corpus.ts <dir> [--huge] [--batch]
 *
 * writes every case into <dir> plus <dir>/index.json (names, how each was made,
 * expectations). --huge adds the 12000×8000 JPEG (a few seconds), --batch the
 * 50-file batch in <dir>/batch/.
 *
 * Orientation cases are detectable: the intended picture has four coloured quadrants
 * (red top-left, green top-right, blue bottom-left, yellow bottom-right); each
 * orientation-N.jpg stores the pixels so that applying EXIF orientation N shows that
 * picture again, so after decoding the quadrants must be back in place (and for
 * N = 5..8 the stored width and height are swapped).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';

export type Platform = 'node' | 'browser';

/** A decoded image that must come out of the decoder and the pipeline. */
export interface OkExpectation {
  readonly ok: true;
  /** Decoded (display) size = output size. */
  readonly width: number;
  readonly height: number;
  /** The four quadrants are red, green, blue, yellow (TL, TR, BL, BR) after decoding. */
  readonly quadrants?: boolean;
  /** Whether the input has colour (PSNR/SSIM shown) or not ("no colour reference"). */
  readonly colourReference: boolean;
  /** A pixel that was transparent and must be white after decoding. */
  readonly whiteAt?: readonly [number, number];
  /** Expected decoded RGB at the centre, ± tolerance (for solid images). */
  readonly centre?: { readonly rgb: readonly [number, number, number]; readonly tolerance: number };
}

/** A file that must be refused with a ColorizerError naming it. */
export interface ErrorExpectation {
  readonly ok: false;
  readonly code: 'empty-file' | 'not-an-image' | 'unsupported-format' | 'corrupt-image' | 'image-too-large';
  /** Regular expression (source) the message must match besides naming the file. */
  readonly reason: string;
}

export type Expectation = OkExpectation | ErrorExpectation;

export interface HostileCase {
  /** File name, also the case id. */
  readonly name: string;
  /** How the file was made, for the docs table. */
  readonly how: string;
  /** Expected behaviour in words, for the docs table. */
  readonly expected: string;
  readonly bytes: Uint8Array;
  readonly mimeType: string;
  readonly expect: Readonly<Record<Platform, Expectation>>;
  readonly tags: readonly string[];
}

export interface CorpusOptions {
  /** Include the 12000×8000 JPEG (default false: a few seconds to encode, 96 MP to decode). */
  readonly huge?: boolean;
}

export const HUGE_NAME = 'huge-12000x8000.jpg';
export const HUGE_SIZE = { width: 12000, height: 8000 } as const;

/** Quadrant colours of the orientation test picture: TL, TR, BL, BR. */
export const QUADRANT_COLOURS = {
  red: [230, 30, 30],
  green: [30, 200, 40],
  blue: [30, 40, 230],
  yellow: [240, 220, 30],
} as const satisfies Record<string, readonly [number, number, number]>;
export const QUADRANT_ORDER = ['red', 'green', 'blue', 'yellow'] as const;
/** Displayed size of the orientation picture (landscape, so rotations are visible). */
export const ORIENTATION_SIZE = { width: 64, height: 40 } as const;

// ---------------------------------------------------------------------------- pixels

type Rgb = readonly [number, number, number];

/** An RGB buffer of w×h filled by f(x, y). */
function rgbPixels(width: number, height: number, f: (x: number, y: number) => Rgb): Buffer {
  const data = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) for (let x = 0; x < width; x++) data.set(f(x, y), (y * width + x) * 3);
  return data;
}

const raw = (data: Buffer, width: number, height: number, channels: 1 | 2 | 3 | 4) => sharp(data, { raw: { width, height, channels } });

/** A colourful "photo": smooth gradients, soft circles and a little noise. */
export function photoPixels(width: number, height: number, seed = 1): Buffer {
  let s = seed >>> 0 || 1;
  const noise = () => {
    s ^= s << 13;
    s ^= s >>> 17;
    s ^= s << 5;
    return ((s >>> 0) % 9) - 4;
  };
  return rgbPixels(width, height, (x, y) => {
    const u = x / Math.max(1, width - 1), v = y / Math.max(1, height - 1);
    const sky = v < 0.45;
    const dx = u - 0.7, dy = v - 0.25;
    const sun = Math.exp(-(dx * dx + dy * dy) * 60);
    const base: Rgb = sky
      ? [90 + 60 * v + 150 * sun, 140 + 60 * v + 110 * sun, 220 - 40 * v]
      : [60 + 80 * u, 120 + 60 * Math.sin(u * 9 + v * 4), 50 + 30 * v];
    return base.map((c) => Math.max(0, Math.min(255, Math.round(c + noise())))) as unknown as Rgb;
  });
}

/** The four-quadrant picture (red TL, green TR, blue BL, yellow BR) as displayed. */
function quadrantAt(x: number, y: number, width: number, height: number): Rgb {
  const right = x >= width / 2, bottom = y >= height / 2;
  return QUADRANT_COLOURS[QUADRANT_ORDER[(bottom ? 2 : 0) + (right ? 1 : 0)]!];
}

/**
 * Stored pixels for EXIF orientation `o` such that a viewer applying `o` shows the
 * displayed picture `display(x, y)` of size dw×dh (EXIF/TIFF 6.0 definitions).
 */
function storedForOrientation(o: number, dw: number, dh: number, display: (x: number, y: number) => Rgb) {
  const swap = o >= 5;
  const sw = swap ? dh : dw, sh = swap ? dw : dh;
  const data = Buffer.alloc(sw * sh * 3);
  for (let y = 0; y < dh; y++) {
    for (let x = 0; x < dw; x++) {
      // Where the displayed pixel (x, y) is stored.
      const [sx, sy] = ({
        1: [x, y],
        2: [sw - 1 - x, y],
        3: [sw - 1 - x, sh - 1 - y],
        4: [x, sh - 1 - y],
        5: [y, x],
        6: [y, sh - 1 - x],
        7: [sw - 1 - y, sh - 1 - x],
        8: [sw - 1 - y, x],
      } as Record<number, [number, number]>)[o]!;
      data.set(display(x, y), (sy * sw + sx) * 3);
    }
  }
  return { data, width: sw, height: sh };
}

// ---------------------------------------------------------------------------- bytes by hand

function u32be(n: number): number[] {
  return [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
}

const CRC_TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

function crc32(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (const b of bytes) c = CRC_TABLE[(c ^ b) & 255]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}

/** A PNG whose IHDR claims width×height (CRC fixed up), with the tiny real image data after it. */
function pngWithClaimedSize(png: Buffer, width: number, height: number): Buffer {
  const out = Buffer.from(png);
  // Signature (8) + IHDR length (4) + 'IHDR' (4) → width at 16, height at 20, CRC at 29.
  out.writeUInt32BE(width, 16);
  out.writeUInt32BE(height, 20);
  out.writeUInt32BE(crc32(out.subarray(12, 29)), 29);
  return out;
}

/** Offset of the first chunk of `type` in a PNG. */
function pngChunk(png: Buffer, type: string): { offset: number; length: number } {
  let offset = 8;
  while (offset + 8 <= png.length) {
    const length = png.readUInt32BE(offset);
    if (png.toString('latin1', offset + 4, offset + 8) === type) return { offset, length };
    offset += 12 + length;
  }
  throw new Error(`no ${type} chunk`);
}

/** An uncompressed 24-bit bottom-up BMP (BITMAPINFOHEADER), written by hand. */
function bmp24(width: number, height: number, rgb: Buffer): Buffer {
  const stride = Math.ceil((width * 3) / 4) * 4;
  const size = 54 + stride * height;
  const out = Buffer.alloc(size);
  out.write('BM', 0, 'latin1');
  out.writeUInt32LE(size, 2);
  out.writeUInt32LE(54, 10);
  out.writeUInt32LE(40, 14);
  out.writeInt32LE(width, 18);
  out.writeInt32LE(height, 22); // positive: bottom-up
  out.writeUInt16LE(1, 26);
  out.writeUInt16LE(24, 28);
  out.writeUInt32LE(0, 30); // BI_RGB
  out.writeUInt32LE(stride * height, 34);
  out.writeInt32LE(2835, 38);
  out.writeInt32LE(2835, 42);
  for (let y = 0; y < height; y++) {
    const row = 54 + (height - 1 - y) * stride;
    for (let x = 0; x < width; x++) {
      const i = (y * width + x) * 3;
      out[row + x * 3] = rgb[i + 2]!; // BGR
      out[row + x * 3 + 1] = rgb[i + 1]!;
      out[row + x * 3 + 2] = rgb[i]!;
    }
  }
  return out;
}

/** An ICO file holding one PNG image (the Vista+ layout browsers decode). */
function icoWithPng(png: Buffer, width: number, height: number): Buffer {
  const header = Buffer.alloc(22);
  header.writeUInt16LE(0, 0);
  header.writeUInt16LE(1, 2); // icon
  header.writeUInt16LE(1, 4); // one image
  header[6] = width % 256;
  header[7] = height % 256;
  header.writeUInt16LE(1, 10); // planes
  header.writeUInt16LE(32, 12); // bit count
  header.writeUInt32LE(png.length, 14);
  header.writeUInt32LE(22, 18);
  return Buffer.concat([header, png]);
}

/** An ISO-BMFF file with the given ftyp brands followed by junk (HEIC, MP4 renamed). */
function isoBmff(major: string, compatible: string[], tail: number): Buffer {
  const ftyp = Buffer.from([...u32be(16 + 4 * compatible.length), ...Buffer.from(`ftyp${major}`, 'latin1'), 0, 0, 0, 0, ...Buffer.from(compatible.join(''), 'latin1')]);
  const junk = Buffer.alloc(tail);
  for (let i = 0; i < tail; i++) junk[i] = (i * 131 + 7) & 255;
  return Buffer.concat([ftyp, junk]);
}

// ---------------------------------------------------------------------------- the corpus

const ok = (width: number, height: number, extra: Partial<OkExpectation> = {}): OkExpectation => ({
  ok: true,
  width,
  height,
  colourReference: true,
  ...extra,
});
const fail = (code: ErrorExpectation['code'], reason: string): ErrorExpectation => ({ ok: false, code, reason });
const both = (e: Expectation): Record<Platform, Expectation> => ({ node: e, browser: e });

const CORRUPT = 'could not be decoded; it may be truncated or damaged';

/** Builds every single-file case (not the 50-file batch, see `buildBatch`). */
export async function buildHostileCorpus(options: CorpusOptions = {}): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const add = (c: Omit<HostileCase, 'bytes' | 'tags'> & { bytes: Uint8Array | Buffer; tags?: string[] }) =>
    cases.push({ ...c, bytes: new Uint8Array(c.bytes), tags: c.tags ?? [] });

  const photo = (w: number, h: number, seed = 1) => raw(photoPixels(w, h, seed), w, h, 3);
  const solid = (w: number, h: number, rgb: Rgb) => sharp({ create: { width: w, height: h, channels: 3, background: { r: rgb[0], g: rgb[1], b: rgb[2] } } });

  // --- not images / broken files
  add({ name: 'empty.jpg', how: '0 bytes', expected: 'error empty-file: "… is empty (0 bytes)"', mimeType: 'image/jpeg', bytes: Buffer.alloc(0), expect: both(fail('empty-file', 'is empty \\(0 bytes\\)')), tags: ['bad'] });
  add({ name: 'notes.jpg', how: 'plain text renamed .jpg', expected: 'error not-an-image', mimeType: 'image/jpeg', bytes: Buffer.from('Shopping list: milk, eggs, a better camera.\n'), expect: both(fail('not-an-image', 'is not an image')), tags: ['bad'] });
  add({ name: 'page.png', how: 'an HTML page renamed .png', expected: 'error not-an-image', mimeType: 'image/png', bytes: Buffer.from('<!DOCTYPE html><html><body><img src="photo.png"></body></html>\n'), expect: both(fail('not-an-image', 'is not an image')), tags: ['bad'] });
  add({ name: 'clip.jpg', how: 'an MP4 header (ftyp isom) renamed .jpg', expected: 'error not-an-image', mimeType: 'image/jpeg', bytes: isoBmff('isom', ['isom', 'iso2', 'mp41'], 2000), expect: both(fail('not-an-image', 'is not an image')), tags: ['bad'] });

  const noisy = await raw(Buffer.from(new Uint8Array(256 * 256 * 3).map((_, i) => (i * 2654435761) >>> 24)), 256, 256, 3).jpeg({ quality: 90 }).toBuffer();
  add({ name: 'truncated.jpg', how: 'a 256×256 noisy JPEG cut to its first half', expected: `error corrupt-image: "looks like a JPEG file but ${CORRUPT}"`, mimeType: 'image/jpeg', bytes: noisy.subarray(0, noisy.length >> 1), expect: both(fail('corrupt-image', `JPEG file but ${CORRUPT}`)), tags: ['bad'] });

  const good = await photo(64, 48).png().toBuffer();
  const corruptPng = Buffer.from(good);
  {
    const idat = pngChunk(corruptPng, 'IDAT');
    for (let i = idat.offset + 8 + 2; i < idat.offset + 8 + idat.length; i += 3) corruptPng[i] ^= 0x5a; // scramble the zlib data (CRC now wrong too)
  }
  add({ name: 'corrupt.png', how: '64×48 PNG with its IDAT bytes scrambled', expected: 'error corrupt-image', mimeType: 'image/png', bytes: corruptPng, expect: both(fail('corrupt-image', `PNG file but ${CORRUPT}`)), tags: ['bad'] });
  add({ name: 'truncated.png', how: '64×48 PNG cut to 60 % (no IEND)', expected: 'error corrupt-image', mimeType: 'image/png', bytes: good.subarray(0, Math.floor(good.length * 0.6)), expect: both(fail('corrupt-image', `PNG file but ${CORRUPT}`)), tags: ['bad'] });
  add({ name: 'bomb.png', how: 'a 64×48 PNG whose header claims 50000×50000 (2500 MP)', expected: 'error image-too-large, refused from the header before decoding', mimeType: 'image/png', bytes: pngWithClaimedSize(good, 50000, 50000), expect: both(fail('image-too-large', '50000×50000 \\(2500 MP\\); the limit is 100 MP')), tags: ['bad'] });
  add({ name: 'drawing.svg', how: 'a small SVG drawing', expected: 'error unsupported-format: "SVG drawings are not supported; export them as PNG"', mimeType: 'image/svg+xml', bytes: Buffer.from('<?xml version="1.0"?>\n<svg xmlns="http://www.w3.org/2000/svg" width="40" height="30"><rect width="40" height="30" fill="teal"/></svg>\n'), expect: both(fail('unsupported-format', 'SVG drawings are not supported')), tags: ['bad', 'format'] });
  add({ name: 'IMG_0001.HEIC', how: 'hand-built ISO-BMFF ftyp box (heic, mif1) + junk: sharp cannot encode HEVC', expected: 'error unsupported-format: "HEIC photos are not supported; convert to JPEG or PNG"', mimeType: 'image/heic', bytes: isoBmff('heic', ['mif1', 'heic'], 2000), expect: both(fail('unsupported-format', 'HEIC photos are not supported; convert to JPEG or PNG')), tags: ['bad', 'format'] });

  // --- sizes
  add({ name: '1x1.png', how: '1×1 colour PNG', expected: '1×1 result', mimeType: 'image/png', bytes: await solid(1, 1, [200, 60, 40]).png().toBuffer(), expect: both(ok(1, 1, { centre: { rgb: [200, 60, 40], tolerance: 0 } })), tags: ['size'] });
  add({ name: '2x2.png', how: '2×2 colour PNG (four colours)', expected: '2×2 result', mimeType: 'image/png', bytes: await raw(Buffer.from([255, 0, 0, 0, 255, 0, 0, 0, 255, 255, 255, 0]), 2, 2, 3).png().toBuffer(), expect: both(ok(2, 2)), tags: ['size'] });
  add({ name: 'panorama-20x1.png', how: '2000×100 colour PNG', expected: '2000×100 result (letterboxed for the model, not squashed)', mimeType: 'image/png', bytes: await photo(2000, 100, 2).png().toBuffer(), expect: both(ok(2000, 100)), tags: ['size', 'panorama'] });
  add({ name: 'panorama-1x20.png', how: '100×2000 colour PNG', expected: '100×2000 result', mimeType: 'image/png', bytes: await photo(100, 2000, 3).png().toBuffer(), expect: both(ok(100, 2000)), tags: ['size', 'panorama'] });
  if (options.huge) {
    const huge = await photo(120, 80, 4).resize(HUGE_SIZE.width, HUGE_SIZE.height, { kernel: 'linear' }).jpeg({ quality: 80 }).toBuffer();
    add({ name: HUGE_NAME, how: '120×80 synthetic photo resized to 12000×8000 (96 MP), JPEG q80', expected: '12000×8000 result; model sees a 224² downscale, colour recombined in row bands', mimeType: 'image/jpeg', bytes: huge, expect: both(ok(HUGE_SIZE.width, HUGE_SIZE.height)), tags: ['size', 'huge'] });
  }

  // --- pixel formats
  const alphaRgba = Buffer.alloc(48 * 32 * 4);
  for (let y = 0; y < 32; y++) for (let x = 0; x < 48; x++) alphaRgba.set(x < 16 ? [0, 0, 0, 0] : x < 32 ? [220, 40, 40, 128] : [40, 90, 220, 255], (y * 48 + x) * 4);
  add({ name: 'alpha.png', how: '48×32 RGBA PNG: transparent, half-transparent red, opaque blue thirds', expected: '48×32; transparent pixels become white', mimeType: 'image/png', bytes: await raw(alphaRgba, 48, 32, 4).png().toBuffer(), expect: both(ok(48, 32, { whiteAt: [4, 4] })), tags: ['alpha'] });
  const grayAlpha = Buffer.alloc(40 * 30 * 2);
  for (let i = 0; i < 40 * 30; i++) grayAlpha.set([(i * 5) % 256, i % 40 < 10 ? 0 : 255], i * 2);
  add({ name: 'gray-alpha.png', how: '40×30 gray+alpha PNG (2 channels), left quarter transparent', expected: '40×30; gray, so "no colour reference"; transparent → white', mimeType: 'image/png', bytes: await raw(grayAlpha, 40, 30, 2).png().toBuffer(), expect: both(ok(40, 30, { colourReference: false, whiteAt: [2, 2] })), tags: ['alpha', 'gray'] });
  add({ name: '16bit.png', how: '32×24 RGB PNG, 16 bits per channel (toColourspace rgb16)', expected: '32×24; reduced to 8 bits', mimeType: 'image/png', bytes: await solid(32, 24, [200, 100, 50]).toColourspace('rgb16').png().toBuffer(), expect: both(ok(32, 24, { centre: { rgb: [200, 100, 50], tolerance: 1 } })), tags: ['format'] });
  add({ name: 'palette.png', how: '48×32 palette (indexed) PNG', expected: '48×32', mimeType: 'image/png', bytes: await photo(48, 32, 5).png({ palette: true, colours: 16 }).toBuffer(), expect: both(ok(48, 32)), tags: ['format'] });
  add({ name: 'cmyk.jpg', how: '48×32 solid orange JPEG converted to CMYK (toColourspace cmyk)', expected: '48×32; colours converted back to sRGB', mimeType: 'image/jpeg', bytes: await solid(48, 32, [230, 120, 30]).toColourspace('cmyk').jpeg({ quality: 95 }).toBuffer(), expect: both(ok(48, 32, { centre: { rgb: [230, 120, 30], tolerance: 40 } })), tags: ['format'] });
  add({ name: 'progressive.jpg', how: '96×64 progressive JPEG', expected: '96×64', mimeType: 'image/jpeg', bytes: await photo(96, 64, 6).jpeg({ progressive: true, quality: 85 }).toBuffer(), expect: both(ok(96, 64)), tags: ['format'] });

  // --- EXIF orientation 1..8
  const { width: ow, height: oh } = ORIENTATION_SIZE;
  for (let o = 1; o <= 8; o++) {
    const stored = storedForOrientation(o, ow, oh, (x, y) => quadrantAt(x, y, ow, oh));
    const bytes = await raw(stored.data, stored.width, stored.height, 3).withMetadata({ orientation: o }).jpeg({ quality: 95, chromaSubsampling: '4:4:4' }).toBuffer();
    add({
      name: `orientation-${o}.jpg`,
      how: `${stored.width}×${stored.height} stored pixels + EXIF Orientation=${o}`,
      expected: `${ow}×${oh}${o >= 5 ? ' (width/height swapped)' : ''}; red top-left, green top-right, blue bottom-left, yellow bottom-right`,
      mimeType: 'image/jpeg',
      bytes,
      expect: both(ok(ow, oh, { quadrants: true })),
      tags: ['orientation'],
    });
  }

  // --- other containers
  const frames = [photoPixels(40, 30, 7), rgbPixels(40, 30, () => [0, 0, 0]), rgbPixels(40, 30, () => [255, 255, 255])];
  add({ name: 'animated.gif', how: '3-frame 40×30 animated GIF (photo, black, white), from a multi-page raw input', expected: '40×30; the first frame', mimeType: 'image/gif', bytes: await sharp(Buffer.concat(frames), { raw: { width: 40, height: 30, channels: 3, pageHeight: 30 } }).gif({ delay: [100, 100, 100], loop: 0 }).toBuffer(), expect: both(ok(40, 30)), tags: ['format'] });
  add({ name: 'photo.webp', how: '64×48 lossy WebP', expected: '64×48', mimeType: 'image/webp', bytes: await photo(64, 48, 8).webp({ quality: 85 }).toBuffer(), expect: both(ok(64, 48)), tags: ['format'] });
  add({ name: 'photo.avif', how: '64×48 AVIF', expected: '64×48', mimeType: 'image/avif', bytes: await photo(64, 48, 9).avif({ quality: 70 }).toBuffer(), expect: both(ok(64, 48)), tags: ['format'] });
  const bmpPixels = photoPixels(30, 20, 10);
  add({ name: 'photo.bmp', how: '30×20 24-bit BMP, header written by hand', expected: 'browser: 30×20; CLI: "BMP images are not supported by the command-line tools; convert to PNG"', mimeType: 'image/bmp', bytes: bmp24(30, 20, bmpPixels), expect: { browser: ok(30, 20), node: fail('unsupported-format', 'BMP images are not supported by the command-line tools') }, tags: ['format'] });
  add({ name: 'photo.tiff', how: '40×30 TIFF (sharp)', expected: 'CLI: 40×30; Chromium cannot decode TIFF: "TIFF images cannot be opened in this browser; convert to JPEG or PNG"', mimeType: 'image/tiff', bytes: await photo(40, 30, 11).tiff().toBuffer(), expect: { node: ok(40, 30), browser: fail('unsupported-format', 'TIFF images cannot be opened in this browser') }, tags: ['format'] });
  add({ name: 'favicon.ico', how: '32×32 PNG inside an ICO container (hand-built directory)', expected: 'browser: 32×32; CLI: "ICO icons are not supported by the command-line tools"', mimeType: 'image/x-icon', bytes: icoWithPng(await photo(32, 32, 12).png().toBuffer(), 32, 32), expect: { browser: ok(32, 32), node: fail('unsupported-format', 'ICO icons are not supported by the command-line tools') }, tags: ['format'] });
  add({ name: 'png-named.jpg', how: 'a 40×30 PNG with a .jpg name', expected: '40×30 (format sniffed from the bytes, not the name)', mimeType: 'image/jpeg', bytes: await photo(40, 30, 13).png().toBuffer(), expect: both(ok(40, 30)), tags: ['format'] });

  // --- content
  add({ name: 'grayscale-photo.jpg', how: '96×64 synthetic photo saved as a 1-channel gray JPEG', expected: '96×64; "no colour reference" instead of PSNR/SSIM', mimeType: 'image/jpeg', bytes: await photo(96, 64, 14).toColourspace('b-w').jpeg({ quality: 90 }).toBuffer(), expect: both(ok(96, 64, { colourReference: false })), tags: ['gray'] });
  add({ name: 'black.png', how: '64×48 pure black', expected: '64×48 black (L = 0 keeps it black); no colour reference', mimeType: 'image/png', bytes: await solid(64, 48, [0, 0, 0]).png().toBuffer(), expect: both(ok(64, 48, { colourReference: false, centre: { rgb: [0, 0, 0], tolerance: 0 } })), tags: ['gray'] });
  add({ name: 'white.png', how: '64×48 pure white', expected: '64×48; no colour reference', mimeType: 'image/png', bytes: await solid(64, 48, [255, 255, 255]).png().toBuffer(), expect: both(ok(64, 48, { colourReference: false, centre: { rgb: [255, 255, 255], tolerance: 0 } })), tags: ['gray'] });
  add({ name: 'colour-photo.jpg', how: '160×120 synthetic colour photo (gradients, sun, noise), JPEG', expected: '160×120; PSNR/SSIM against the original', mimeType: 'image/jpeg', bytes: await photo(160, 120, 15).jpeg({ quality: 90 }).toBuffer(), expect: both(ok(160, 120)), tags: ['content'] });

  return cases;
}

/**
 * `count` small files dropped at once, every `badEvery`-th one bad (rotating through
 * empty, text, truncated JPEG). Names batch-001.png … so order is easy to check.
 */
export async function buildBatch(count = 50, badEvery = 10): Promise<HostileCase[]> {
  const cases: HostileCase[] = [];
  const png = await raw(photoPixels(24, 16, 21), 24, 16, 3).png().toBuffer();
  const jpg = await raw(photoPixels(16, 24, 22), 16, 24, 3).jpeg({ quality: 85 }).toBuffer();
  const bad: Array<{ ext: string; bytes: Buffer; expect: ErrorExpectation }> = [
    { ext: 'jpg', bytes: Buffer.alloc(0), expect: fail('empty-file', 'is empty') },
    { ext: 'png', bytes: Buffer.from('not a picture at all'), expect: fail('not-an-image', 'is not an image') },
    { ext: 'jpg', bytes: jpg.subarray(0, jpg.length >> 1), expect: fail('corrupt-image', CORRUPT) },
  ];
  for (let i = 1; i <= count; i++) {
    const id = String(i).padStart(3, '0');
    if (i % badEvery === 0) {
      const b = bad[(i / badEvery - 1) % bad.length]!;
      cases.push({ name: `batch-${id}.${b.ext}`, how: 'bad file in the batch', expected: b.expect.code, mimeType: b.ext === 'png' ? 'image/png' : 'image/jpeg', bytes: new Uint8Array(b.bytes), expect: both(b.expect), tags: ['batch', 'bad'] });
    } else if (i % 2) {
      cases.push({ name: `batch-${id}.png`, how: '24×16 PNG', expected: '24×16', mimeType: 'image/png', bytes: new Uint8Array(png), expect: both(ok(24, 16)), tags: ['batch'] });
    } else {
      cases.push({ name: `batch-${id}.jpg`, how: '16×24 JPEG', expected: '16×24', mimeType: 'image/jpeg', bytes: new Uint8Array(jpg), expect: both(ok(16, 24)), tags: ['batch'] });
    }
  }
  return cases;
}

/** Nearest quadrant colour name for an RGB triple. */
export function nearestQuadrantColour(rgb: ArrayLike<number>): (typeof QUADRANT_ORDER)[number] {
  let best: (typeof QUADRANT_ORDER)[number] = 'red', bestD = Infinity;
  for (const name of QUADRANT_ORDER) {
    const c = QUADRANT_COLOURS[name];
    const d = (rgb[0]! - c[0]) ** 2 + (rgb[1]! - c[1]) ** 2 + (rgb[2]! - c[2]) ** 2;
    if (d < bestD) [best, bestD] = [name, d];
  }
  return best;
}

/**
 * The colours at the centres of the four quadrants (TL, TR, BL, BR) of an RGBA
 * image, as names; `['red', 'green', 'blue', 'yellow']` when correctly oriented.
 */
export function quadrantColours(image: { width: number; height: number; data: ArrayLike<number> }): string[] {
  const { width: w, height: h, data } = image;
  return [
    [w / 4, h / 4],
    [(3 * w) / 4, h / 4],
    [w / 4, (3 * h) / 4],
    [(3 * w) / 4, (3 * h) / 4],
  ].map(([x, y]) => {
    const i = (Math.floor(y!) * w + Math.floor(x!)) * 4;
    return nearestQuadrantColour([data[i]!, data[i + 1]!, data[i + 2]!]);
  });
}

/** The expectation as JSON (regexes as strings), for index.json. */
function describe(c: HostileCase) {
  return { name: c.name, bytes: c.bytes.length, mimeType: c.mimeType, how: c.how, expected: c.expected, expect: c.expect, tags: c.tags };
}

async function main(argv: string[]): Promise<void> {
  const dir = argv.find((a) => !a.startsWith('--'));
  if (!dir) {
    console.error('usage: npx tsx scripts/hostile-corpus.ts <dir> [--huge] [--batch]');
    process.exit(2);
  }
  const out = resolve(dir);
  mkdirSync(out, { recursive: true });
  const cases = await buildHostileCorpus({ huge: argv.includes('--huge') });
  for (const c of cases) writeFileSync(join(out, c.name), c.bytes);
  const index: Record<string, unknown> = { cases: cases.map(describe) };
  if (argv.includes('--batch')) {
    const batch = await buildBatch();
    mkdirSync(join(out, 'batch'), { recursive: true });
    for (const c of batch) writeFileSync(join(out, 'batch', c.name), c.bytes);
    index.batch = batch.map(describe);
  }
  writeFileSync(join(out, 'index.json'), `${JSON.stringify(index, null, 2)}\n`);
  console.error(`wrote ${cases.length} cases${index.batch ? ' + 50 batch files' : ''} to ${out}`);
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  await main(process.argv.slice(2));
}
