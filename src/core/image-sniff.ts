/**
 * Recognises image files by their leading bytes ("magic numbers"), not by name,
 * and turns what cannot be colourised into clear ColorizerErrors. Shared by the
 * Node (sharp) and browser (createImageBitmap) decoders so both reject the same
 * files with the same messages. Framework-free.
 */
import { ColorizerError } from './runtime/errors';

export type SniffedImageType = 'jpeg' | 'png' | 'gif' | 'webp' | 'avif' | 'heic' | 'bmp' | 'tiff' | 'svg' | 'ico';

/** How many leading bytes `sniffImageType` looks at; pass at least this many when you can. */
export const SNIFF_BYTES = 4096;

/** Decoders refuse images above this many pixels: room for 12000×8000 (96 MP), not for absurd headers. */
export const DEFAULT_MAX_IMAGE_PIXELS = 100_000_000;

// ISO-BMFF ("ftyp") brands. AVIF files often also list 'mif1', so AVIF brands win.
const AVIF_BRANDS = new Set(['avif', 'avis']);
const HEIF_BRANDS = new Set(['heic', 'heix', 'hevc', 'hevx', 'heim', 'heis', 'hevm', 'hevs', 'mif1', 'msf1']);
// Size of the BMP DIB header (offset 14) for the known variants: core, V2..V5, OS/2 v2.
const BMP_DIB_HEADER_SIZES = new Set([12, 40, 52, 56, 64, 108, 124]);
// Optional XML declaration, then comments / doctype / processing instructions, then <svg.
const SVG_START = /^\s*(?:<\?xml[^>]*>\s*)?(?:(?:<!--[\s\S]*?-->|<!DOCTYPE[^>]*>|<\?[^>]*>)\s*)*<svg[\s>]/i;

/** The image format the bytes start with, or null when they are not a known image. */
export function sniffImageType(bytes: Uint8Array): SniffedImageType | null {
  if (startsWith(bytes, [0xff, 0xd8, 0xff])) return 'jpeg';
  if (startsWith(bytes, [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])) return 'png';
  if (ascii(bytes, 0, 6) === 'GIF87a' || ascii(bytes, 0, 6) === 'GIF89a') return 'gif';
  if (ascii(bytes, 0, 4) === 'RIFF' && ascii(bytes, 8, 4) === 'WEBP') return 'webp';
  if (ascii(bytes, 4, 4) === 'ftyp') return isoBrandType(bytes);
  if (ascii(bytes, 0, 2) === 'BM' && bytes.length >= 18 && BMP_DIB_HEADER_SIZES.has(uint32le(bytes, 14))) return 'bmp';
  if (startsWith(bytes, [0x49, 0x49, 0x2a, 0x00]) || startsWith(bytes, [0x4d, 0x4d, 0x00, 0x2a])) return 'tiff';
  if (startsWith(bytes, [0x00, 0x00, 0x01, 0x00]) && bytes.length >= 6 && (bytes[4]! | bytes[5]!) !== 0) return 'ico';
  if (SVG_START.test(ascii(bytes, hasUtf8Bom(bytes) ? 3 : 0, SNIFF_BYTES))) return 'svg';
  return null;
}

/**
 * Checks the leading bytes of a file before decoding: throws 'empty-file' for 0
 * bytes, 'not-an-image' for anything unrecognised, 'unsupported-format' for
 * HEIC and SVG (see `unsupportedFormatMessage`). Returns the sniffed type.
 */
export function assertSupportedImage(head: Uint8Array, totalBytes: number, name: string): SniffedImageType {
  if (totalBytes === 0) throw new ColorizerError('empty-file', `${name} is empty (0 bytes)`);
  const type = sniffImageType(head);
  if (type === null) {
    throw new ColorizerError(
      'not-an-image',
      `${name} is not an image: its contents are not JPEG, PNG, WebP, GIF, AVIF, BMP, TIFF or ICO`,
    );
  }
  const unsupported = unsupportedFormatMessage(type);
  if (unsupported) throw new ColorizerError('unsupported-format', `${name}: ${unsupported}`);
  return type;
}

/** Why a recognised format is refused everywhere, or null when it is accepted. */
export function unsupportedFormatMessage(type: SniffedImageType): string | null {
  switch (type) {
    case 'heic':
      return 'HEIC photos are not supported; convert to JPEG or PNG';
    case 'svg':
      return 'SVG drawings are not supported; export them as PNG';
    default:
      return null;
  }
}

/** How many leading bytes `readImageDimensions` may need (a JPEG's SOF can follow 64 KB of EXIF and more). */
export const DIMENSION_BYTES = 256 * 1024;

/**
 * Width and height from the header of a PNG, GIF, BMP, WebP or JPEG, without
 * decoding; null when the format has no simple header (TIFF, AVIF, …) or the bytes
 * end first. Lets decoders refuse a decompression bomb before allocating pixels.
 * (A JPEG's stored size: for EXIF orientations 5–8 width and height swap on display,
 * the pixel count does not.)
 */
