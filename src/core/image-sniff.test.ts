import { describe, expect, it } from 'vitest';
import { assertImageSize, assertSupportedImage, readImageDimensions, sniffImageType } from './image-sniff';
import { ColorizerError } from './runtime/errors';

const text = (s: string) => new TextEncoder().encode(s);
const bytes = (...parts: Array<number[] | string>) =>
  new Uint8Array(parts.flatMap((p) => (typeof p === 'string' ? [...text(p)] : p)));
const u32be = (n: number) => [(n >>> 24) & 255, (n >>> 16) & 255, (n >>> 8) & 255, n & 255];
const ftyp = (major: string, ...compatible: string[]) =>
  bytes(u32be(16 + 4 * compatible.length), 'ftyp', major, [0, 0, 0, 0], ...compatible);

describe('sniffImageType', () => {
  it.each([
    ['jpeg', bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10], 'JFIF')],
    ['png', bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR')],
    ['gif', bytes('GIF89a', [1, 0, 1, 0])],
    ['gif', bytes('GIF87a')],
    ['webp', bytes('RIFF', [36, 0, 0, 0], 'WEBPVP8 ')],
    ['avif', ftyp('avif', 'mif1', 'miaf')],
    ['avif', ftyp('mif1', 'avif')],
    ['avif', ftyp('avis', 'msf1')],
    ['heic', ftyp('heic', 'mif1', 'heic')],
    ['heic', ftyp('mif1', 'heic')],
    ['heic', ftyp('heix')],
    ['bmp', bytes('BM', [70, 0, 0, 0, 0, 0, 0, 0, 54, 0, 0, 0, 40, 0, 0, 0])],
    ['tiff', bytes('II*', [0, 8, 0, 0, 0])],
    ['tiff', bytes('MM', [0, 42, 0, 0, 0, 8])],
    ['ico', bytes([0, 0, 1, 0, 1, 0, 16, 16])],
    ['svg', text('<svg xmlns="http://www.w3.org/2000/svg"></svg>')],
    ['svg', text('\uFEFF<?xml version="1.0"?>\n<!-- made by hand -->\n<!DOCTYPE svg>\n<svg>')],
  ] as const)('recognises %s', (type, input) => {
    expect(sniffImageType(input)).toBe(type);
  });

  it.each([
    ['empty input', new Uint8Array(0)],
    ['plain text', text('hello, this is not a photo')],
    ['text that starts with BM', text('BMW service record, 2024')],
    ['HTML with an inline svg', text('<!DOCTYPE html><html><body><svg></svg>')],
    ['an MP4 video', ftyp('isom', 'iso2', 'mp41')],
    ['a lone JPEG marker byte', bytes([0xff, 0xd8])],
    ['a zip archive', bytes('PK', [3, 4, 20, 0])],
  ])('returns null for %s', (_label, input) => {
    expect(sniffImageType(input)).toBeNull();
  });
});

describe('assertSupportedImage', () => {
  const codeOf = (fn: () => unknown): string | undefined => {
    try {
      fn();
    } catch (err) {
      expect(err).toBeInstanceOf(ColorizerError);
      return (err as ColorizerError).code;
    }
    return undefined;
  };

  it('accepts a JPEG and returns its type', () => {
    expect(assertSupportedImage(bytes([0xff, 0xd8, 0xff, 0xdb]), 1234, 'a.jpg')).toBe('jpeg');
  });

  it('rejects an empty file, naming it', () => {
    expect(() => assertSupportedImage(new Uint8Array(0), 0, 'holiday.jpg')).toThrow('holiday.jpg is empty (0 bytes)');
    expect(codeOf(() => assertSupportedImage(new Uint8Array(0), 0, 'x'))).toBe('empty-file');
  });

  it('rejects text as not-an-image', () => {
    expect(codeOf(() => assertSupportedImage(text('just text'), 9, 'notes.jpg'))).toBe('not-an-image');
    expect(() => assertSupportedImage(text('just text'), 9, 'notes.jpg')).toThrow(/^notes\.jpg is not an image/);
  });

  it('rejects HEIC with advice to convert', () => {
    const heic = ftyp('heic', 'mif1');
    expect(codeOf(() => assertSupportedImage(heic, 5000, 'IMG_0001.HEIC'))).toBe('unsupported-format');
    expect(() => assertSupportedImage(heic, 5000, 'IMG_0001.HEIC')).toThrow(
      'IMG_0001.HEIC: HEIC photos are not supported; convert to JPEG or PNG',
    );
  });

  it('rejects SVG as unsupported', () => {
    expect(codeOf(() => assertSupportedImage(text('<svg></svg>'), 11, 'logo.svg'))).toBe('unsupported-format');
  });
});

