/**
 * The real environment, in Node: no WebGPU, no WebGL, and the wasm binaries are
 * app URLs that do not exist on disk, so wasm fails quietly (tf.setBackend returns
 * false). The chooser must notice and fall through to cpu, recording why.
 */
import * as tf from '@tensorflow/tfjs';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { chooseBackend } from './backend';

describe('chooseBackend (real tfjs, Node)', () => {
  beforeAll(() => {
    // tfjs and emscripten are loud about the failures this test provokes.
    for (const method of ['log', 'warn', 'error'] as const) vi.spyOn(console, method).mockImplementation(() => undefined);
  });
  afterAll(() => {
    vi.restoreAllMocks();
    tf.engine().reset();
  });

  it('falls through unavailable backends to cpu and records every reason', async () => {
    const choice = await chooseBackend('webgl');
    expect(choice.backend).toBe('cpu');
    expect(tf.getBackend()).toBe('cpu');
    expect(choice.attempts.map((a) => [a.backend, a.ok])).toEqual([
      ['webgl', false],
      ['webgpu', false],
      ['wasm', false],
      ['cpu', true],
    ]);
    expect(choice.attempts[0]!.reason).toMatch(/webgl/);
    expect(choice.attempts[1]!.reason).toBe('no GPU found');
    expect(choice.attempts[2]!.reason).toMatch(/^wasm failed: /);
    expect(choice.reason).toContain('no GPU found');
  });
});
