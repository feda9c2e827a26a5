import { useState } from 'react';
import { dismissUpdate, usePwaStore } from '../state/pwa-store';

/** "Update available" prompt: a new version is installed and waits for a reload. */
export function UpdateToast() {
  const visible = usePwaStore((s) => s.updateAvailable && !s.updateDismissed);
  const applyUpdate = usePwaStore((s) => s.applyUpdate);
  const [reloading, setReloading] = useState(false);
  if (!visible) return null;

  return (
    <div className="toast" role="status" aria-live="polite" data-testid="update-toast">
      <p className="toast-text">
        <strong>Update available.</strong> Reload to use the new version.
      </p>
      <div className="toast-actions">
        <button type="button" className="button subtle" onClick={dismissUpdate}>
          Later
        </button>
        <button
          type="button"
          className="button primary"
          data-testid="update-reload"
          disabled={reloading}
          onClick={() => {
            setReloading(true);
            void applyUpdate();
          }}
        >
          {reloading ? 'Reloading…' : 'Reload'}
        </button>
      </div>
    </div>
  );
}
