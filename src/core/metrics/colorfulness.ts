/**
 * Colourfulness of Hasler & Süsstrunk (2003), "Measuring colourfulness in natural
 * images", on 0–255 RGB (alpha ignored):
 *   rg = R − G,  yb = ½(R + G) − B
 *   M  = √(σrg² + σyb²) + 0.3·√(μrg² + μyb²)
 * σ are population standard deviations over all pixels. 0 for any gray image.
 */
import type { RawImage } from '../image';

export function colorfulness(image: RawImage): number {
  const d = image.data;
  const n = image.width * image.height;
  // Sums are exact in float64 up to ~10^15: ample for 12-megapixel images.
  let sumRg = 0, sumYb = 0, sumRg2 = 0, sumYb2 = 0;
  for (let i = 0; i < d.length; i += 4) {
    const r = d[i]!, g = d[i + 1]!, b = d[i + 2]!;
    const rg = r - g;
    const yb = 0.5 * (r + g) - b;
    sumRg += rg;
    sumYb += yb;
    sumRg2 += rg * rg;
    sumYb2 += yb * yb;
  }
  const meanRg = sumRg / n, meanYb = sumYb / n;
  const varRg = Math.max(0, sumRg2 / n - meanRg * meanRg);
  const varYb = Math.max(0, sumYb2 / n - meanYb * meanYb);
  return Math.sqrt(varRg + varYb) + 0.3 * Math.sqrt(meanRg * meanRg + meanYb * meanYb);
}