describe('assertImageSize', () => {
  it('allows 12000×8000 by default and refuses absurd sizes', () => {
    expect(() => assertImageSize(12000, 8000, 'big.jpg')).not.toThrow();
    expect(() => assertImageSize(30000, 30000, 'huge.png')).toThrow('huge.png is 30000×30000 (900 MP); the limit is 100 MP');
    expect(() => assertImageSize(100, 100, 'small.png', 9999)).toThrow(ColorizerError);
  });
});

describe('readImageDimensions (header only, no decoding)', () => {
  const u32le = (n: number) => [n & 255, (n >>> 8) & 255, (n >>> 16) & 255, (n >>> 24) & 255];
  const u16le = (n: number) => [n & 255, (n >>> 8) & 255];

  it('reads PNG, GIF, BMP and the three WebP flavours', () => {
    expect(readImageDimensions(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13], 'IHDR', u32be(50000), u32be(40000)))).toEqual({ width: 50000, height: 40000 });
    expect(readImageDimensions(bytes('GIF89a', u16le(640), u16le(480)))).toEqual({ width: 640, height: 480 });
    const bmp = (h: number) => bytes('BM', u32le(0), u32le(0), u32le(54), u32le(40), u32le(30), u32le(h >>> 0));
    expect(readImageDimensions(bmp(20))).toEqual({ width: 30, height: 20 });
    expect(readImageDimensions(bmp(-20))).toEqual({ width: 30, height: 20 }); // top-down
    const riff = (chunk: string, payload: number[]) => bytes('RIFF', u32le(100), 'WEBP', chunk, u32le(payload.length), payload);
    expect(readImageDimensions(riff('VP8 ', [0, 0, 0, 0x9d, 0x01, 0x2a, ...u16le(320), ...u16le(240)]))).toEqual({ width: 320, height: 240 });
    expect(readImageDimensions(riff('VP8L', [0x2f, ...u32le((319 & 0x3fff) | ((239 & 0x3fff) << 14))]))).toEqual({ width: 320, height: 240 });
    expect(readImageDimensions(riff('VP8X', [0, 0, 0, 0, 0x3f, 0x9c, 0, 0xff, 0xff, 0]))).toEqual({ width: 40000, height: 65536 });
  });

  it('walks JPEG markers (APP segments, fill bytes) to the frame header', () => {
    const app1 = [0xff, 0xe1, 0, 8, 1, 2, 3, 4, 5, 6];
    const sof2 = [0xff, 0xc2, 0, 11, 8, 0x1f, 0x40, 0x2e, 0xe0, 3, 1, 0x22, 0];
    expect(readImageDimensions(bytes([0xff, 0xd8], app1, [0xff], sof2))).toEqual({ width: 12000, height: 8000 });
    // DHT (0xc4) is not a frame header; scan data before a frame gives up.
    expect(readImageDimensions(bytes([0xff, 0xd8, 0xff, 0xc4, 0, 4, 0, 0, 0xff, 0xda, 0, 4, 0, 0]))).toBeNull();
    expect(readImageDimensions(bytes([0xff, 0xd8], app1))).toBeNull(); // ends before the frame
  });

  it('returns null for formats without a simple header and for truncated headers', () => {
    expect(readImageDimensions(bytes('II*', [0, 8, 0, 0, 0]))).toBeNull();
    expect(readImageDimensions(ftyp('avif', 'mif1'))).toBeNull();
    expect(readImageDimensions(bytes([0x89], 'PNG', [0x0d, 0x0a, 0x1a, 0x0a]))).toBeNull();
    expect(readImageDimensions(text('hello'))).toBeNull();
  });
});
