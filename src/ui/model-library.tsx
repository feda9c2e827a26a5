import { useId, useRef, useState } from 'react';
import { isResumable, storedStatus } from '../state/finetune-run';
import { useFineTuneStore } from '../state/finetune-store';
import { SHIPPED_MODEL, useSettingsStore } from '../state/settings-store';
import type { FineTunedModelSummary } from '../worker/finetune-protocol';
import { downloadFiles } from './download-files';
import { formatMetrics, runStatusLabel } from './finetune-format';
import { useFineTune } from './finetune-context';
import { formatDuration } from './format';
import { HiddenFileInput } from './hidden-file-input';

/** Stored models: use for colorizing, show losses, resume, compare, export, rename, delete; import from files. */
export function ModelLibrary({ onCompare }: { readonly onCompare: (id: string) => void }) {
  const jobs = useFineTune();
  const importRef = useRef<HTMLInputElement>(null);
  const models = useFineTuneStore((s) => s.models);
  const loaded = useFineTuneStore((s) => s.modelsLoaded);
  const chosen = useSettingsStore((s) => s.model);
  const [importing, setImporting] = useState(false);
  const [importError, setImportError] = useState<string | null>(null);

  return (
    <section className="ft-card ft-library" aria-labelledby="ft-library-title" data-testid="model-library">
      <div className="ft-card-head">
        <h2 id="ft-library-title" className="section-title">
          Models <span className="count">{models.length + 1}</span>
        </h2>
        <div className="ft-actions">
          <button type="button" className="button ghost" disabled={importing} onClick={() => importRef.current?.click()}>
            {importing ? 'Importing…' : 'Import model…'}
          </button>
        </div>
        <HiddenFileInput
          ref={importRef}
          accept=".json,.bin,application/json,application/octet-stream"
          label="Import model files (model.json and weights.bin)"
          testId="import-input"
          onFiles={(files) => {
            setImporting(true);
            setImportError(null);
            void jobs.importModel(files).then(setImportError).finally(() => setImporting(false));
          }}
        />
      </div>
      {importError && (
        <p className="item-error" role="alert" data-testid="import-error">
          Import failed: {importError}
        </p>
      )}
      <ul className="ft-models">
        <li className="ft-model" data-testid="model-row" data-model-id={SHIPPED_MODEL.id} data-name={SHIPPED_MODEL.name}>
          <div className="ft-model-main">
            <p className="ft-model-name">{SHIPPED_MODEL.name}</p>
            <p className="hint">The ChromaGAN colorizer that comes with the app (trained on 10,927 photos).</p>
          </div>
          <div className="ft-actions">
            <UseButton name={SHIPPED_MODEL.name} active={chosen.id === SHIPPED_MODEL.id} onUse={() => jobs.useModel(SHIPPED_MODEL.id)} />
          </div>
        </li>
        {models.map((m) => (
          <ModelRow key={m.id} model={m} active={chosen.id === m.id} onCompare={onCompare} />
        ))}
      </ul>
      {!loaded && <p className="hint">Looking for stored models…</p>}
    </section>
  );
}

function UseButton({ name, active, onUse }: { name: string; active: boolean; onUse: () => void }) {
  return active ? (
    <span className="badge badge-ok" data-testid="model-in-use">Colorizing with this</span>
  ) : (
    <button type="button" className="button" onClick={onUse} aria-label={`Colorize with ${name}`}>
      Use for colorizing
    </button>
  );
}

