/**
 * Validation during training: the app's own pipeline on held-out photos (never trained
 * on), mean PSNR / SSIM / colourfulness appended to a CSV.
 */
import fs from 'node:fs';
import type * as tf from '@tensorflow/tfjs';
import { createColorizer } from '../../core/model/colorizer';
import { loadEncoder } from '../../core/model/encoder';
import { evaluateColorizer } from '../../core/metrics/evaluate';
import { decodeImageFile } from '../../platform/node/image-io';
import { fileLoadHandler } from '../../platform/node/model-files';
import { listImageFiles } from '../../platform/node/training-images';
import { ENCODER_MODEL_JSON } from '../../platform/node/load-colorizer';

export interface ValidationResult {
  psnr: number;
  ssim: number;
  colorfulness: number;
  referenceColorfulness: number;
}

export async function createValidator(dir: string, count: number, csvPath: string) {
  const files = listImageFiles(dir).slice(0, count);
  const images = await Promise.all(files.map((f) => decodeImageFile(f)));
  const encoder = await loadEncoder(fileLoadHandler(ENCODER_MODEL_JSON));
  if (!fs.existsSync(csvPath)) fs.writeFileSync(csvPath, 'step,images,psnr,ssim,colorfulness,reference_colorfulness\n');
  return async (decoder: tf.LayersModel, step: number): Promise<ValidationResult> => {
    const colorizer = createColorizer(encoder, decoder, { name: 'validation', version: String(step), trained: true });
    const e = await evaluateColorizer(colorizer, images.length, async (i) => ({ name: files[i]!, image: images[i]! }));
    const res = { psnr: e.model.psnr, ssim: e.model.ssim, colorfulness: e.model.colorfulness, referenceColorfulness: e.reference.colorfulness };
    const n = e.count;
    fs.appendFileSync(csvPath, `${step},${n},${res.psnr.toFixed(3)},${res.ssim.toFixed(4)},${res.colorfulness.toFixed(2)},${res.referenceColorfulness.toFixed(2)}\n`);
    return res;
  };
}
