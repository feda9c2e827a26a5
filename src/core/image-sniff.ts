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

function uint32be(bytes: Uint8Array, offset: number): number {
  return ((bytes[offset]! << 24) | (bytes[offset + 1]! << 16) | (bytes[offset + 2]! << 8) | bytes[offset + 3]!) >>> 0;
}