export function readImageDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  const type = sniffImageType(bytes.subarray(0, SNIFF_BYTES));
  const has = (n: number) => bytes.length >= n;
  switch (type) {
    case 'png':
      return has(24) && ascii(bytes, 12, 4) === 'IHDR' ? { width: uint32be(bytes, 16), height: uint32be(bytes, 20) } : null;
    case 'gif':
      return has(10) ? { width: uint16le(bytes, 6), height: uint16le(bytes, 8) } : null;
    case 'bmp': {
      if (uint32le(bytes, 14) === 12) return has(22) ? { width: uint16le(bytes, 18), height: uint16le(bytes, 20) } : null;
      return has(26) ? { width: Math.abs(int32le(bytes, 18)), height: Math.abs(int32le(bytes, 22)) } : null;
    }
    case 'webp':
      return webpDimensions(bytes);
    case 'jpeg':
      return jpegDimensions(bytes);
    default:
      return null;
  }
}

function webpDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  const chunk = ascii(bytes, 12, 4);
  if (chunk === 'VP8 ' && bytes.length >= 30) return { width: uint16le(bytes, 26) & 0x3fff, height: uint16le(bytes, 28) & 0x3fff };
  if (chunk === 'VP8L' && bytes.length >= 25) {
    const bits = uint32le(bytes, 21);
    return { width: (bits & 0x3fff) + 1, height: ((bits >>> 14) & 0x3fff) + 1 };
  }
  if (chunk === 'VP8X' && bytes.length >= 30) {
    return { width: 1 + (bytes[24]! | (bytes[25]! << 8) | (bytes[26]! << 16)), height: 1 + (bytes[27]! | (bytes[28]! << 8) | (bytes[29]! << 16)) };
  }
  return null;
}

/** Walks the JPEG markers to the first start-of-frame (SOF0–SOF15 except DHT, JPG, DAC). */
function jpegDimensions(bytes: Uint8Array): { width: number; height: number } | null {
  let offset = 2;
  while (offset + 4 <= bytes.length) {
    if (bytes[offset] !== 0xff) return null;
    const marker = bytes[offset + 1]!;
    if (marker === 0xff) {
      offset++; // fill byte
      continue;
    }
    if (marker === 0xd8 || marker === 0x01 || (marker >= 0xd0 && marker <= 0xd7)) {
      offset += 2; // markers without a length
      continue;
    }
    const length = (bytes[offset + 2]! << 8) | bytes[offset + 3]!;
    if (marker >= 0xc0 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      if (offset + 9 > bytes.length) return null;
      return { height: (bytes[offset + 5]! << 8) | bytes[offset + 6]!, width: (bytes[offset + 7]! << 8) | bytes[offset + 8]! };
    }
    if (marker === 0xda || length < 2) return null; // scan data before any frame header: give up
    offset += 2 + length;
  }
  return null;
}

/** Throws 'image-too-large' when width×height exceeds `maxPixels`. */
export function assertImageSize(width: number, height: number, name: string, maxPixels = DEFAULT_MAX_IMAGE_PIXELS): void {
  if (width * height > maxPixels) {
    const mp = (n: number) => `${Math.round(n / 1e5) / 10} MP`;
    throw new ColorizerError(
      'image-too-large',
      `${name} is ${width}×${height} (${mp(width * height)}); the limit is ${mp(maxPixels)}`,
    );
  }
}

function isoBrandType(bytes: Uint8Array): SniffedImageType | null {
  // ftyp box: size, 'ftyp', major brand, minor version, compatible brands…
  const boxEnd = Math.min(bytes.length, uint32be(bytes, 0) || bytes.length);
  const brands = [ascii(bytes, 8, 4)];
  for (let offset = 16; offset + 4 <= boxEnd; offset += 4) brands.push(ascii(bytes, offset, 4));
  if (brands.some((b) => AVIF_BRANDS.has(b))) return 'avif';
  if (brands.some((b) => HEIF_BRANDS.has(b))) return 'heic';
  return null; // e.g. an MP4 or MOV video
}

function startsWith(bytes: Uint8Array, prefix: readonly number[]): boolean {
  return bytes.length >= prefix.length && prefix.every((v, i) => bytes[i] === v);
}

/** Bytes as Latin-1 text; shorter than `length` when the input ends first. */
function ascii(bytes: Uint8Array, offset: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(offset, offset + length));
}

function hasUtf8Bom(bytes: Uint8Array): boolean {
  return startsWith(bytes, [0xef, 0xbb, 0xbf]);
}

function uint32le(bytes: Uint8Array, offset: number): number {
  return (bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24)) >>> 0;
}

function int32le(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8) | (bytes[offset + 2]! << 16) | (bytes[offset + 3]! << 24);
}

function uint16le(bytes: Uint8Array, offset: number): number {
  return bytes[offset]! | (bytes[offset + 1]! << 8);
}

function uint32be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}

/**
 * Everything both decoders check before decoding: `assertSupportedImage` on the first
 * SNIFF_BYTES, then the header's claimed size against `maxPixels` (a decompression
 * bomb is refused before any pixels are allocated). `head` is the first
 * DIMENSION_BYTES of the file (or all of it). Returns the sniffed type.
 */
export function preflightImage(head: Uint8Array, totalBytes: number, name: string, maxPixels = DEFAULT_MAX_IMAGE_PIXELS): SniffedImageType {
  const type = assertSupportedImage(head.subarray(0, SNIFF_BYTES), totalBytes, name);
  const claimed = readImageDimensions(head.subarray(0, DIMENSION_BYTES));
  if (claimed) assertImageSize(claimed.width, claimed.height, name, maxPixels);
  return type;
}
