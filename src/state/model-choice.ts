/**
 * The colorizer follows the model chosen in settings: the shipped one or a fine-tuned
 * one (passed to the worker as `modelId`; a change re-initialises it, after the photo
 * in progress). If the chosen fine-tuned model is no longer on this device (deleted in
 * another tab, site data cleared), the choice goes back to the shipped model with a notice.
 */
import type { BridgeState, ColorizeBridge } from '../worker/bridge';
import { useRuntimeStore } from './runtime-store';
import { SHIPPED_MODEL, useSettingsStore } from './settings-store';

type ModelChoiceBridge = Pick<ColorizeBridge, 'configure'> & { subscribe?(listener: (state: BridgeState) => void): () => void };

export function followModelChoice(bridge: ModelChoiceBridge): () => void {
  bridge.configure({ modelId: useSettingsStore.getState().model.id });
  const unsubscribeSettings = useSettingsStore.subscribe((state, previous) => {
    if (state.model.id === previous.model.id) return;
    if (state.model.id !== SHIPPED_MODEL.id) useRuntimeStore.setState({ modelNotice: undefined }); // another choice: old news
    bridge.configure({ modelId: state.model.id });
  });
  const unsubscribeBridge = bridge.subscribe?.((state) => {
    const chosen = useSettingsStore.getState().model;
    if (state.error?.code !== 'model-missing' || chosen.id === SHIPPED_MODEL.id) return;
    useSettingsStore.getState().setModel(SHIPPED_MODEL);
    useRuntimeStore.setState({
      modelNotice: `The fine-tuned model “${chosen.name}” is no longer on this device; colorizing with the shipped model.`,
    });
  });
  return () => {
    unsubscribeSettings();
    unsubscribeBridge?.();
  };
}
