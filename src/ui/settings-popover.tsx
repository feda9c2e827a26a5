import { useId } from 'react';
import { BACKEND_PREFERENCES, parseBackendPreference, type BackendPreference } from '../platform/browser/backend-names';
import { usePwaStore, type PwaState } from '../state/pwa-store';
import { useRuntimeStore } from '../state/runtime-store';
import { useFineTuneStore } from '../state/finetune-store';
import { SHIPPED_MODEL, useSettingsStore } from '../state/settings-store';
import { useFineTune } from './finetune-context';
import { formatStorage } from './format';

const OPTION_LABELS: Record<BackendPreference, string> = {
  auto: 'Auto (recommended)',
  webgpu: 'WebGPU',
  wasm: 'WASM (SIMD)',
  webgl: 'WebGL',
  cpu: 'CPU (slowest)',
};

/** Settings in a native popover: the model to colorize with, the compute backend, offline storage. */
export function SettingsPopover() {
  const popoverId = useId();
  const selectId = useId();
  const backend = useSettingsStore((s) => s.backend);
  const setBackend = useSettingsStore((s) => s.setBackend);
  const attempts = useRuntimeStore((s) => s.init?.attempts);
  const refreshStorage = usePwaStore((s) => s.refreshStorage);
  const fineTune = useFineTune();
  const modelSelectId = useId();
  const chosen = useSettingsStore((s) => s.model);
  const models = useFineTuneStore((s) => s.models);
  const modelsLoaded = useFineTuneStore((s) => s.modelsLoaded);

  return (
    <>
      <button type="button" className="button ghost" popoverTarget={popoverId} aria-label="Settings" data-testid="settings-button">
        <svg aria-hidden="true" width="16" height="16" viewBox="0 0 24 24" fill="none" stroke="currentColor" strokeWidth="2">
          <circle cx="12" cy="12" r="3" />
          <path d="M19.4 15a1.7 1.7 0 0 0 .3 1.8l.1.1a2 2 0 1 1-2.8 2.8l-.1-.1a1.7 1.7 0 0 0-1.8-.3 1.7 1.7 0 0 0-1 1.5V21a2 2 0 1 1-4 0v-.1a1.7 1.7 0 0 0-1.1-1.5 1.7 1.7 0 0 0-1.8.3l-.1.1a2 2 0 1 1-2.8-2.8l.1-.1a1.7 1.7 0 0 0 .3-1.8 1.7 1.7 0 0 0-1.5-1H3a2 2 0 1 1 0-4h.1a1.7 1.7 0 0 0 1.5-1.1 1.7 1.7 0 0 0-.3-1.8l-.1-.1a2 2 0 1 1 2.8-2.8l.1.1a1.7 1.7 0 0 0 1.8.3H9a1.7 1.7 0 0 0 1-1.5V3a2 2 0 1 1 4 0v.1a1.7 1.7 0 0 0 1 1.5 1.7 1.7 0 0 0 1.8-.3l.1-.1a2 2 0 1 1 2.8 2.8l-.1.1a1.7 1.7 0 0 0-.3 1.8V9a1.7 1.7 0 0 0 1.5 1H21a2 2 0 1 1 0 4h-.1a1.7 1.7 0 0 0-1.5 1z" />
        </svg>
        <span className="narrow-hidden">Settings</span>
      </button>
      <div
        id={popoverId}
        popover="auto"
        className="popover"
        role="dialog"
        aria-labelledby={`${popoverId}-title`}
        data-testid="settings-popover"
        onToggle={(e) => {
          if (e.newState !== 'open') return;
          e.currentTarget.querySelector<HTMLElement>('select, button, input')?.focus(); // keyboard users land inside
          void refreshStorage();
          if (!modelsLoaded) void fineTune.listModels();
        }}
      >
        <h2 id={`${popoverId}-title`} className="popover-title">Settings</h2>
        <label className="field-label" htmlFor={modelSelectId}>Colorize with</label>
        <select
          id={modelSelectId}
          className="select"
          data-testid="model-select"
          value={chosen.id}
          onChange={(e) => fineTune.useModel(e.currentTarget.value)}
        >
          <option value={SHIPPED_MODEL.id}>{SHIPPED_MODEL.name}</option>
          {models.filter((m) => m.step > 0 || m.origin === 'imported').map((m) => (
            <option key={m.id} value={m.id}>{m.name} (fine-tuned, {m.step} steps)</option>
          ))}
          {chosen.id !== SHIPPED_MODEL.id && !models.some((m) => m.id === chosen.id) && <option value={chosen.id}>{chosen.name}</option>}
        </select>
        <p className="hint">Models you fine-tune or import (the Fine-tune tab) appear here.</p>
        <label className="field-label" htmlFor={selectId}>Compute backend</label>
        <select
          id={selectId}
          className="select"
          data-testid="backend-select"
          value={backend}
          onChange={(e) => {
            const next = parseBackendPreference(e.currentTarget.value);
            if (next) setBackend(next);
          }}
        >
          {BACKEND_PREFERENCES.map((name) => (
            <option key={name} value={name}>{OPTION_LABELS[name]}</option>
          ))}
        </select>
        <p className="hint">
          Auto uses WebGPU on a real GPU, else WASM. Changing it restarts the colorizer (a photo in progress
          finishes first). You can also open the page with <code>?backend=wasm</code>.
        </p>
        {attempts && attempts.length > 0 && (
          <>
            <h3 className="popover-subtitle">Last start-up</h3>
            <ul className="attempts">
              {attempts.map((a, i) => (
                <li key={`${a.backend}-${i}`} className={a.ok ? 'ok' : 'skipped'}>
                  <span className="attempt-name">{a.backend}</span> {a.ok ? '✓ in use' : `— ${a.reason}`}
                </li>
              ))}
            </ul>
          </>
        )}
        <OfflineSettings />
      </div>
    </>
  );
}

const OFFLINE_TEXT: Record<PwaState['offline'], string> = {
  ready: '✓ Available offline: the app, its WebAssembly runtime and the models are stored on this device.',
  caching: 'Saving the app and the models for offline use…',
  incomplete: 'Not available offline yet',
  error: 'Not available offline',
  unsupported: 'Offline use is not available here',
};

/** Offline use: cache state, storage used, and whether the browser keeps the data. */
function OfflineSettings() {
  const { offline, reason, storage, persisted } = usePwaStore();
  let persistText: string;
  if (persisted === true) persistText = 'Persistent: the browser will not clear it to free space.';
  else if (persisted === false) persistText = 'Not persistent: the browser may clear it when space runs short (installing the app usually makes it persistent).';
  else persistText = 'Persistence unknown in this browser.';

  return (
    <>
      <h3 className="popover-subtitle">Offline use</h3>
      <p className={`offline-state offline-${offline}`} data-testid="offline-state" data-state={offline}>
        {OFFLINE_TEXT[offline]}
        {reason && offline !== 'ready' ? ` — ${reason}` : ''}
      </p>
      <dl className="storage">
        <dt>Storage used</dt>
        <dd data-testid="storage-estimate">
          {storage ? formatStorage(storage.usage, storage.quota) : storage === null ? 'not reported by this browser' : '…'}
        </dd>
      </dl>
      <p className="hint" data-testid="storage-persisted" data-persisted={persisted == null ? '' : String(persisted)}>
        {persistText} Photos and results never leave this device.
      </p>
    </>
  );
}
