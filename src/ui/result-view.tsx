import type { ItemResult } from '../state/queue-store';
import { AlternativesPanel } from './alternatives-panel';
import { CompareSlider } from './compare-slider';
import { ImageCanvas } from './image-canvas';
import { ResultMetrics } from './result-metrics';

interface ResultViewProps {
  /** The queue item's id (for its alternatives). */
  readonly id: string;
  readonly name: string;
  readonly result: ItemResult;
}

const PANELS = [
  { key: 'original', title: 'Original', testId: 'result-original' },
  { key: 'gray', title: 'Grayscale input', testId: 'result-gray' },
  { key: 'colorized', title: 'Colorized', testId: 'result-colorized' },
] as const;

export function ResultView({ id, name, result }: ResultViewProps) {
  return (
    <div className="result">
      <div className="panels">
        {PANELS.map((panel) => (
          <figure className="panel" key={panel.key}>
            <div className="panel-frame">
              <ImageCanvas image={result[panel.key]} label={`${name}: ${panel.title.toLowerCase()}`} testId={panel.testId} className="panel-image" />
            </div>
            <figcaption>
              {panel.title}
              {panel.key === 'original' && <span className="panel-size"> · {result.width} × {result.height}</span>}
              {panel.key === 'colorized' && result.alternative && <span className="panel-size" data-testid="colorized-choice"> · {result.alternative.label}</span>}
            </figcaption>
          </figure>
        ))}
      </div>
      <div className="result-detail">
        <CompareSlider before={result.gray} after={result.colorized} name={name} />
        <aside className="result-side">
          <ResultMetrics result={result} />
          <a
            className="button primary download"
            href={result.pngUrl}
            download={result.downloadName}
            data-testid="download-png"
            data-width={result.width}
            data-height={result.height}
          >
            <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2" strokeLinecap="round" strokeLinejoin="round">
              <path d="M12 3v12m0 0-5-5m5 5 5-5M4 19h16" />
            </svg>
            Download PNG
          </a>
          <p className="hint">
            Full resolution ({result.width} × {result.height}), {result.downloadName}
            {result.colorized.width !== result.width && ' · shown here as a smaller preview'}
          </p>
        </aside>
      </div>
      <AlternativesPanel id={id} name={name} />
    </div>
  );
}
