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
import { assertImageSize, assertSupportedImage, DEFAULT_MAX_IMAGE_PIXELS, SNIFF_BYTES } from '../../core/image-sniff';
import { ColorizerError } from '../../core/runtime/errors';

export interface DecodeBlobOptions {
  /** Refuse images with more pixels than this ('image-too-large'). Default: 100 MP. */
  readonly maxPixels?: number;
}

/** Decodes an image Blob (e.g. a dropped File); `name` is used in error messages. */
export async function decodeImageBlob(blob: Blob, name: string, options?: DecodeBlobOptions): Promise<RawImage> {
  const head = new Uint8Array(await blob.slice(0, SNIFF_BYTES).arrayBuffer());
  const type = assertSupportedImage(head, blob.size, name);

  let bitmap: ImageBitmap;
  try {
    bitmap = await createImageBitmap(blob, {
      imageOrientation: 'from-image',
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'default',
    });
  } catch (err) {
    throw new ColorizerError(
      'corrupt-image',
      `${name} looks like a ${type.toUpperCase()} file but could not be decoded; it may be truncated or damaged`,
      { cause: err },
    );
  }

  try {
    const { width, height } = bitmap;
    assertImageSize(width, height, name, options?.maxPixels ?? DEFAULT_MAX_IMAGE_PIXELS);
    const context = new OffscreenCanvas(width, height).getContext('2d', { willReadFrequently: true });
    if (!context) {
      throw new ColorizerError('backend-unavailable', `Cannot decode ${name}: this browser has no 2D OffscreenCanvas`);
    }
    context.fillStyle = '#ffffff'; // transparent pixels become white
    context.fillRect(0, 0, width, height);
    context.drawImage(bitmap, 0, 0);
    const pixels = context.getImageData(0, 0, width, height, { colorSpace: 'srgb' });
    return createRawImage(width, height, pixels.data);
  } finally {
    bitmap.close();
  }
}
