import { usePwaStore } from '../state/pwa-store';

/** Status-bar badge: whether the app (shell, wasm, models) is cached for offline use. */
export function OfflineBadge() {
  const { offline, reason, status, online } = usePwaStore();
  if (offline === 'unsupported') return null;

  let text: string;
  let tone: string;
  let title: string;
  if (offline === 'ready') {
    text = online ? 'Available offline' : 'Offline — running from cache';
    tone = 'badge-ok';
    title = `App, WebAssembly runtime and models are stored on this device${status ? ` (${status.cached} files)` : ''}; it works with no network.`;
  } else if (offline === 'caching') {
    text = 'Saving for offline…';
    tone = 'badge-muted';
    title = 'Downloading the app and the models so that it also works with no network.';
  } else {
    text = 'Not available offline';
    tone = 'badge-warning';
    title = reason ?? 'The offline cache is not complete.';
  }

  return (
    <span className={`badge ${tone}`} data-testid="offline-badge" data-state={offline} title={title}>
      {text}
    </span>
  );
}
