import type { AlternativesResult } from '../worker/protocol';
import { formatPsnr, formatSsim } from './format';
import { ImageCanvas } from './image-canvas';

interface AlternativesGridProps {
  readonly name: string;
  readonly result: AlternativesResult;
  /** The sample in use as the result; null = the GAN's own. */
  readonly chosen: number | null;
  readonly onChoose: (index: number | null) => void;
}

/** The N samples side by side, each with its PSNR/SSIM and a "Use this one" button. */
export function AlternativesGrid({ name, result, chosen, onChoose }: AlternativesGridProps) {
  return (
    <ol className="alternatives-grid" data-testid="alternatives-grid">
      {result.alternatives.map((sample, i) => {
        const inUse = chosen === i;
        return (
          <li key={i} className={`alternative${inUse ? ' is-chosen' : ''}`} data-testid="alternative" data-chosen={inUse}>
            <div className="panel-frame">
              <ImageCanvas image={sample.colorized} label={`${name}: alternative ${i + 1}`} className="panel-image" testId="alternative-image" />
            </div>
            <div className="alternative-foot">
              <span className="alternative-metrics" data-testid="alternative-metrics">
                {sample.metrics
                  ? `${formatPsnr(sample.metrics.psnr)} · SSIM ${formatSsim(sample.metrics.ssim)}`
                  : result.hasColourReference ? (result.metricsSkipped ?? 'no metrics') : 'no colour reference'}
              </span>
              <button type="button" className={`button ${inUse ? 'ghost' : 'subtle'}`} data-testid="use-alternative" disabled={inUse} onClick={() => onChoose(i)}>
                {inUse ? 'In use' : 'Use this one'}
              </button>
            </div>
          </li>
        );
      })}
    </ol>
  );
}