function ModelRow({ model, active, onCompare }: { model: FineTunedModelSummary; active: boolean; onCompare: (id: string) => void }) {
  const jobs = useFineTune();
  const nameId = useId();
  const runActive = useFineTuneStore((s) => s.run.active);
  const runningThis = useFineTuneStore((s) => s.run.active && s.run.modelId === model.id);
  const [renaming, setRenaming] = useState<string | null>(null);
  const [renameError, setRenameError] = useState<string | null>(null);
  const [confirming, setConfirming] = useState(false);
  const [busy, setBusy] = useState(false);
  const status = storedStatus(model, runningThis);
  const usable = (model.step > 0 || model.origin === 'imported') && !runningThis;

  return (
    <li className="ft-model" data-testid="model-row" data-model-id={model.id} data-name={model.name} data-status={status} data-step={model.step}>
      <div className="ft-model-main">
        {renaming === null ? (
          <p className="ft-model-name">{model.name}</p>
        ) : (
          <form
            className="ft-rename"
            onSubmit={(e) => {
              e.preventDefault();
              if (!renaming.trim()) return;
              void jobs.rename(model.id, renaming).then((error) => {
                setRenameError(error);
                if (!error) setRenaming(null);
              });
            }}
          >
            <label className="visually-hidden" htmlFor={nameId}>New name for {model.name}</label>
            <input
              id={nameId} className="input" value={renaming} maxLength={80} autoFocus
              aria-invalid={renameError ? true : undefined} aria-describedby={renameError ? `${nameId}-error` : undefined}
              onChange={(e) => { setRenaming(e.currentTarget.value); setRenameError(null); }}
            />
            <button type="submit" className="button primary" disabled={!renaming.trim()}>Save</button>
            <button type="button" className="button ghost" onClick={() => { setRenaming(null); setRenameError(null); }}>Cancel</button>
            {renameError && <p className="item-error" role="alert" id={`${nameId}-error`} data-testid="rename-error">{renameError}</p>}
          </form>
        )}
        <p className="hint" data-testid="model-info">
          <span className={`chip chip-${status}`}>{runStatusLabel(status)}</span> step {model.step} of {model.settings.steps}
          {' · '}{model.origin === 'imported' ? 'imported' : `${model.photoCount} photos, ${formatDuration(model.trainSeconds * 1000)} on ${model.backend}`}
          {model.preview && ` · held-out PSNR/SSIM ${formatMetrics(model.preview.before)} → ${formatMetrics(model.preview.after)}`}
        </p>
        {model.message && <p className="hint">{model.message}</p>}
      </div>
      <div className="ft-actions">
        {usable && <UseButton name={model.name} active={active} onUse={() => jobs.useModel(model.id)} />}
        {isResumable(model, runningThis) && (
          <button type="button" className="button primary" disabled={runActive} onClick={() => jobs.resume(model.id)} aria-label={`Resume ${model.name}`}>
            Resume
          </button>
        )}
        <button type="button" className="button subtle" disabled={runActive} onClick={() => void jobs.showModel(model.id)} aria-label={`Show losses of ${model.name}`}>
          Losses
        </button>
        {usable && (
          <button type="button" className="button subtle" onClick={() => onCompare(model.id)} aria-label={`Compare ${model.name} with the shipped model`}>
            Compare
          </button>
        )}
        {usable && (
          <button
            type="button"
            className="button subtle"
            disabled={busy}
            aria-label={`Export ${model.name}`}
            onClick={() => {
              setBusy(true);
              void jobs.exportModel(model.id).then(downloadFiles).finally(() => setBusy(false));
            }}
          >
            Export
          </button>
        )}
        <button type="button" className="button subtle" disabled={runningThis} onClick={() => setRenaming(model.name)} aria-label={`Rename ${model.name}`}>
          Rename
        </button>
        {confirming ? (
          <span className="ft-confirm" role="group" aria-label={`Delete ${model.name}?`}>
            <span>Delete “{model.name}”?{active ? ` The app will colorize with the ${SHIPPED_MODEL.name.toLowerCase()} again.` : ''}</span>
            <button type="button" className="button danger" onClick={() => void jobs.remove(model.id).finally(() => setConfirming(false))}>
              Delete
            </button>
            <button type="button" className="button ghost" onClick={() => setConfirming(false)}>Keep</button>
          </span>
        ) : (
          <button type="button" className="button subtle" disabled={runningThis} onClick={() => setConfirming(true)} aria-label={`Delete ${model.name}`}>
            Delete
          </button>
        )}
      </div>
    </li>
  );
}
