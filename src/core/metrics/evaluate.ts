/**
 * How well a colorizer does on photos with known colour: each photo's L goes through
 * the app's own pipeline, and the result is compared with the photo (PSNR, SSIM,
 * colourfulness), next to the gray baseline (L with a = b = 0). One loop for the eval
 * CLI, validation during training and the fine-tuning report.
 */
import type { RawImage } from '../image';
import type { Colorizer } from '../model/colorizer';
import { colorize } from '../pipeline/colorize';
import { colorfulness } from './colorfulness';
import { psnr } from './psnr';
import { ssim } from './ssim';

export interface EvaluatedImage {
  readonly name: string;
  readonly width: number;
  readonly height: number;
  readonly model: { readonly psnr: number; readonly ssim: number; readonly colorfulness: number };
  readonly gray: { readonly psnr: number; readonly ssim: number };
  readonly reference: { readonly colorfulness: number };
  readonly ms: number;
}

export interface Evaluation {
  readonly count: number;
  readonly model: { readonly psnr: number; readonly ssim: number; readonly colorfulness: number };
  readonly gray: { readonly psnr: number; readonly ssim: number };
  readonly reference: { readonly colorfulness: number };
  readonly medianMs: number;
  readonly images: readonly EvaluatedImage[];
}

/** Photos are loaded one at a time (`load(i)`), so a large set never sits in memory. */
export async function evaluateColorizer(
  colorizer: Colorizer,
  count: number,
  load: (index: number) => Promise<{ name: string; image: RawImage }>,
  onImage?: (done: number, total: number) => void,
): Promise<Evaluation> {
  if (count < 1) throw new RangeError('Nothing to evaluate: no photos');
  const rows: EvaluatedImage[] = [];
  for (let i = 0; i < count; i++) {
    const { name, image } = await load(i);
    const r = await colorize(colorizer, image, { computeMetrics: false });
    rows.push({
      name, width: image.width, height: image.height,
      model: { psnr: psnr(image, r.colorized), ssim: ssim(image, r.colorized), colorfulness: colorfulness(r.colorized) },
      gray: { psnr: psnr(image, r.gray), ssim: ssim(image, r.gray) },
      reference: { colorfulness: colorfulness(image) },
      ms: r.timings.totalMs,
    });
    onImage?.(i + 1, count);
  }
  const mean = (f: (r: EvaluatedImage) => number) => rows.reduce((s, r) => s + f(r), 0) / rows.length;
  return {
    count: rows.length,
    model: { psnr: mean((r) => r.model.psnr), ssim: mean((r) => r.model.ssim), colorfulness: mean((r) => r.model.colorfulness) },
    gray: { psnr: mean((r) => r.gray.psnr), ssim: mean((r) => r.gray.ssim) },
    reference: { colorfulness: mean((r) => r.reference.colorfulness) },
    medianMs: rows.map((r) => r.ms).sort((a, b) => a - b)[Math.floor(rows.length / 2)]!,
    images: rows,
  };
}
