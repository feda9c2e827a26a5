/**
 * Node has no createImageBitmap or OffscreenCanvas: these tests stub both to
 * check the decoder's own logic (sniffing, white flattening order, options,
 * error codes, releasing the bitmap). Real decoding is covered by e2e tests.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import { ColorizerError } from '../../core/runtime/errors';
import { decodeImageBlob } from './decode-image';

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a];
const pngBlob = () => new Blob([new Uint8Array([...PNG_SIGNATURE, 0, 0, 0, 13])]);

interface FakeBitmap {
  width: number;
  height: number;
  close: ReturnType<typeof vi.fn>;
}

/** Stubs a browser whose decoder yields a w×h bitmap painted in `rgb`, or throws `failure`. */
function stubBrowser(w: number, h: number, rgb: [number, number, number], failure?: Error) {
  const calls: string[] = [];
  const bitmap: FakeBitmap = { width: w, height: h, close: vi.fn() };
  const createImageBitmap = vi.fn(async () => {
    if (failure) throw failure;
    return bitmap;
  });
  class FakeCanvas {
    constructor(readonly width: number, readonly height: number) {}
    getContext() {
      const pixels = new Uint8ClampedArray(this.width * this.height * 4);
      return {
        fillStyle: '',
        fillRect(this: { fillStyle: string }) {
          calls.push(`fillRect ${this.fillStyle}`);
          pixels.fill(255);
        },
        drawImage(source: unknown) {
          calls.push('drawImage');
          expect(source).toBe(bitmap);
          for (let i = 0; i < pixels.length; i += 4) pixels.set([...rgb, 255], i);
        },
        getImageData(_x: number, _y: number, width: number, height: number) {
          calls.push('getImageData');
          return { width, height, data: pixels };
        },
      };
    }
  }
  vi.stubGlobal('createImageBitmap', createImageBitmap);
  vi.stubGlobal('OffscreenCanvas', FakeCanvas);
  return { calls, bitmap, createImageBitmap };
}

async function rejection(promise: Promise<unknown>): Promise<ColorizerError> {
  const err = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(ColorizerError);
  return err as ColorizerError;
}

afterEach(() => {
  vi.unstubAllGlobals();
});

describe('decodeImageBlob', () => {
  it('decodes with EXIF orientation, fills white before drawing, and frees the bitmap', async () => {
    const browser = stubBrowser(3, 2, [10, 20, 30]);
    const image = await decodeImageBlob(pngBlob(), 'a.png');
    expect([image.width, image.height]).toEqual([3, 2]);
    expect(Array.from(image.data.subarray(0, 4))).toEqual([10, 20, 30, 255]);
    expect(browser.calls).toEqual(['fillRect #ffffff', 'drawImage', 'getImageData']);
    expect(browser.createImageBitmap).toHaveBeenCalledWith(expect.any(Blob), {
      imageOrientation: 'from-image',
      premultiplyAlpha: 'none',
      colorSpaceConversion: 'default',
    });
    expect(browser.bitmap.close).toHaveBeenCalledOnce();
  });

  it('empty blob -> empty-file, without calling the decoder', async () => {
    const browser = stubBrowser(1, 1, [0, 0, 0]);
    const err = await rejection(decodeImageBlob(new Blob([]), 'empty.jpg'));
    expect([err.code, err.message]).toEqual(['empty-file', 'empty.jpg is empty (0 bytes)']);
    expect(browser.createImageBitmap).not.toHaveBeenCalled();
  });

  it('text -> not-an-image', async () => {
    stubBrowser(1, 1, [0, 0, 0]);
    const err = await rejection(decodeImageBlob(new Blob(['hello world']), 'notes.jpg'));
    expect(err.code).toBe('not-an-image');
    expect(err.message).toMatch(/^notes\.jpg is not an image/);
  });

  it('HEIC -> unsupported-format with advice', async () => {
    stubBrowser(1, 1, [0, 0, 0]);
    const heic = new Uint8Array([0, 0, 0, 20, ...new TextEncoder().encode('ftypheic\0\0\0\0mif1')]);
    const err = await rejection(decodeImageBlob(new Blob([heic]), 'IMG_1.HEIC'));
    expect(err.code).toBe('unsupported-format');
    expect(err.message).toBe('IMG_1.HEIC: HEIC photos are not supported; convert to JPEG or PNG');
  });

  it('a real signature the browser cannot decode -> corrupt-image', async () => {
    stubBrowser(1, 1, [0, 0, 0], new DOMException('The source image could not be decoded.', 'InvalidStateError'));
    const err = await rejection(decodeImageBlob(pngBlob(), 'broken.png'));
    expect(err.code).toBe('corrupt-image');
    expect(err.message).toMatch(/^broken\.png looks like a PNG file but could not be decoded/);
  });

  it('too many pixels -> image-too-large, and the bitmap is still freed', async () => {
    const browser = stubBrowser(100, 50, [0, 0, 0]);
    const err = await rejection(decodeImageBlob(pngBlob(), 'big.png', { maxPixels: 4999 }));
    expect(err.code).toBe('image-too-large');
    expect(browser.bitmap.close).toHaveBeenCalledOnce();
  });
});
