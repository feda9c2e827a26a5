import type { RunPreview } from '../state/finetune-run';
import { formatMetrics, formatPsnrChange } from './finetune-format';
import { ImageCanvas } from './image-canvas';

/** A drop in PSNR on the held-out photo larger than this (dB) gets a hint under the preview. */
export const WORSE_PREVIEW_DB = 0.5;

/** The held-out photo: original | shipped model | fine-tuned now, with PSNR/SSIM before vs after. */
export function FineTunePreview({ preview }: { readonly preview: RunPreview }) {
  const { metrics } = preview;
  const worse = metrics != null && metrics.before.psnr - metrics.after.psnr > WORSE_PREVIEW_DB;
  return (
    <section className="ft-preview" aria-label="Preview on the held-out photo" data-testid="finetune-preview" data-step={preview.step}>
      <h3 className="popover-subtitle">Held-out photo at step {preview.step}</h3>
      <div className="ft-preview-panels">
        <figure className="panel">
          <div className="panel-frame"><ImageCanvas image={preview.original} label="Held-out photo: original" className="panel-image" /></div>
          <figcaption>Original</figcaption>
        </figure>
        <figure className="panel">
          <div className="panel-frame"><ImageCanvas image={preview.before} label="Held-out photo: shipped model" className="panel-image" /></div>
          <figcaption>Shipped model <span className="panel-size" data-testid="preview-before">{formatMetrics(metrics?.before)}</span></figcaption>
        </figure>
        <figure className="panel">
          <div className="panel-frame"><ImageCanvas image={preview.after} label={`Held-out photo: fine-tuned, step ${preview.step}`} className="panel-image" /></div>
          <figcaption>
            Fine-tuned now <span className="panel-size" data-testid="preview-after">{formatMetrics(metrics?.after)}</span>
            {metrics && <span className="panel-size"> ({formatPsnrChange(metrics.before.psnr, metrics.after.psnr)})</span>}
          </figcaption>
        </figure>
      </div>
      {worse && (
        <p className="hint" data-testid="preview-worse">
          The fine-tuned model is now further from this photo's real colours than the shipped one. One photo is only a hint,
          but if it stays so, a new run with fewer steps, a lower learning rate or more photos usually does better.
        </p>
      )}
    </section>
  );
}
