/**
 * The square training crop of a photo: the centred square, area-averaged down (or
 * bilinearly up) to size × size RGB. CPU typed arrays, the same resamplers as the
 * colorize pipeline; these crops are what a fine-tuning checkpoint keeps for resuming.
 */
import { createRawImage, type RawImage } from '../image';
import { downscaleArea, upscaleBilinear } from '../pipeline/resample';

export function squareCrop(image: RawImage, size: number): RawImage {
  const side = Math.min(image.width, image.height);
  const x0 = Math.floor((image.width - side) / 2), y0 = Math.floor((image.height - side) / 2);
  const out = createRawImage(size, size);
  const plane = new Float32Array(side * side);
  for (let c = 0; c < 3; c++) {
    for (let y = 0; y < side; y++) {
      const row = ((y0 + y) * image.width + x0) * 4 + c;
      for (let x = 0; x < side; x++) plane[y * side + x] = image.data[row + x * 4]!;
    }
    const resized = side === size ? plane : side > size ? downscaleArea(plane, side, side, size, size) : upscaleBilinear(plane, side, side, size, size);
    for (let i = 0; i < size * size; i++) out.data[i * 4 + c] = resized[i]!;
  }
  for (let i = 0; i < size * size; i++) out.data[i * 4 + 3] = 255;
  return out;
}
