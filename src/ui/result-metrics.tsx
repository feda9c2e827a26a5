import type { ItemResult } from '../state/queue-store';
import { formatDuration, formatPsnr, formatSsim } from './format';

/** PSNR/SSIM against the original (or why there are none), time and backend. */
export function ResultMetrics({ result }: { readonly result: ItemResult }) {
  return (
    <dl className="metrics">
      {result.metrics ? (
        <>
          <div className="metric">
            <dt title="Peak signal-to-noise ratio of the result against the original colour photo">PSNR</dt>
            <dd data-testid="metric-psnr">{formatPsnr(result.metrics.psnr)}</dd>
          </div>
          <div className="metric">
            <dt title="Structural similarity of the result to the original colour photo (1 = identical)">SSIM</dt>
            <dd data-testid="metric-ssim">{formatSsim(result.metrics.ssim)}</dd>
          </div>
        </>
      ) : result.hasColourReference ? (
        <div className="metric metric-wide">
          <dt>PSNR / SSIM</dt>
          <dd>
            <span data-testid="metrics-skipped">{result.metricsSkipped ?? 'not computed'}</span>
          </dd>
        </div>
      ) : (
        <div className="metric metric-wide">
          <dt>PSNR / SSIM</dt>
          <dd>
            <span data-testid="no-colour-reference">no colour reference</span>
            <span className="hint metric-note">The photo was already grayscale, so there is nothing to compare with.</span>
          </dd>
        </div>
      )}
      <div className="metric">
        <dt title={result.alternative ? 'Of the original colorization; the samples\' times are under Alternatives' : undefined}>{result.alternative ? 'Time (original)' : 'Time'}</dt>
        <dd data-testid="metric-time" title={`decode ${formatDuration(result.timings.decodeMs)}, model ${formatDuration(result.timings.modelMs)}, colour ${formatDuration(result.timings.colorizeMs)}, PNG ${formatDuration(result.timings.encodeMs)}`}>
          {formatDuration(result.timings.totalMs)}
        </dd>
      </div>
      <div className="metric">
        <dt>Backend</dt>
        <dd data-testid="item-backend">{result.backend}</dd>
      </div>
      {result.model && (
        <div className="metric">
          <dt>Model</dt>
          <dd data-testid="item-model" data-model-id={result.model.id} title={result.model.name}>
            {result.alternative ? `Langevin ${result.alternative.label}, from ${result.model.name}` : result.model.name}
          </dd>
        </div>
      )}
    </dl>
  );
}
