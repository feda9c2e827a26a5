/**
 * "Show alternatives" per photo: N Langevin samples from the worker, their progress,
 * and which one the user picked. Plain data plus actions; ./jobs.ts wires it to the
 * bridge. Samples keep their PNG as a Blob; the queue store makes the object URL of
 * the one that is picked (queue-store.ts, chooseColorized).
 */
import { create } from 'zustand';
import type { AlternativesProgress, AlternativesResult, WorkerError } from '../worker/protocol';

export type AlternativesStatus = 'running' | 'done' | 'error' | 'cancelled';

export interface ItemAlternatives {
  readonly status: AlternativesStatus;
  /** N requested. */
  readonly count: number;
  readonly seed: number;
  readonly progress: number;
  readonly stage?: AlternativesProgress['stage'];
  /** The latest completed set; kept while a new set runs, and if that one is cancelled or fails. */
  readonly result?: AlternativesResult;
  readonly error?: Pick<WorkerError, 'code' | 'message'>;
  /** The sample in use as the photo's result; null = the GAN's own result. */
  readonly chosen: number | null;
}

export interface AlternativesState {
  readonly byItem: Readonly<Record<string, ItemAlternatives>>;
  /** A new run for an item; the previous set and the pick stay until the new set arrives. */
  start(id: string, count: number, seed: number): void;
  progress(id: string, p: AlternativesProgress): void;
  complete(id: string, result: AlternativesResult): void;
  fail(id: string, error: Pick<WorkerError, 'code' | 'message'>): void;
  cancelled(id: string): void;
  choose(id: string, index: number | null): void;
  remove(id: string): void;
}

export const useAlternativesStore = create<AlternativesState>()((set) => {
  const patch = (id: string, change: (a: ItemAlternatives) => Partial<ItemAlternatives> | null) =>
    set((state) => {
      const current = state.byItem[id];
      const next = current && change(current);
      return next ? { byItem: { ...state.byItem, [id]: { ...current, ...next } } } : state;
    });
  return {
    byItem: {},
    start(id, count, seed) {
      set((state) => {
        const previous = state.byItem[id];
        return { byItem: { ...state.byItem, [id]: { status: 'running', count, seed, progress: 0, result: previous?.result, chosen: previous?.chosen ?? null } } };
      });
    },
    progress(id, p) {
      patch(id, (a) => (a.status === 'running' ? { progress: Math.max(a.progress, Math.min(1, p.fraction)), stage: p.stage } : null));
    },
    complete(id, result) {
      patch(id, (a) => (a.status === 'running' ? { status: 'done', progress: 1, result, chosen: null } : null));
    },
    fail(id, error) {
      patch(id, (a) => (a.status === 'running' ? { status: 'error', error: { code: error.code, message: error.message } } : null));
    },
    cancelled(id) {
      patch(id, (a) => (a.status === 'running' ? { status: 'cancelled' } : null));
    },
    choose(id, index) {
      patch(id, (a) => (a.result && (index === null || a.result.alternatives[index]) ? { chosen: index } : null));
    },
    remove(id) {
      set((state) => {
        if (!(id in state.byItem)) return state;
        const byItem = { ...state.byItem };
        delete byItem[id];
        return { byItem };
      });
    },
  };
});
