import { backendLabel } from '../platform/browser/backend-names';
import { useRuntimeStore } from '../state/runtime-store';
import { useSettingsStore } from '../state/settings-store';
import { modelLabel } from './format';
import { OfflineBadge } from './offline-badge';

/** Bottom bar: the backend in use, the model loaded, and whether the app works offline. */
export function StatusBar() {
  const { status, init, error, notice, modelNotice } = useRuntimeStore();
  const chosen = useSettingsStore((s) => s.model);
  let backendText: string;
  if (status === 'error' && error) backendText = `unavailable — ${error.message}`;
  else if (init) backendText = backendLabel(init);
  else backendText = 'starting…';
  const state = status === 'error' ? 'error' : init ? 'ready' : 'starting';

  return (
    <footer className="status-bar" aria-label="Status">
      <p className={`status-item status-${state}`} role="status" aria-live="polite">
        <span className="status-dot" aria-hidden="true" />
        <span className="status-key">Backend:</span>{' '}
        <span data-testid="backend-name" data-backend={init?.backend ?? ''} data-status={status} title={init?.attempts.map((a) => `${a.backend}: ${a.reason}`).join('\n')}>
          {backendText}
        </span>
      </p>
      {notice && (
        <p className="status-item status-notice" role="alert" data-testid="runtime-notice">
          {notice}
        </p>
      )}
      {modelNotice && (
        <p className="status-item status-notice" role="alert" data-testid="model-notice">
          {modelNotice}
        </p>
      )}
      <p className="status-item">
        <span className="status-key">Model:</span>{' '}
        <span data-testid="active-model" data-model-id={chosen.id}>{chosen.name}</span>{' '}
        <span className="status-detail" data-testid="model-name" data-trained={init ? String(init.model.trained) : ''} title={init?.model.description}>
          {/* While a newly chosen model loads, the worker still reports the previous one. */}
          {init && init.modelId === chosen.id ? `(${init.model.name === chosen.name ? init.model.version : modelLabel(init.model)})` : '(loading…)'}
        </span>
        {init && !init.model.trained && <span className="badge badge-warning">untrained</span>}
      </p>
      <p className="status-item status-privacy">
        <OfflineBadge />
        Runs on your device — nothing is uploaded
      </p>
    </footer>
  );
}
