/**
 * Image files in browsers and workers: a File/Blob decoded to an 8-bit sRGB
 * RawImage with createImageBitmap and an OffscreenCanvas.
 *
 * Matches the Node decoder (src/platform/node/image-io.ts): EXIF orientation
 * applied, alpha flattened on white, the same ColorizerError codes. The bytes are
 * sniffed first, so a text file or a HEIC photo gets a clear message rather than
 * the browser's generic "could not decode".
 */
import { createRawImage, type RawImage } from '../../core/image';
import {
  assertImageSize,
  DEFAULT_MAX_IMAGE_PIXELS,
  DIMENSION_BYTES,
  preflightImage,
  type SniffedImageType,
} from '../../core/image-sniff';
import { ColorizerError } from '../../core/runtime/errors';

export interface DecodeBlobOptions {
  /** Refuse images with more pixels than this ('image-too-large'). Default: 100 MP. */
  readonly maxPixels?: number;
}

/** Decodes an image Blob (e.g. a dropped File); `name` is used in error messages. */
export async function decodeImageBlob(blob: Blob, name: string, options?: DecodeBlobOptions): Promise<RawImage> {
  const maxPixels = options?.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS;
  const head = new Uint8Array(await blob.slice(0, DIMENSION_BYTES).arrayBuffer());
  const type = preflightImage(head, blob.size, name, maxPixels);

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'default',
    });
  } catch (err) {
    throw undecodable(name, type, err);
  }

  try {
    const { width, height } = bitmap;
    assertImageSize(width, height, name, maxPixels);
    const canvas = new OffscreenCanvas(width, height);
    const context = canvas.getContext('2d', { willReadFrequently: true });
    if (!context) {
      throw new ColorizerError('backend-unavailable', `Cannot decode ${name}: this browser has no 2D OffscreenCanvas`);
    }
    context.fillStyle = '#ffffff'; // transparent pixels become white
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
    // Free the canvas's full-size backing store now rather than at the next GC (96 MP = 384 MB).
    canvas.width = canvas.height = 1;
    return createRawImage(width, height, pixels.data);
  } finally {
    bitmap.close();
  }
}

/** Formats some browsers cannot decode at all (Chromium and Firefox: TIFF), with the advice to give. */
const BROWSER_MAY_LACK: Partial<Record<SniffedImageType, string>> = {
  tiff: 'TIFF images cannot be opened in this browser; convert to JPEG or PNG',
};

function undecodable(name: string, type: SniffedImageType, cause: unknown): ColorizerError {
  const unsupported = BROWSER_MAY_LACK[type];
  if (unsupported) return new ColorizerError('unsupported-format', `${name}: ${unsupported}`, { cause });
  return new ColorizerError(
    'corrupt-image',
    `${name} looks like a ${type.toUpperCase()} file but could not be decoded; it may be truncated or damaged`,
    { cause },
  );
}
