import * as tf from '@tensorflow/tfjs';
import { beforeAll, describe, expect, it } from 'vitest';
import { createRawImage } from '../image';
import {
  chromaOfPixel,
  imageToLab,
  labToImage,
  labToRgb,
  labToRgba8,
  labToRgbTensor,
  lightnessInto,
  linearToSrgb,
  linearToSrgb8,
  rgbToLab,
  rgbToLabTensor,
} from './lab';

/**
 * Reference Lab values: scikit-image 0.26 `skimage.color.rgb2lab` (float64),
 * also reproduced by a hand-written numpy version of its formula (sRGB curve,
 * skimage's RGB->XYZ matrix, D65 white Xn=0.95047, Zn=1.08883, and its
 * rounded constants 0.008856 / 7.787).
 * lab.ts uses the exact CIE constants (216/24389, 24389/27/116); the two
 * agree to ~4e-5 in L, well inside the spec's 1e-3.
 */
const REFERENCE: ReadonlyArray<{ rgb: [number, number, number]; lab: [number, number, number] }> = [
  { rgb: [1, 0, 0], lab: [53.240588, 80.092308, 67.202751] },
  { rgb: [0, 1, 0], lab: [87.735099, -86.18303, 83.179703] },
  { rgb: [0, 0, 1], lab: [32.295673, 79.185591, -107.8573] },
  { rgb: [1, 1, 0], lab: [97.139507, -21.554681, 94.478122] },
  { rgb: [0, 1, 1], lab: [91.113301, -48.090596, -14.12633] },
  { rgb: [1, 0, 1], lab: [60.323507, 98.233054, -60.821015] },
  { rgb: [0, 0, 0], lab: [0, 0, 0] },
  { rgb: [0.5, 0.5, 0.5], lab: [53.388965, -0.001468, 0.002784] },
  { rgb: [0.2, 0.4, 0.6], lab: [42.008001, -0.154041, -32.842897] },
  { rgb: [0.01, 0.02, 0.03], lab: [1.300054, -0.31235, -1.199765] }, // linear branch of f
  { rgb: [128 / 255, 64 / 255, 32 / 255], lab: [34.724796, 24.999568, 31.37284] },
];

const SPEC_TOLERANCE = 1e-3;

function expectClose(actual: ArrayLike<number>, expected: ArrayLike<number>, tolerance: number, label: string): void {
  for (let i = 0; i < expected.length; i++) {
    const diff = Math.abs(actual[i]! - expected[i]!);
    if (!(diff <= tolerance)) {
      throw new Error(`${label}[${i}]: got ${actual[i]}, expected ${expected[i]} (|diff| ${diff} > ${tolerance})`);
    }
  }
}

describe('rgbToLab (scalar)', () => {
  it.each(REFERENCE)('matches skimage rgb2lab for $rgb', ({ rgb, lab }) => {
    expectClose(rgbToLab(...rgb), lab, SPEC_TOLERANCE, `Lab of ${rgb}`);
  });

  it('maps white to L=100 with a, b not exactly 0 (Xn, Zn are rounded in the standard)', () => {
    const [L, a, b] = rgbToLab(1, 1, 1);
    expect(L).toBeCloseTo(100, 6);
    // skimage gives a = -0.002455, b = 0.004653 for white: the matrix rows do not
    // sum exactly to Xn and Zn. Check we reproduce that, not an idealised 0.
    expectClose([a, b], [-0.002455, 0.004653], 1e-5, 'ab of white');
    expect(Math.hypot(a, b)).toBeLessThan(6e-3);
  });
});

describe('labToRgb (scalar)', () => {
  it.each(REFERENCE)('inverts the reference Lab of $rgb', ({ rgb, lab }) => {
    expectClose(labToRgb(...lab), rgb, 1e-4, `RGB of ${lab}`);
  });

  it('clips out-of-gamut colours to 0..1', () => {
    const outOfGamut: Array<[number, number, number]> = [[50, 120, -120], [100, 100, 100], [0, -80, 80], [120, 0, 0], [-10, 0, 0]];
    for (const lab of outOfGamut) {
      for (const c of labToRgb(...lab)) {
        expect(c).toBeGreaterThanOrEqual(0);
        expect(c).toBeLessThanOrEqual(1);
      }
    }
  });
});

describe('8-bit round trip over a grid (every 5th value per channel)', () => {
  const levels: number[] = [];
  for (let v = 0; v <= 255; v += 5) levels.push(v); // 0..255 inclusive, 52 levels

  it('scalar: rgb -> Lab -> rgb errs < 0.5/255 per channel', () => {
    let worst = 0;
    for (const r of levels) for (const g of levels) for (const b of levels) {
      const back = labToRgb(...rgbToLab(r / 255, g / 255, b / 255));
      worst = Math.max(worst, Math.abs(back[0] * 255 - r), Math.abs(back[1] * 255 - g), Math.abs(back[2] * 255 - b));
    }
    expect(worst).toBeLessThan(0.5);
  });

  it('planes: imageToLab -> labToImage reproduces every pixel exactly after rounding', () => {
    const n = levels.length ** 3;
    const data = new Uint8ClampedArray(n * 4);
    let i = 0;
    for (const r of levels) for (const g of levels) for (const b of levels) {
      data.set([r, g, b, 255], i * 4);
      i++;
    }
    const image = createRawImage(levels.length ** 2, levels.length, data);
    const back = labToImage(imageToLab(image));
    let mismatches = 0;
    for (let j = 0; j < data.length; j++) if (back.data[j] !== data[j]) mismatches++;
    expect(mismatches).toBe(0);
  });
});

