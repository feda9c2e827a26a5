import { describe, expect, it } from 'vitest';
import type { BridgeState } from '../worker/bridge';
import type { InitOptions } from '../worker/protocol';
import { applyBridgeState, useRuntimeStore } from './runtime-store';
import { followModelChoice } from './model-choice';
import { SHIPPED_MODEL, useSettingsStore } from './settings-store';

describe('followModelChoice', () => {
  it('passes the chosen model to the colorizer now and on every change', () => {
    useSettingsStore.setState({ model: SHIPPED_MODEL });
    const calls: InitOptions[] = [];
    const stop = followModelChoice({ configure: (o) => void calls.push(o) });
    useSettingsStore.getState().setModel({ id: 'ft-1', name: 'Beach' });
    useSettingsStore.getState().setModel({ id: 'ft-1', name: 'Beach 2' }); // rename: same model
    stop();
    useSettingsStore.getState().setModel(SHIPPED_MODEL);
    expect(calls).toEqual([{ modelId: 'shipped' }, { modelId: 'ft-1' }]);
  });
});

describe('followModelChoice when the chosen fine-tuned model is gone', () => {
  it('goes back to the shipped model with a notice on a model-missing error, and ignores other errors', () => {
    useSettingsStore.setState({ model: { id: 'ft-9', name: 'Old album' } });
    useRuntimeStore.setState({ modelNotice: undefined });
    const calls: InitOptions[] = [];
    let emit: (s: BridgeState) => void = () => undefined;
    const stop = followModelChoice({ configure: (o) => void calls.push(o), subscribe: (l) => ((emit = l), () => undefined) });
    emit({ status: 'error', pending: 0, error: { name: 'ColorizerError', code: 'model-load-failed', message: 'network' } } as BridgeState);
    expect(useSettingsStore.getState().model.id).toBe('ft-9');
    emit({ status: 'error', pending: 0, error: { name: 'ColorizerError', code: 'model-missing', message: 'No fine-tuned model' } } as BridgeState);
    expect(useSettingsStore.getState().model).toEqual(SHIPPED_MODEL);
    expect(calls).toEqual([{ modelId: 'ft-9' }, { modelId: 'shipped' }]);
    expect(useRuntimeStore.getState().modelNotice).toMatch(/“Old album” is no longer on this device; colorizing with the shipped model/);
    // The notice survives the bridge's next state.
    applyBridgeState({ status: 'ready', pending: 0 } as BridgeState);
    expect(useRuntimeStore.getState().modelNotice).toMatch(/Old album/);
    stop();
  });
});
