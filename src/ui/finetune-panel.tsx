import { useEffect, useState } from 'react';
import { showError, useFineTuneStore } from '../state/finetune-store';
import { useFineTune } from './finetune-context';
import { FineTunePhotos } from './finetune-photos';
import { FineTuneProgress } from './finetune-progress';
import { FineTuneSettings } from './finetune-settings';
import { ModelCompare } from './model-compare';
import { ModelLibrary } from './model-library';

/**
 * The Fine-tune page: training photos, settings, the run (progress, losses, preview),
 * the stored models and a comparison. Training runs in its own worker; nothing here
 * does tensor work.
 */
export function FineTunePanel({ dragging }: { readonly dragging: boolean }) {
  const jobs = useFineTune();
  const error = useFineTuneStore((s) => s.error);
  const [comparing, setComparing] = useState<string | null>(null);

  useEffect(() => {
    void jobs.loadModels();
  }, [jobs]);

  return (
    <div className="ft" data-testid="finetune-panel">
      <header className="ft-intro">
        <h2 className="ft-title">Fine-tune the colorizer on your photos</h2>
        <p className="hint">
          Teach the model the colours of your own photos (a place, a family album, a film stock). Training runs in a
          background worker on this device; checkpoints are kept in this browser, so a reload or crash loses at most a
          few steps.
        </p>
      </header>
      {error && (
        <div className="banner banner-error" role="alert" data-testid="finetune-error">
          <span>{error.message}</span>
          <button type="button" className="button ghost" onClick={() => showError(null)}>Dismiss</button>
        </div>
      )}
      <div className="ft-grid">
        <FineTunePhotos dragging={dragging} />
        <FineTuneSettings />
      </div>
      <FineTuneProgress />
      <ModelLibrary onCompare={setComparing} />
      {comparing && <ModelCompare modelId={comparing} onClose={() => setComparing(null)} />}
    </div>
  );
}
