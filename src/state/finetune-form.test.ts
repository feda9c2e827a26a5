import { describe, expect, it } from 'vitest';
import { CHROMAGAN_OBJECTIVE, TOTAL_LOSS_OBJECTIVE } from '../core/train/objective';
import { DEFAULT_FINETUNE_SETTINGS } from '../worker/finetune-protocol';
import { applyPreset, formFromSettings, parseForm, restoreForm, setGan, setNumber, setWeight, startBlockers, type StartCheck } from './finetune-form';

describe('settings form', () => {
  it('round-trips the defaults', () => {
    expect(parseForm(formFromSettings())).toEqual({ settings: DEFAULT_FINETUNE_SETTINGS, problems: [], fieldProblems: {} });
  });

  it('presets load the GAN loss and weights; editing a weight makes it custom, and back', () => {
    const total = applyPreset(formFromSettings(), 'total');
    expect(parseForm(total).settings?.objective).toEqual(TOTAL_LOSS_OBJECTIVE);
    const edited = setWeight(total, 'smooth', '0.5');
    expect(edited.preset).toBe('custom');
    expect(setWeight(edited, 'smooth', '0.01').preset).toBe('total');
    expect(setGan(formFromSettings(), 'minimax').preset).toBe('custom');
    expect(setGan(setGan(formFromSettings(), 'minimax'), 'wgan-gp').preset).toBe('chromagan');
    expect(parseForm(applyPreset(total, 'chromagan')).settings?.objective).toEqual(CHROMAGAN_OBJECTIVE);
  });

  it('names every bad field', () => {
    let form = setNumber(formFromSettings(), 'steps', '2.5');
    form = setNumber(form, 'learningRate', '0');
    form = setNumber(form, 'batchSize', '');
    form = setWeight(form, 'pixel', '-1');
    const { settings, problems, fieldProblems } = parseForm(form);
    expect(settings).toBeNull();
    expect(problems).toEqual([
      'Steps: enter a whole number',
      'Learning rate: must be more than 0 and at most 0.1',
      'Batch size: enter a number',
      'λ pixel (colour MSE): enter a number ≥ 0',
    ]);
    expect(fieldProblems).toEqual({
      steps: 'enter a whole number', learningRate: 'must be more than 0 and at most 0.1', batchSize: 'enter a number', pixel: 'enter a number ≥ 0',
    });
  });

  it('takes decimal numbers only (not hex, binary or separators), and exponents', () => {
    for (const raw of ['0x10', '0b101', '1_000', 'Infinity', '1e400']) {
      expect(parseForm(setNumber(formFromSettings(), 'steps', raw)).problems).toEqual(['Steps: enter a number']);
    }
    expect(parseForm(setNumber(formFromSettings(), 'learningRate', '5e-5')).settings?.learningRate).toBe(5e-5);
    expect(parseForm(setNumber(formFromSettings(), 'learningRate', '.001')).settings?.learningRate).toBe(0.001);
    expect(parseForm(setNumber(formFromSettings(), 'steps', ' 40 ')).settings?.steps).toBe(40);
  });

    it('refuses all-zero weights', () => {
    let form = formFromSettings();
    for (const k of ['pixel', 'adversarial', 'classDistribution'] as const) form = setWeight(form, k, '0');
    expect(parseForm(form).problems).toEqual(['At least one loss weight must be > 0']);
  });
});

describe('startBlockers', () => {
  const ok: StartCheck = {
    name: 'Beach', checking: 0, okPhotos: 5, formProblems: [], running: false,
    verdict: { ok: true, problems: [], estimatedBytes: 1, trainingPhotos: 4 },
  };
  it('is empty when everything is ready', () => {
    expect(startBlockers(ok)).toEqual([]);
  });
  it('gives the reasons', () => {
    expect(startBlockers({ ...ok, verdict: null, okPhotos: 2 })).toEqual([
      'Add at least 4 colour photos (2 usable so far): one is held out for the preview.',
    ]);
    expect(startBlockers({ ...ok, verdict: { ok: false, problems: ['Too much memory: 3 GB'], estimatedBytes: 3e9, trainingPhotos: 4 } })).toEqual(['Too much memory: 3 GB']);
    expect(startBlockers({ ...ok, running: true, checking: 1, name: ' ', formProblems: ['Steps: enter a number'] })).toEqual([
      'A run is in progress.', 'Checking 1 photo…', 'Steps: enter a number', 'Give the model a name.',
    ]);
    expect(startBlockers({ ...ok, verdict: null })).toEqual(['Checking the training set…']);
  });
});

describe('passesOverPhotos', () => {
  it('counts both views of every photo as one pass', async () => {
    const { passesOverPhotos } = await import('./finetune-form');
    expect(passesOverPhotos(50, 8, 100)).toBe(2);
    expect(passesOverPhotos(200, 8, 7)).toBeCloseTo(114.3, 1);
    expect(passesOverPhotos(10, 8, 0)).toBe(0);
  });
});

describe('restoreForm (the form saved across reloads)', () => {
  it('round-trips a form through JSON, keeping what the user typed', () => {
    const form = setNumber(formFromSettings(), 'steps', '40x');
    expect(restoreForm(JSON.parse(JSON.stringify(form)))).toEqual(form);
  });
  it('refuses a form of another shape or with unknown choices', () => {
    const form = formFromSettings();
    for (const bad of [null, 'x', { ...form, gan: 'vae' }, { ...form, size: 100 }, { ...form, preset: 'other' }, { ...form, numbers: { steps: 5 } }, { ...form, seed: 1.5 }]) {
      expect(restoreForm(bad)).toBeNull();
    }
  });
});
