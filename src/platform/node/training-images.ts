/**
 * Reads training photos for the CLIs: decode with sharp (EXIF-rotated, alpha dropped),
 * centre-crop to a square and resize to the training size, as 8-bit RGB.
 */
import fs from 'node:fs';
import path from 'node:path';
import sharp from 'sharp';

const IMAGE_EXT = /\.(jpe?g|png|webp|bmp|tiff?|gif|avif)$/i;

/** Image files directly inside `dir`, sorted by name (stable across runs). */
export function listImageFiles(dir: string): string[] {
  if (!fs.existsSync(dir) || !fs.statSync(dir).isDirectory()) throw new Error(`Not a folder: ${dir}`);
  return fs.readdirSync(dir).filter((f) => IMAGE_EXT.test(f)).sort().map((f) => path.join(dir, f));
}

/** Square RGB crop, `size`², as Uint8 RGB interleaved. */
export async function loadSquareRgb(file: string, size: number): Promise<Uint8Array> {
  const { data, info } = await sharp(file)
    .rotate()
    .resize(size, size, { fit: 'cover', position: 'centre', kernel: 'lanczos3' })
    .removeAlpha()
    .toColourspace('srgb')
    .raw()
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`${file}: expected 3 channels, got ${info.channels}`);
  return new Uint8Array(data.buffer, data.byteOffset, data.length);
}
