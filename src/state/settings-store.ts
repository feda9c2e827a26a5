/**
 * User settings. The backend preference starts from `?backend=` when present, else
 * the last choice saved in localStorage, else 'auto'. Changing it is saved.
 */
import { create } from 'zustand';
import { backendFromQuery, parseBackendPreference, type BackendPreference } from '../platform/browser/backend-names';

export const SETTINGS_STORAGE_KEY = 'colorize.settings.v1';

export interface SettingsState {
  readonly backend: BackendPreference;
  setBackend(backend: BackendPreference): void;
}

function storage(): Storage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null; // e.g. blocked third-party storage
  }
}

/** The initial backend preference for a page with this query string. */
export function initialBackend(search: string, store: Pick<Storage, 'getItem'> | null = storage()): BackendPreference {
  const fromQuery = backendFromQuery(search);
  if (fromQuery) return fromQuery;
  try {
    const saved = store?.getItem(SETTINGS_STORAGE_KEY);
    const parsed = saved ? parseBackendPreference((JSON.parse(saved) as { backend?: string }).backend) : null;
    if (parsed) return parsed;
  } catch {
    // unreadable settings: use the default
  }
  return 'auto';
}

export const useSettingsStore = create<SettingsState>()((set) => ({
  backend: initialBackend(typeof location === 'undefined' ? '' : location.search),
  setBackend(backend) {
    set({ backend });
    try {
      storage()?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ backend }));
    } catch {
      // not saved; the choice still applies to this page
    }
  },
}));
