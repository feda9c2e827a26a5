/** What one training sample holds, and each field's shape (plain data, no tfjs). */
import { ENCODER_TAPS, type EncoderTap } from '../model/config';

export const SAMPLE_FIELDS = ['s4', 's8', 's16', 's32', 'global', 'lightness', 'ab'] as const;
export type SampleField = (typeof SAMPLE_FIELDS)[number];

/** Per-sample shape of each field for a square training input of `size` pixels. */
export function sampleFieldShapes(size: number): Record<SampleField, number[]> {
  const map = (tap: Exclude<EncoderTap, 'global'>) => {
    const s = size / ENCODER_TAPS[tap].stride;
    return [s, s, ENCODER_TAPS[tap].channels];
  };
  const q = size / 4;
  return {
    s4: map('s4'), s8: map('s8'), s16: map('s16'), s32: map('s32'),
    global: [ENCODER_TAPS.global.channels],
    lightness: [q, q, 1],
    ab: [q, q, 2],
  };
}

