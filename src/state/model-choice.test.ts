import { describe, expect, it } from 'vitest';
import type { InitOptions } from '../worker/protocol';
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
