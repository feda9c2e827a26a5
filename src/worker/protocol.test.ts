import { describe, expect, it } from 'vitest';
import { ColorizerError } from '../core/runtime/errors';
import { isWorkerError, toWorkerError } from './protocol';

describe('toWorkerError', () => {
  it('keeps a ColorizerError code and message, as a plain object', () => {
    const out = toWorkerError(new ColorizerError('not-an-image', 'notes.jpg is not an image'));
    expect(out).toEqual({ name: 'ColorizerError', code: 'not-an-image', message: 'notes.jpg is not an image' });
    expect(out).not.toBeInstanceOf(Error);
    expect(structuredClone(out)).toEqual(out);
  });

  it('turns other errors into internal ones with a readable message', () => {
    expect(toWorkerError(new TypeError('x is undefined'))).toEqual({ name: 'ColorizerError', code: 'internal', message: 'TypeError: x is undefined' });
    expect(toWorkerError('boom')).toMatchObject({ code: 'internal', message: 'boom' });
  });

  it('does not mistake a DOMException AbortError (e.g. a lost GPU device) for a cancel', () => {
    const lost = new DOMException("Failed to execute 'mapAsync' on 'GPUBuffer'", 'AbortError');
    expect(isWorkerError(lost)).toBe(false); // its code is a number
    expect(toWorkerError(lost)).toMatchObject({ code: 'internal', message: expect.stringContaining('AbortError: ') });
  });
});
