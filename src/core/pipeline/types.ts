import type { RawImage } from '../image';

export interface ColorizeProgress {
  readonly stage: 'prepare' | 'model' | 'recombine' | 'metrics';
  /** 0..1 overall. */
  readonly fraction: number;
}

export interface ColorizeOptions {
  readonly signal?: AbortSignal;
  readonly onProgress?: (p: ColorizeProgress) => void;
  /** Compute PSNR/SSIM against the input when it had colour (default true). */
  readonly computeMetrics?: boolean;
}

export interface QualityMetrics {
  readonly psnr: number;
  readonly ssim: number;
}

export interface ColorizeResult {
  /** Full-resolution colour result: the input's own L + predicted a,b. */
  readonly colorized: RawImage;
  /** Full-resolution grayscale image that the model saw (L with a = b = 0). */
  readonly gray: RawImage;
  /** PSNR/SSIM of `colorized` against the input; null when the input had no colour. */
  readonly metrics: QualityMetrics | null;
  /** False when the input was already grayscale, so there is no colour reference. */
  readonly hasColourReference: boolean;
  readonly timings: { readonly totalMs: number; readonly modelMs: number };
}
