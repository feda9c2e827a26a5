/**
 * Which samples each step trains on: epochs of a seeded shuffle, so a resumed run sees
 * exactly the batches it would have seen without the interruption.
 */
import { shuffledIndices } from '../train/shuffle';

export function batchIndices(step: number, samples: number, batchSize: number, seed: number): number[] {
  const out: number[] = [];
  for (let k = 0; k < batchSize; k++) {
    const position = step * batchSize + k;
    const epoch = Math.floor(position / samples);
    out.push(shuffledIndices(samples, seed * 7919 + epoch + 1)[position % samples]!);
  }
  return out;
}
