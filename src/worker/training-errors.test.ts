import { describe, expect, it } from 'vitest';
import { describeTrainingError } from './training-errors';

describe('describeTrainingError', () => {
  it('turns out-of-memory errors from each backend into advice', () => {
    for (const raw of ['Failed to allocate buffer of size 123', 'RuntimeError: memory access out of bounds', 'WebGL: OOM', 'Cannot enlarge memory arrays', 'Out of memory']) {
      expect(describeTrainingError(new Error(raw))).toBe(`it ran out of memory (${raw}); try a smaller batch size or training size, or fewer photos`);
    }
  });
  it('keeps any other message as it is', () => {
    expect(describeTrainingError(new Error('Loss diverged at step 3'))).toBe('Loss diverged at step 3');
    expect(describeTrainingError('plain')).toBe('plain');
  });
});
