/**
 * The colorizer follows the model chosen in settings: the shipped one or a fine-tuned
 * one (passed to the worker as `modelId`; a change re-initialises it, after the photo
 * in progress).
 */
import type { ColorizeBridge } from '../worker/bridge';
import { useSettingsStore } from './settings-store';

export function followModelChoice(bridge: Pick<ColorizeBridge, 'configure'>): () => void {
  bridge.configure({ modelId: useSettingsStore.getState().model.id });
  return useSettingsStore.subscribe((state, previous) => {
    if (state.model.id !== previous.model.id) bridge.configure({ modelId: state.model.id });
  });
}
