import type { RawImage } from '../image';
import { ColorizerError } from '../runtime/errors';

/** Throws 'invalid-argument' unless both images have the same width and height. */
export function assertSameSize(reference: RawImage, candidate: RawImage): void {
  if (reference.width !== candidate.width || reference.height !== candidate.height) {
    throw new ColorizerError(
      'invalid-argument',
      `Cannot compare images of different sizes: reference is ${reference.width}×${reference.height}, ` +
        `candidate is ${candidate.width}×${candidate.height}`,
    );
  }
}