describe('fast 8-bit paths (used by the streaming pipeline) are bit-identical to the plain formulas', () => {
  const clamp01 = (v: number) => (v < 0 ? 0 : v > 1 ? 1 : v);
  let seed = 12345;
  const random = () => {
    seed = (seed * 1103515245 + 12345) >>> 0;
    return seed / 2 ** 32;
  };

  it('linearToSrgb8 = Math.round(255 · clamp01(linearToSrgb(max(0, v)))), including edges and NaN', () => {
    const probes = [NaN, -1, -0, 0, 1e-12, 0.0031308, 0.0031309, 0.5, 0.99999, 1, 1.5, Infinity];
    for (let i = 0; i < 200_000; i++) probes.push(random() * 1.1 - 0.05);
    for (let v = 0; v <= 255; v++) {
      // Values right at each rounding boundary, found from the inverse curve.
      const x = ((v - 0.5) / 255 + 0.055) / 1.055;
      probes.push(Math.pow(x, 2.4), Math.pow(x, 2.4) * (1 + 1e-15), Math.pow(x, 2.4) * (1 - 1e-15), (v - 0.5) / 255 / 12.92);
    }
    let mismatches = 0;
    for (const v of probes) {
      const want = Number.isNaN(v) ? 0 : Math.round(clamp01(linearToSrgb(Math.max(0, v))) * 255);
      if (linearToSrgb8(v) !== want) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('labToRgba8 equals rounding labToRgb, in and out of gamut', () => {
    const out = new Uint8ClampedArray(4);
    let mismatches = 0;
    for (let i = 0; i < 100_000; i++) {
      const L = random() * 110 - 5, a = random() * 260 - 130, b = random() * 260 - 130;
      labToRgba8(L, a, b, out, 0);
      const want = [...labToRgb(L, a, b).map((c) => Math.round(c * 255)), 255];
      if (want.some((w, k) => w !== out[k])) mismatches++;
    }
    expect(mismatches).toBe(0);
  });

  it('lightnessInto and chromaOfPixel give exactly imageToLab\'s L, a, b', () => {
    const w = 37, h = 11;
    const image = createRawImage(w, h, new Uint8ClampedArray(w * h * 4).map(() => Math.floor(random() * 256)));
    const lab = imageToLab(image);
    const L = new Float32Array(w * h);
    for (let y = 0; y < h; y++) lightnessInto(image.data, y * w, w, L, y * w);
    expect(Array.from(L)).toEqual(Array.from(lab.L));
    for (let i = 0; i < w * h; i++) expect(chromaOfPixel(image.data, i)).toEqual([lab.a[i], lab.b[i]]);
  });
});

describe('tensor conversions (cpu backend)', () => {
  beforeAll(async () => {
    await tf.setBackend('cpu');
    await tf.ready();
  });

  // Reference colours plus values on both sides of the sRGB-curve and Lab-f thresholds.
  const probeRgb: Array<[number, number, number]> = [
    ...REFERENCE.map((r) => r.rgb),
    [1, 1, 1],
    [0.04045, 0.04, 0.041],
    [0.0031, 0.09, 0.1],
    [3 / 255, 1 / 255, 254 / 255],
    [0.75, 0.3, 0.9],
  ];

  it('rgbToLabTensor agrees with rgbToLab to 1e-3', () => {
    const out = tf.tidy(() => rgbToLabTensor(tf.tensor2d(probeRgb)).arraySync() as number[][]);
    probeRgb.forEach((rgb, i) => expectClose(out[i]!, rgbToLab(...rgb), SPEC_TOLERANCE, `tensor Lab of ${rgb}`));
  });

  it('rgbToLabTensor keeps the input shape [h, w, 3]', () => {
    const shape = tf.tidy(() => rgbToLabTensor(tf.zeros([2, 5, 3])).shape);
    expect(shape).toEqual([2, 5, 3]);
  });

  it('labToRgbTensor agrees with labToRgb to 1e-3, including out-of-gamut input', () => {
    const probeLab: Array<[number, number, number]> = [
      ...probeRgb.map((rgb) => rgbToLab(...rgb)),
      [50, 120, -120],
      [100, 100, 100],
      [0, -80, 80],
      [5, 10, -10], // linear branch of f^-1
      [70, -30, 40],
    ];
    const out = tf.tidy(() => labToRgbTensor(tf.tensor2d(probeLab)).arraySync() as number[][]);
    probeLab.forEach((lab, i) => expectClose(out[i]!, labToRgb(...lab), SPEC_TOLERANCE, `tensor RGB of ${lab}`));
  });

  it('does not leak tensors', () => {
    const input = tf.tensor4d(new Float32Array(2 * 4 * 4 * 3).map((_, i) => (i % 17) / 16), [2, 4, 4, 3]);
    const before = tf.memory().numTensors;
    const lab = rgbToLabTensor(input);
    const rgb = labToRgbTensor(lab);
    expect(tf.memory().numTensors).toBe(before + 2);
    lab.dispose();
    rgb.dispose();
    expect(tf.memory().numTensors).toBe(before);
    input.dispose();
  });
});
