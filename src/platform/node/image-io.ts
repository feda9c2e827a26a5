/**
 * Image files in Node (CLIs, tests) through sharp/libvips: decode any common
 * photo to an 8-bit sRGB RawImage, encode RawImages as PNG.
 *
 * Decoding matches the browser decoder (src/platform/browser/decode-image.ts):
 * EXIF orientation applied, alpha flattened on white, 16-bit reduced to 8-bit,
 * gray and palette images expanded to RGBA, the same ColorizerError codes.
 */
import { readFile, writeFile } from 'node:fs/promises';
import sharp from 'sharp';
import { createRawImage, type RawImage } from '../../core/image';
import {
  assertImageSize,
  DEFAULT_MAX_IMAGE_PIXELS,
  preflightImage,
  type SniffedImageType,
} from '../../core/image-sniff';
import { ColorizerError } from '../../core/runtime/errors';

export interface DecodeOptions {
  /** Refuse images with more pixels than this ('image-too-large'). Default: 100 MP. */
  readonly maxPixels?: number;
}

// Formats the browser decodes but this prebuilt libvips cannot.
const NOT_IN_NODE: Partial<Record<SniffedImageType, string>> = {
  bmp: 'BMP images are not supported by the command-line tools; convert to PNG',
  ico: 'ICO icons are not supported by the command-line tools; convert to PNG',
};

/** Reads and decodes an image file; errors name `path`. */
export async function decodeImageFile(path: string, options?: DecodeOptions): Promise<RawImage> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(path);
  } catch (err) {
    const reason = (err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message;
    throw new ColorizerError('invalid-argument', `Cannot read ${path}: ${reason}`, { cause: err });
  }
  return decodeImageBuffer(bytes, path, options);
}

/** Decodes encoded image bytes to opaque 8-bit sRGB RGBA; `name` is used in error messages. */
export async function decodeImageBuffer(bytes: Uint8Array, name: string, options?: DecodeOptions): Promise<RawImage> {
  const maxPixels = options?.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  // Also refuses a decompression bomb from its header bytes, before libvips sees it.
  const type = preflightImage(bytes, bytes.length, name, maxPixels);
  const notInNode = NOT_IN_NODE[type];
  if (notInNode) throw new ColorizerError('unsupported-format', `${name}: ${notInNode}`);

  const header = await sharp(bytes)
    .metadata()
    .catch((err: unknown) => {
      throw tooLarge(name, maxPixels, err) ?? corrupt(name, type, err);
    });
  // Checked from the header, before any pixel memory is allocated.
  assertImageSize(header.width ?? 0, header.height ?? 0, name, maxPixels);

  try {
    const { data, info } = await sharp(bytes, { limitInputPixels: maxPixels })
      .autoOrient() // = rotate(): applies the EXIF orientation
      .flatten({ background: '#ffffff' })
      .toColourspace('srgb') // 8-bit sRGB: expands gray/palette, reduces 16-bit
      .ensureAlpha(1)
      .raw({ depth: 'uchar' })
      .toBuffer({ resolveWithObject: true });
    if (info.channels !== 4) throw new Error(`expected 4 channels after decoding, got ${info.channels}`);
    return createRawImage(info.width, info.height, new Uint8ClampedArray(data.buffer, data.byteOffset, data.length));
  } catch (err) {
    throw tooLarge(name, maxPixels, err) ?? corrupt(name, type, err);
  }
}

/** libvips' own pixel-limit refusal as 'image-too-large', else null. */
function tooLarge(name: string, maxPixels: number, err: unknown): ColorizerError | null {
  if (!(err instanceof Error && /pixel limit/i.test(err.message))) return null;
  return new ColorizerError('image-too-large', `${name} has more than the ${maxPixels / 1e6} MP allowed`, { cause: err });
}

/** PNG bytes of an image; written as RGB when every pixel is opaque, RGBA otherwise. */
export async function encodePng(image: RawImage): Promise<Uint8Array> {
  const { width, height, data } = image;
  let pipeline = sharp(data, { raw: { width, height, channels: 4 } });
  if (isOpaque(data)) pipeline = pipeline.removeAlpha();
  const png = await pipeline.png().toBuffer();
  return new Uint8Array(png.buffer, png.byteOffset, png.length);
}

export async function writePng(path: string, image: RawImage): Promise<void> {
  await writeFile(path, await encodePng(image));
}

function isOpaque(rgba: Uint8ClampedArray): boolean {
  for (let i = 3; i < rgba.length; i += 4) if (rgba[i] !== 255) return false;
  return true;
}

function corrupt(name: string, type: SniffedImageType, cause: unknown): ColorizerError {
  const detail = cause instanceof Error ? cause.message.split('\n')[0] : String(cause);
  return new ColorizerError(
    'corrupt-image',
    `${name} looks like a ${type.toUpperCase()} file but could not be decoded; it may be truncated or damaged (${detail})`,
    { cause },
  );
}
