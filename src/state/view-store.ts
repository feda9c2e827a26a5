/**
 * Which page is shown: Colorize (the queue) or Fine-tune. Kept in the URL hash
 * (`#fine-tune`), so a reload comes back to the same page.
 */
import { create } from 'zustand';

export type View = 'colorize' | 'finetune';

export const FINETUNE_HASH = '#fine-tune';

export function viewFromHash(hash: string): View {
  return hash === FINETUNE_HASH ? 'finetune' : 'colorize';
}

export interface ViewState {
  readonly view: View;
  setView(view: View): void;
}

export const useViewStore = create<ViewState>()((set) => ({
  view: typeof location === 'undefined' ? 'colorize' : viewFromHash(location.hash),
  setView(view) {
    set({ view });
    if (typeof history !== 'undefined') {
      history.replaceState(null, '', view === 'finetune' ? FINETUNE_HASH : location.pathname + location.search);
    }
  },
}));
