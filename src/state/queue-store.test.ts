import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ColorizeFileResult } from '../worker/protocol';
import { downloadNameFor, useQueueStore } from './queue-store';

const result = (): ColorizeFileResult => {
  const image = { width: 2, height: 1, data: new Uint8ClampedArray(8) };
  return {
    name: 'x', original: image, gray: image, colorized: image, png: new Blob(['png'], { type: 'image/png' }),
    metrics: null, hasColourReference: false, timings: { decodeMs: 1, modelMs: 2, colorizeMs: 3, encodeMs: 4, totalMs: 10 }, backend: 'wasm',
  };
};

const items = () => useQueueStore.getState().items;
const byId = (id: string) => items().find((i) => i.id === id)!;

describe('queue store', () => {
  let created: string[];
  let revoked: string[];
  beforeEach(() => {
    useQueueStore.setState({ items: [] });
    created = [];
    revoked = [];
    vi.spyOn(URL, 'createObjectURL').mockImplementation(() => {
      const url = `blob:test/${created.length}`;
      created.push(url);
      return url;
    });
    vi.spyOn(URL, 'revokeObjectURL').mockImplementation((url) => void revoked.push(url));
  });
  afterEach(() => vi.restoreAllMocks());

  it('moves an item from queued through running to done', () => {
    const { add, start, progress, complete } = useQueueStore.getState();
    const id = add('old photo.jpeg', 1234);
    expect(byId(id)).toMatchObject({ status: 'queued', progress: 0, name: 'old photo.jpeg', bytes: 1234 });
    start(id);
    progress(id, 0.5, 'model');
    progress(id, 0.3, 'model'); // never goes backwards
    expect(byId(id)).toMatchObject({ status: 'running', progress: 0.5, stage: 'model' });
    complete(id, result());
    expect(byId(id).status).toBe('done');
    expect(byId(id).result).toMatchObject({ pngUrl: 'blob:test/0', downloadName: 'old photo-colorized.png', backend: 'wasm' });
  });

  it('keeps the full-resolution size and the reason metrics were skipped when the display images are previews', () => {
    const { add, start, complete } = useQueueStore.getState();
    const small = add('small.png', 1);
    start(small);
    complete(small, result());
    expect(byId(small).result).toMatchObject({ width: 2, height: 1 });
    const big = add('big.jpg', 1);
    start(big);
    complete(big, { ...result(), size: { width: 12000, height: 8000 }, hasColourReference: true, metricsSkipped: 'not computed for photos over 50 MP' });
    expect(byId(big).result).toMatchObject({ width: 12000, height: 8000, metricsSkipped: 'not computed for photos over 50 MP' });
  });

  it('records errors with their code and message', () => {
    const { add, start, fail } = useQueueStore.getState();
    const id = add('notes.jpg', 10);
    start(id);
    fail(id, { code: 'not-an-image', message: 'notes.jpg is not an image' });
    expect(byId(id)).toMatchObject({ status: 'error', error: { code: 'not-an-image', message: 'notes.jpg is not an image' } });
  });

  it('a cancelled item stays cancelled even if a result arrives late', () => {
    const { add, cancelled, complete } = useQueueStore.getState();
    const id = add('a.png', 1);
    cancelled(id);
    complete(id, result());
    expect(byId(id).status).toBe('cancelled');
    expect(created).toEqual([]); // no object URL made for it
  });

  it('revokes object URLs when items are removed or cleared', () => {
    const { add, complete, remove, clearFinished } = useQueueStore.getState();
    const a = add('a.png', 1);
    const b = add('b.png', 1);
    const c = add('c.png', 1);
    complete(a, result());
    complete(b, result());
    remove(a);
    expect(revoked).toEqual(['blob:test/0']);
    clearFinished();
    expect(revoked).toEqual(['blob:test/0', 'blob:test/1']);
    expect(items().map((i) => i.id)).toEqual([c]); // still queued: kept
  });
});

describe('downloadNameFor', () => {
  it('replaces the extension', () => {
    expect(downloadNameFor('101085.jpg')).toBe('101085-colorized.png');
    expect(downloadNameFor('my.old.photo.PNG')).toBe('my.old.photo-colorized.png');
    expect(downloadNameFor('noext')).toBe('noext-colorized.png');
    expect(downloadNameFor('.jpg')).toBe('photo-colorized.png');
  });
});
