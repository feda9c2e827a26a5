import { beforeEach, describe, expect, it } from 'vitest';
import type { PhotoCheck } from '../worker/finetune-protocol';
import { addPhotos, fineTuneState, heldOutPhoto, removePhoto, resetFineTuneStore, setPhotoChecks, usablePhotos } from './finetune-store';

const ok = (name: string, digest?: string): PhotoCheck => ({ name, ok: true, width: 64, height: 64, chromaSpread: 20, ...(digest ? { digest } : {}) });
const blob = new Blob(['x']);

describe('training photos: the same file added twice', () => {
  beforeEach(() => resetFineTuneStore());

  it('counts once: the later copy is marked as a duplicate, and becomes usable when the first is removed', () => {
    const [a, b, a2] = addPhotos([{ name: 'a.png', blob }, { name: 'b.png', blob }, { name: 'a-copy.png', blob }]);
    setPhotoChecks(new Map([[a!.id, ok('a.png', 'd1')], [b!.id, ok('b.png', 'd2')], [a2!.id, ok('a-copy.png', 'd1')]]));
    const photos = fineTuneState().photos;
    expect(usablePhotos(photos).map((p) => p.name)).toEqual(['a.png', 'b.png']);
    expect(photos[2]!.check).toMatchObject({ ok: false, problem: 'the same picture as “a.png”, already in the set' });
    expect(heldOutPhoto(fineTuneState())?.name).toBe('a.png');

    removePhoto(a!.id);
    expect(usablePhotos(fineTuneState().photos).map((p) => p.name)).toEqual(['b.png', 'a-copy.png']);
  });

  it('photos without a digest (no crypto.subtle) are never called duplicates', () => {
    const [a, b] = addPhotos([{ name: 'a.png', blob }, { name: 'b.png', blob }]);
    setPhotoChecks(new Map([[a!.id, ok('a.png')], [b!.id, ok('b.png')]]));
    expect(usablePhotos(fineTuneState().photos)).toHaveLength(2);
  });
});
