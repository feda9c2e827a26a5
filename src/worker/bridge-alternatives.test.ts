/**
 * The bridge's sampleAlternatives call against a fake worker: queued behind a running
 * file, progress passed through, cancel terminates the worker and the next call starts
 * a fresh one.
 */
import { describe, expect, it } from 'vitest';
import { ABORTED, ColorizeBridge, type WorkerHandle } from './bridge';
import type { AlternativesProgress, AlternativesResult, ColorizeFileResult, InitResult } from './protocol';

const tick = () => new Promise((r) => setTimeout(r, 0));
const init: InitResult = { backend: 'wasm', reason: 'no GPU found', attempts: [], model: { name: 'm', version: '1', trained: true }, modelId: 'shipped', loadMs: 1 };
const image = { width: 1, height: 1, data: new Uint8ClampedArray(4) };

function alternatives(name: string, n: number): AlternativesResult {
  return {
    name, alternatives: Array.from({ length: n }, () => ({ colorized: image, png: new Blob([]), metrics: null })), diversity: 3, hasColourReference: false, seed: 1,
    sampler: { stepsPerLevel: 10, epsilon: 4e-5, startLevel: 5, evaluations: 51 }, scoreNet: { version: 'v', trainingSteps: 1 },
    timings: { loadMs: 0, samplingMs: 0, perSampleMs: 0, totalMs: 0 }, backend: 'wasm',
  };
}

function fakeWorkers() {
  const workers: { calls: { kind: string; name: string; settle(v: unknown, ok?: boolean): void; onProgress?: (p: AlternativesProgress) => void }[]; terminated: boolean }[] = [];
  const factory = (): WorkerHandle => {
    const w = { calls: [] as (typeof workers)[number]['calls'], terminated: false };
    workers.push(w);
    const call = <T,>(kind: string, name: string, onProgress?: (p: AlternativesProgress) => void) =>
      new Promise<T>((resolve, reject) => w.calls.push({ kind, name, settle: (v, ok = true) => (ok ? resolve(v as T) : reject(v)), ...(onProgress ? { onProgress } : {}) }));
    return {
      api: {
        init: async () => init,
        colorizeFile: (_f, name) => call<ColorizeFileResult>('colorize', name),
        sampleAlternatives: (_f, name, request, onProgress) => call<AlternativesResult>(`alternatives×${request.count}`, name, onProgress),
      },
      terminate: () => void (w.terminated = true),
      onCrash: () => undefined,
    };
  };
  return { workers, factory };
}

describe('ColorizeBridge.sampleAlternatives', () => {
  it('waits for the running file, passes progress through and resolves with the samples', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const file = bridge.colorize(new Blob(['x']), 'a.png');
    const progress: number[] = [];
    const alt = bridge.sampleAlternatives(new Blob(['x']), 'b.png', { count: 4, seed: 1 }, { onProgress: (p) => progress.push(p.fraction) });
    await tick();
    expect(workers[0]!.calls.map((c) => c.kind)).toEqual(['colorize']);
    workers[0]!.calls[0]!.settle({ name: 'a.png' });
    await file;
    await tick();
    expect(workers[0]!.calls.map((c) => `${c.kind} ${c.name}`)).toEqual(['colorize a.png', 'alternatives×4 b.png']);
    workers[0]!.calls[1]!.onProgress?.({ stage: 'sampling', fraction: 0.5 });
    workers[0]!.calls[1]!.settle(alternatives('b.png', 4));
    expect((await alt).alternatives).toHaveLength(4);
    expect(progress).toEqual([0.5]);
  });

  it('cancel terminates the worker; the next call starts a fresh one', async () => {
    const { workers, factory } = fakeWorkers();
    const bridge = new ColorizeBridge(factory);
    const controller = new AbortController();
    const alt = bridge.sampleAlternatives(new Blob(['x']), 'b.png', { count: 8, seed: 2 }, { signal: controller.signal });
    await tick();
    expect(workers[0]!.calls).toHaveLength(1);
    controller.abort();
    await expect(alt).rejects.toBe(ABORTED);
    expect(workers[0]!.terminated).toBe(true);
    const again = bridge.sampleAlternatives(new Blob(['x']), 'b.png', { count: 8, seed: 2 });
    await tick();
    expect(workers).toHaveLength(2);
    workers[1]!.calls[0]!.settle(alternatives('b.png', 8));
    expect((await again).alternatives).toHaveLength(8);
  });
});
