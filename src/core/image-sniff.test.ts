import { describe, expect, it } from 'vitest';
import { assertImageSize, assertSupportedImage, sniffImageType } from './image-sniff';
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
