import { beforeEach, describe, expect, it } from 'vitest';
import { applyOfflineStatus, dismissUpdate, offlineStateFor, setOfflineState, updateFound, usePwaStore } from './pwa-store';

const status = (cached: number, total: number, missing: string[] = []) => ({ total, cached, missing, models: {} });

describe('pwa store', () => {
  beforeEach(() => usePwaStore.setState({ offline: 'caching', reason: undefined, status: undefined, updateAvailable: false, updateDismissed: false }));

  it('is ready only when the service worker has every file', () => {
    expect(offlineStateFor(status(42, 42))).toEqual({ offline: 'ready' });
    expect(offlineStateFor(status(40, 42, ['http://localhost:4173/models/chromagan/v1/weights.bin']))).toEqual({
      offline: 'incomplete',
      reason: '2 of 42 files not cached (models/chromagan/v1/weights.bin)',
    });
    expect(offlineStateFor(status(0, 0)).offline).toBe('incomplete');
  });

  it('records the status report', () => {
    applyOfflineStatus(status(3, 3));
    expect(usePwaStore.getState()).toMatchObject({ offline: 'ready', status: { cached: 3 } });
  });

  it('does not go back from ready to caching when the service worker re-registers', () => {
    applyOfflineStatus(status(3, 3));
    setOfflineState('caching');
    expect(usePwaStore.getState().offline).toBe('ready');
    setOfflineState('error', 'boom');
    expect(usePwaStore.getState()).toMatchObject({ offline: 'error', reason: 'boom' });
  });

  it('shows a new update again after the previous one was dismissed', () => {
    updateFound();
    dismissUpdate();
    expect(usePwaStore.getState()).toMatchObject({ updateAvailable: true, updateDismissed: true });
    updateFound();
    expect(usePwaStore.getState()).toMatchObject({ updateAvailable: true, updateDismissed: false });
  });
});
