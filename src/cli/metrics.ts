/**
 * Compares a candidate image with a reference and prints one JSON line:
 *
 *   npm run -s metrics -- <reference> <candidate>
 *   {"psnr":31.42,"ssim":0.9471}
 *
 * Exit codes: 0 ok, 1 an image could not be read or the sizes differ, 2 usage error.
 */
import { parseArgs } from 'node:util';
import { psnr, ssim } from '../core/metrics';
import { ColorizerError } from '../core/runtime/errors';
import { decodeImageFile } from '../platform/node/image-io';

const USAGE = `usage: npm run -s metrics -- <reference> <candidate>
Prints one JSON line {"psnr": <dB>, "ssim": <0..1>} comparing two images of the same size
(JPEG, PNG, WebP, GIF, TIFF or AVIF; alpha is flattened on white, metrics use R, G, B).
  psnr  10·log10(255² / MSE) over all pixels and channels; the string "Infinity" when
        the images are identical (JSON has no infinite numbers)
  ssim  mean SSIM, 11×11 Gaussian window (σ 1.5), valid windows only, averaged over R, G, B
Exit codes: 0 ok, 1 unreadable image or different sizes, 2 usage error.`;

interface MetricsResult {
  readonly psnr: number | 'Infinity';
  readonly ssim: number;
}

async function main(argv: string[]): Promise<number> {
  let positionals: string[];
  let help: boolean | undefined;
  try {
    ({ positionals, values: { help } } = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    }));
  } catch (err) {
    process.stderr.write(`${(err as Error).message}\n${USAGE}\n`);
    return 2;
  }
  if (help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length !== 2) {
    process.stderr.write(`expected 2 image paths, got ${positionals.length}\n${USAGE}\n`);
    return 2;
  }

  const [referencePath, candidatePath] = positionals as [string, string];
  try {
    const [reference, candidate] = await Promise.all([decodeImageFile(referencePath), decodeImageFile(candidatePath)]);
    const peakSnr = psnr(reference, candidate);
    const result: MetricsResult = {
      psnr: Number.isFinite(peakSnr) ? peakSnr : 'Infinity',
      ssim: ssim(reference, candidate),
    };
    process.stdout.write(`${JSON.stringify(result)}\n`);
    return 0;
  } catch (err) {
    if (!(err instanceof ColorizerError)) throw err;
    process.stderr.write(`${err.message}\n`);
    return 1;
  }
}

process.exitCode = await main(process.argv.slice(2));
