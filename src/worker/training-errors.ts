/** Why a fine-tuning step failed, in words a user can act on. */

/**
 * The reason a training step failed, in words: running out of (GPU or wasm) memory gets
 * advice, since the raw messages ("Failed to allocate…", "memory access out of bounds") don't say what to do.
 */
export function describeTrainingError(err: unknown): string {
  const message = (err as Error)?.message ?? String(err);
  if (/out of memory|\bOOM\b|failed to allocate|allocation failed|memory access out of bounds|Cannot enlarge memory|could not allocate/i.test(message)) {
    return `it ran out of memory (${message}); try a smaller batch size or training size, or fewer photos`;
  }
  return message;
}
