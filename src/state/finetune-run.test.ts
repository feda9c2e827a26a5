import { describe, expect, it } from 'vitest';
import { DEFAULT_FINETUNE_SETTINGS, type FineTunedModelSummary, type LossPoint, type StepLosses } from '../worker/finetune-protocol';
import {
  activeTerms, appendPoint, applyRunEvent, chartColumns, CRITIC_TERMS, failRun, finishRun, GENERATOR_TERMS, IDLE_RUN,
  isResumable, runFromModel, storedStatus, upsertModel,
} from './finetune-run';

const losses = (over: Partial<StepLosses> = {}): StepLosses => ({
  generator: 1, pixel: 0.5, adversarial: 0.2, classDistribution: 0.01, feature: 0, smooth: 0, critic: -0.3, gradientPenalty: 0.05, ...over,
});
const point = (step: number, over: Partial<StepLosses> = {}): LossPoint => ({ step, seconds: step, losses: losses(over) });
const model = (over: Partial<FineTunedModelSummary> = {}): FineTunedModelSummary => ({
  id: 'ft-1', name: 'Beach', createdAt: 1, updatedAt: 1, step: 2, settings: { ...DEFAULT_FINETUNE_SETTINGS, steps: 4 }, status: 'interrupted',
  backend: 'wasm', trainSeconds: 3, photoCount: 5, origin: 'trained', ...over,
});
const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };

describe('run events', () => {
  it('goes from preparing through steps, previews and checkpoints', () => {
    let run = { ...IDLE_RUN, active: true };
    run = applyRunEvent(run, { kind: 'preparing', stage: 'features', done: 1, total: 5 });
    expect(run).toMatchObject({ status: 'preparing', preparing: { stage: 'features', done: 1, total: 5 } });
    run = applyRunEvent(run, { kind: 'status', status: 'training' });
    expect(run.preparing).toBeUndefined();
    run = applyRunEvent(run, { kind: 'step', point: point(1), targetSteps: 4, stepsPerSecond: 0.5, etaSeconds: 6 });
    expect(run).toMatchObject({ status: 'training', step: 1, targetSteps: 4, stepsPerSecond: 0.5, etaSeconds: 6 });
    run = applyRunEvent(run, { kind: 'preview', step: 1, original: image, before: image, after: image, metrics: null });
    expect(run.preview?.step).toBe(1);
    run = applyRunEvent(run, { kind: 'checkpoint', model: model({ step: 1, status: 'training' }) });
    expect(run).toMatchObject({ modelId: 'ft-1', name: 'Beach', checkpointStep: 1 });
    run = finishRun(run, model({ step: 4, status: 'finished' }));
    expect(run).toMatchObject({ active: false, status: 'finished', step: 4, checkpointStep: 4, etaSeconds: null });
  });

  it('a resumed run replaces the points after its checkpoint', () => {
    const points = [point(1), point(2), point(3)];
    expect(appendPoint(points, point(3, { pixel: 9 })).map((p) => [p.step, p.losses.pixel])).toEqual([[1, 0.5], [2, 0.5], [3, 9]]);
    expect(appendPoint(points, point(2)).map((p) => p.step)).toEqual([1, 2]);
    expect(appendPoint([], point(1))).toHaveLength(1);
  });

  it('a failure keeps the run shown, with its message', () => {
    const run = failRun({ ...IDLE_RUN, active: true, status: 'training', step: 3, preparing: { stage: 'x', done: 0, total: 1 } }, 'failed', 'out of memory');
    expect(run).toMatchObject({ active: false, status: 'failed', step: 3, message: 'out of memory' });
    expect(run.preparing).toBeUndefined();
  });
});

describe('stored runs', () => {
  it('a run left training with nothing running here is interrupted, and resumable below its target', () => {
    expect(storedStatus(model({ status: 'training' }), false)).toBe('interrupted');
    expect(storedStatus(model({ status: 'training' }), true)).toBe('training');
    expect(isResumable(model({ status: 'training' }))).toBe(true);
    expect(isResumable(model({ status: 'paused' }))).toBe(true);
    expect(isResumable(model({ status: 'stopped', step: 4 }))).toBe(false);
    expect(isResumable(model({ status: 'finished' }))).toBe(false);
    expect(isResumable(model({ status: 'failed' }))).toBe(true); // its checkpoint was kept
    expect(isResumable(model({ status: 'failed', step: 0 }))).toBe(false);
  });

  it('shows a stored run with its history', () => {
    expect(runFromModel(model(), [point(1), point(2)])).toMatchObject({ modelId: 'ft-1', status: 'interrupted', step: 2, targetSteps: 4, active: false });
  });

  it('lists models newest first, replacing one already there', () => {
    const list = upsertModel([model({ id: 'a', updatedAt: 5 }), model({ id: 'b', updatedAt: 3 })], model({ id: 'b', updatedAt: 9, name: 'New' }));
    expect(list.map((m) => [m.id, m.name])).toEqual([['b', 'New'], ['a', 'Beach']]);
  });
});

describe('loss chart data', () => {
  it('keeps only the terms that are non-zero somewhere', () => {
    const points = [point(1, { smooth: 0 }), point(2, { feature: 0.3 })];
    expect(activeTerms(points, GENERATOR_TERMS).map((t) => t.term)).toEqual(['generator', 'pixel', 'adversarial', 'classDistribution', 'feature']);
    expect(activeTerms(points, CRITIC_TERMS).map((t) => t.term)).toEqual(['critic', 'gradientPenalty']);
    expect(activeTerms(points, CRITIC_TERMS.slice(1)).length).toBe(1);
    expect(activeTerms([point(1, { critic: 0, gradientPenalty: 0 })], CRITIC_TERMS)).toEqual([]);
  });

  it('makes uPlot columns, non-finite values as gaps', () => {
    const cols = chartColumns([point(1), point(2, { pixel: NaN })], GENERATOR_TERMS.slice(0, 2));
    expect(cols).toEqual([[1, 2], [1, 1], [0.5, null]]);
  });
});
