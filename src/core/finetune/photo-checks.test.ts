import { describe, expect, it } from 'vitest';
import { trainingSetLimit } from './limits';
import { checkTrainingSet, chromaSpread, MAX_TRAINING_SET_BYTES, MIN_CHROMA_SPREAD, photoProblem, trainingSetBytes } from './photo-checks';
import { colourPhoto, grayPhoto } from './test-helpers';

describe('fine-tuning photo checks', () => {
  it('a colourful photo passes; gray and single-tinted (sepia) photos have no colour to learn from', () => {
    expect(chromaSpread(colourPhoto(64, 64))).toBeGreaterThan(30);
    expect(photoProblem(colourPhoto(64, 64))).toBeNull();
    expect(chromaSpread(grayPhoto(64, 64))).toBeLessThan(0.5);
    expect(photoProblem(grayPhoto(64, 64))).toMatch(/No colour to learn from/);
    const sepia = chromaSpread(grayPhoto(64, 64, true));
    expect(sepia).toBeLessThan(MIN_CHROMA_SPREAD); // a cast, but no variation
    expect(photoProblem(grayPhoto(64, 64, true))).toMatch(/No colour to learn from: this looks black-and-white or tinted in a single colour/);
  });

  it('refuses photos too small to learn from, with their size', () => {
    expect(photoProblem(colourPhoto(20, 200))).toMatch(/Too small to learn from \(20×200\)/);
  });

  it('training-set memory is linear in photos and quadratic in size', () => {
    expect(trainingSetBytes(10, 128)).toBe(10 * trainingSetBytes(1, 128));
    const ratio = trainingSetBytes(1, 128) / trainingSetBytes(1, 64);
    expect(ratio).toBeGreaterThan(3.5); // the global vector does not grow with size
    expect(ratio).toBeLessThan(4);
  });

  it('the set verdict names each problem: too few photos, too much memory, bad batch size', () => {
    expect(checkTrainingSet(8, 128, 8)).toMatchObject({ ok: true, problems: [], trainingPhotos: 7 });
    expect(checkTrainingSet(2, 128, 8).problems[0]).toMatch(/at least 4 colour photos.*only 2 are usable/);
    expect(checkTrainingSet(0, 128, 8).problems[0]).toMatch(/none is usable/);
    const tooMany = Math.ceil(MAX_TRAINING_SET_BYTES / trainingSetBytes(1, 160)) + 5;
    const verdict = checkTrainingSet(tooMany, 160, 8);
    expect(verdict.ok).toBe(false);
    expect(verdict.problems.join()).toMatch(/need about .* of memory for training; the limit is 1\.0 GB\. Use at most \d+ photos/);
    expect(checkTrainingSet(8, 128, 0).problems.join()).toMatch(/Batch size must be/);
  });

  it('scales the memory limit to the device: a quarter of its RAM, at most 1 GB, and says so', () => {
    expect(trainingSetLimit(undefined)).toBe(MAX_TRAINING_SET_BYTES);
    expect(trainingSetLimit(8)).toBe(MAX_TRAINING_SET_BYTES);
    expect(trainingSetLimit(2)).toBe(512 * 1024 ** 2);
    expect(trainingSetLimit(0.5)).toBe(128 * 1024 ** 2);
    const photos = Math.ceil((128 * 1024 ** 2) / trainingSetBytes(1, 128)) + 5;
    expect(checkTrainingSet(photos, 128, 8).ok).toBe(true);
    const small = checkTrainingSet(photos, 128, 8, trainingSetLimit(0.5));
    expect(small.ok).toBe(false);
    expect(small.problems[0]).toMatch(/the limit on this device is 128 MB\. Use at most \d+ photos/);
  });
});
