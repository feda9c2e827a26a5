import { useId, useRef } from 'react';
import { setCompare, useFineTuneStore } from '../state/finetune-store';
import { SHIPPED_MODEL } from '../state/settings-store';
import { formatMetrics } from './finetune-format';
import { useFineTune } from './finetune-context';
import { HiddenFileInput } from './hidden-file-input';
import { ImageCanvas } from './image-canvas';

/** Side by side on the same photo: the shipped model and a fine-tuned one, with PSNR/SSIM. */
export function ModelCompare({ modelId, onClose }: { readonly modelId: string; readonly onClose: () => void }) {
  const jobs = useFineTune();
  const input = useRef<HTMLInputElement>(null);
  const hintId = useId();
  const compare = useFineTuneStore((s) => s.compare);
  const model = useFineTuneStore((s) => s.models.find((m) => m.id === modelId));
  const ids = [SHIPPED_MODEL.id, modelId];
  const current = compare && compare.modelIds.join() === ids.join() ? compare : null;

  return (
    <section className="ft-card ft-compare" aria-labelledby="ft-compare-title" data-testid="model-compare">
      <div className="ft-card-head">
        <h2 id="ft-compare-title" className="section-title">Compare: {SHIPPED_MODEL.name} vs {model?.name ?? modelId}</h2>
        <p className="hint" id={hintId}>Pick a photo (a colour one gives PSNR/SSIM against its own colours).</p>
        <div className="ft-actions">
          <button type="button" className="button primary" disabled={current?.busy} aria-describedby={hintId} onClick={() => input.current?.click()}>
            {current?.busy ? 'Colorizing…' : 'Choose a photo to compare…'}
          </button>
          <button type="button" className="button ghost" onClick={() => { setCompare(null); onClose(); }}>Close</button>
        </div>
        <HiddenFileInput ref={input} accept="image/*" label="Photo to compare" testId="compare-input" multiple={false} onFiles={(files) => void jobs.compare(files[0]!, ids)} />
      </div>
      {current?.error && <p className="item-error" role="alert" data-testid="compare-error">{current.error}</p>}
      {current?.results && (
        <div className="ft-compare-panels" data-testid="compare-results">
          {current.results.map((r) => (
            <figure className="panel" key={r.modelId} data-testid="compare-result" data-model-id={r.modelId}>
              <div className="panel-frame">
                <ImageCanvas image={r.image} label={`${current.photoName} colorized by ${r.modelName}`} className="panel-image" />
              </div>
              <figcaption>
                {r.modelName} <span className="panel-size" data-testid="compare-metrics">{r.metrics ? formatMetrics(r.metrics) : 'no colour reference'}</span>
              </figcaption>
            </figure>
          ))}
        </div>
      )}
    </section>
  );
}
