/**
 * `colorize --samples N`: N Langevin colourisations of one photo written as
 * <out>/<name>-<i>.png (i = 1..N) next to the GAN's <name>.png, with per-sample PSNR/SSIM,
 * the diversity figure and the time per sample.
 */
import path from 'node:path';
import type { Colorizer } from '../core/model/colorizer';
import type { RawImage } from '../core/image';
import { qualityAgainst, renderSample, sampleColourings } from '../core/langevin/colorize-samples';
import type { SamplingSettings } from '../core/langevin/sampling-defaults';
import type { ScoreNet } from '../core/langevin/score-net';
import { imageHasColour, metricsSkippedReason } from '../core/pipeline/colorize';
import type { QualityMetrics } from '../core/pipeline/types';
import { writePng } from '../platform/node/image-io';

export interface WriteSamplesOptions {
  readonly count: number;
  readonly seed: number;
  readonly settings: Partial<SamplingSettings>;
  readonly outDir: string;
  /** Progress line per Langevin step (the CLI writes it to stderr). */
  readonly onProgress?: (done: number, total: number) => void;
}

const fmt = (m: QualityMetrics | null, skipped: string | null) =>
  m ? `PSNR ${m.psnr.toFixed(2)} dB, SSIM ${m.ssim.toFixed(4)}` : skipped ? `PSNR/SSIM ${skipped}` : 'no colour reference';

/** Writes the files and returns the report lines. */
export async function writeSamples(colorizer: Colorizer, scoreNet: ScoreNet, file: string, image: RawImage, o: WriteSamplesOptions): Promise<string[]> {
  const ab = await sampleColourings(colorizer, scoreNet, image, { count: o.count, seed: o.seed, ...o.settings, ...(o.onProgress ? { onProgress: o.onProgress } : {}) });
  const name = path.parse(file).name;
  const hasColour = imageHasColour(image);
  const skipped = hasColour ? metricsSkippedReason(image.width * image.height) : null;
  const lines: string[] = [];
  const s = ab.settings;
  lines.push(`${file} (${image.width}×${image.height}): ${o.count} samples, seed ${o.seed}, T ${s.stepsPerLevel}, ε ${s.epsilon}, start level ${s.startLevel}${s.denoise ? '' : ', no denoise'}: ` +
    `${ab.evaluations} score evaluations each; features ${ab.timings.featuresMs.toFixed(0)} ms, sampling ${(ab.timings.samplingMs / 1000).toFixed(2)} s = ${(ab.timings.samplingMs / o.count / 1000).toFixed(2)} s per sample`);
  const gan = renderSample(image, ab, 'gan');
  const ganOut = path.join(o.outDir, `${name}.png`);
  await writePng(ganOut, gan);
  const ganMetrics = qualityAgainst(image, gan, hasColour);
  lines.push(`  GAN      → ${ganOut} (${fmt(ganMetrics, skipped)})`);
  let best: number | null = null;
  for (let i = 0; i < o.count; i++) {
    const sample = renderSample(image, ab, i);
    const out = path.join(o.outDir, `${name}-${i + 1}.png`);
    await writePng(out, sample);
    const m = qualityAgainst(image, sample, hasColour);
    if (m) best = Math.max(best ?? -Infinity, m.psnr);
    lines.push(`  sample ${String(i + 1).padEnd(2)}→ ${out} (${fmt(m, skipped)})`);
  }
  if (ab.diversity !== null) lines.push(`  diversity (mean pairwise a,b distance): ${ab.diversity.toFixed(2)} Lab units`);
  if (best !== null && ganMetrics) lines.push(`  best-of-${o.count} PSNR ${best.toFixed(2)} dB vs GAN ${ganMetrics.psnr.toFixed(2)} dB`);
  return lines;
}
