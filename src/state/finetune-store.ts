/**
 * The Fine-tune panel's state: the training photos and their checks, the settings
 * form, the worker's training-set verdict, the current run, the stored models, a
 * comparison and the latest error. Plain data plus small actions built on the pure
 * functions of ./finetune-run.ts and ./finetune-form.ts; ./finetune-jobs.ts wires it
 * to the worker.
 */
import { create } from 'zustand';
import type {
  CompareResult,
  FineTuneEvent,
  FineTunedModelSummary,
  PhotoCheck,
  TrainingSetVerdict,
} from '../worker/finetune-protocol';
import type { WorkerError } from '../worker/protocol';
import { formFromSettings, restoreForm, type FineTuneForm } from './finetune-form';
import { applyRunEvent, IDLE_RUN, upsertModel, type RunView } from './finetune-run';

export interface TrainingPhoto {
  readonly id: string;
  readonly name: string;
  readonly blob: Blob;
  /** Absent while the worker checks it. A second copy of a photo (same bytes) gets a problem here. */
  readonly check?: PhotoCheck;
  /** The worker's own verdict, before duplicates are marked. */
  readonly workerCheck?: PhotoCheck;
}

/**
 * Each photo's check from the worker's, with every later copy of the same file (same digest)
 * marked as a duplicate: a copy would count twice, and one copy could be the held-out photo
 * while the other is trained on.
 */
export function markDuplicates(photos: readonly TrainingPhoto[]): TrainingPhoto[] {
  const firstByDigest = new Map<string, string>();
  return photos.map((p) => {
    const check = p.workerCheck;
    if (!check) return p;
    const first = check.ok && check.digest ? firstByDigest.get(check.digest) : undefined;
    if (check.ok && check.digest && first === undefined) firstByDigest.set(check.digest, p.name);
    return { ...p, check: first === undefined ? check : { ...check, ok: false, problem: `the same picture as “${first}”, already in the set` } };
  });
}

export interface CompareView {
  readonly photoName: string;
  readonly modelIds: readonly string[];
  readonly busy: boolean;
  readonly results?: readonly CompareResult[];
  /** Why the comparison failed (shown in the compare card). */
  readonly error?: string;
}

export interface FineTuneState {
  readonly photos: readonly TrainingPhoto[];
  /** The photo held out for the preview (default: the first usable one). */
  readonly heldOutId: string | null;
  readonly name: string;
  readonly form: FineTuneForm;
  readonly verdict: TrainingSetVerdict | null;
  readonly run: RunView;
  readonly models: readonly FineTunedModelSummary[];
  /** listModels has answered at least once. */
  readonly modelsLoaded: boolean;
  readonly compare: CompareView | null;
  readonly error: Pick<WorkerError, 'code' | 'message'> | null;
}

export const INITIAL_FINETUNE_STATE: FineTuneState = {
  photos: [],
  heldOutId: null,
  name: 'My photos',
  form: formFromSettings(),
  verdict: null,
  run: IDLE_RUN,
  models: [],
  modelsLoaded: false,
  compare: null,
  error: null,
};

/** The run name and settings form survive a reload (the photos stay in memory only). */
export const FINETUNE_FORM_STORAGE_KEY = 'colorize.finetune-form.v1';

function savedForm(): Pick<FineTuneState, 'name' | 'form'> | null {
  try {
    const raw = typeof localStorage === 'undefined' ? null : localStorage.getItem(FINETUNE_FORM_STORAGE_KEY);
    const saved = raw ? (JSON.parse(raw) as { name?: unknown; form?: unknown }) : null;
    const form = restoreForm(saved?.form);
    return form && typeof saved?.name === 'string' ? { name: saved.name, form } : null;
  } catch {
    return null; // unreadable or blocked storage: the defaults
  }
}

function saveForm(): void {
  try {
    const { name, form } = get();
    localStorage.setItem(FINETUNE_FORM_STORAGE_KEY, JSON.stringify({ name, form }));
  } catch {
    // not saved; the form still works on this page
  }
}

export const useFineTuneStore = create<FineTuneState>()(() => ({ ...INITIAL_FINETUNE_STATE, ...savedForm() }));

const set = useFineTuneStore.setState;
const get = useFineTuneStore.getState;

let nextPhotoId = 1;

/** Adds photos (unchecked yet); returns them with their ids. */
export function addPhotos(files: readonly { name: string; blob: Blob }[]): TrainingPhoto[] {
  const added = files.map((f) => ({ id: `photo-${nextPhotoId++}`, name: f.name, blob: f.blob }));
  set((s) => ({ photos: [...s.photos, ...added], verdict: null }));
  return added;
}

export function setPhotoChecks(checks: ReadonlyMap<string, PhotoCheck>): void {
  set((s) => ({ photos: markDuplicates(s.photos.map((p) => (checks.has(p.id) ? { ...p, workerCheck: checks.get(p.id)! } : p))), verdict: null }));
}

export function removePhoto(id: string): void {
  set((s) => ({ photos: markDuplicates(s.photos.filter((p) => p.id !== id)), heldOutId: s.heldOutId === id ? null : s.heldOutId, verdict: null }));
}

export function clearPhotos(): void {
  set({ photos: [], heldOutId: null, verdict: null });
}

export function usablePhotos(photos: readonly TrainingPhoto[]): TrainingPhoto[] {
  return photos.filter((p) => p.check?.ok === true);
}

/** The held-out photo: the chosen one if usable, else the first usable photo. */
export function heldOutPhoto(state: Pick<FineTuneState, 'photos' | 'heldOutId'>): TrainingPhoto | null {
  const usable = usablePhotos(state.photos);
  return usable.find((p) => p.id === state.heldOutId) ?? usable[0] ?? null;
}

export function holdOut(id: string): void {
  set({ heldOutId: id });
}

export function setName(name: string): void {
  set({ name });
  saveForm();
}

export function setForm(form: FineTuneForm): void {
  set({ form, verdict: null });
  saveForm();
}

export function setVerdict(verdict: TrainingSetVerdict | null): void {
  set({ verdict });
}

export function setRun(run: RunView): void {
  set({ run });
}

export function runEvent(event: FineTuneEvent): void {
  set((s) => ({
    run: applyRunEvent(s.run, event),
    ...(event.kind === 'checkpoint' ? { models: upsertModel(s.models, event.model) } : {}),
  }));
}

export function setModels(models: readonly FineTunedModelSummary[]): void {
  set({ models: [...models].sort((a, b) => b.updatedAt - a.updatedAt), modelsLoaded: true });
}

export function putModel(model: FineTunedModelSummary): void {
  set((s) => ({
    models: upsertModel(s.models, model),
    run: s.run.modelId === model.id ? { ...s.run, name: model.name } : s.run,
  }));
}

export function dropModel(id: string): void {
  set((s) => ({
    models: s.models.filter((m) => m.id !== id),
    run: s.run.modelId === id && !s.run.active ? IDLE_RUN : s.run,
    compare: s.compare?.modelIds.includes(id) ? null : s.compare,
  }));
}

export function setCompare(compare: CompareView | null): void {
  set({ compare });
}

export function showError(error: Pick<WorkerError, 'code' | 'message'> | null): void {
  set({ error: error ? { code: error.code, message: error.message } : null });
}

/** Test helper: back to the initial state. */
export function resetFineTuneStore(): void {
  set(INITIAL_FINETUNE_STATE, true);
}

export { get as fineTuneState };
