/**
 * User settings. The backend preference starts from `?backend=` when present, else
 * the last choice saved in localStorage, else 'auto'. The colorizer's model (the
 * shipped one or a fine-tuned one) starts from localStorage. Changes are saved.
 */
import { create } from 'zustand';
import { backendFromQuery, parseBackendPreference, type BackendPreference } from '../platform/browser/backend-names';
import { SHIPPED_MODEL_NAME } from '../worker/finetune-protocol';

export const SETTINGS_STORAGE_KEY = 'colorize.settings.v1';

/** Which model colorizes: 'shipped' or a fine-tuned model's id, with its name for display. */
export interface ModelChoice {
  readonly id: string;
  readonly name: string;
}

export const SHIPPED_MODEL: ModelChoice = { id: 'shipped', name: SHIPPED_MODEL_NAME };

export interface SettingsState {
  readonly backend: BackendPreference;
  readonly model: ModelChoice;
  setBackend(backend: BackendPreference): void;
  setModel(model: ModelChoice): void;
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

/** The saved model choice, else the shipped model. */
export function initialModel(store: Pick<Storage, 'getItem'> | null = storage()): ModelChoice {
  try {
    const saved = store?.getItem(SETTINGS_STORAGE_KEY);
    const model = saved ? (JSON.parse(saved) as { model?: Partial<ModelChoice> }).model : undefined;
    if (model && typeof model.id === 'string' && model.id && typeof model.name === 'string') return { id: model.id, name: model.name };
  } catch {
    // unreadable settings: use the default
  }
  return SHIPPED_MODEL;
}

function save(state: Pick<SettingsState, 'backend' | 'model'>): void {
  try {
    storage()?.setItem(SETTINGS_STORAGE_KEY, JSON.stringify({ backend: state.backend, model: state.model }));
  } catch {
    // not saved; the choice still applies to this page
  }
}

export const useSettingsStore = create<SettingsState>()((set, get) => ({
  backend: initialBackend(typeof location === 'undefined' ? '' : location.search),
  model: initialModel(),
  setBackend(backend) {
    set({ backend });
    save(get());
  },
  setModel(model) {
    set({ model: { id: model.id, name: model.name } });
    save(get());
  },
}));
