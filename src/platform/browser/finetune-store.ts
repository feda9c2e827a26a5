/**
 * Fine-tuned models in IndexedDB, on the user's device only.
 *
 * - Networks through tfjs's IndexedDB IO handler (`indexeddb://…`): the decoder (the
 *   fine-tuned generator) and the critic, each in two slots, a and b.
 * - Everything else through idb-keyval in one object store: the summary (which slot is
 *   current), both Adam states, the loss history and the square training crops.
 *
 * A checkpoint writes the other slot's networks and optimizers first and switches the
 * summary to it last, so a crash mid-write leaves the previous checkpoint whole.
 */
import * as tf from '@tensorflow/tfjs';
import { createStore, del, delMany, entries, get, set, type UseStore } from 'idb-keyval';
import { createRawImage, type RawImage } from '../../core/image';
import { ColorizerError } from '../../core/runtime/errors';
import type { EncodedOptimizerState } from '../../core/train/optimizer-state';
import type { FineTunedModelSummary, LossPoint } from '../../worker/finetune-protocol';

export type CheckpointSlot = 'a' | 'b';

export interface StoredModel extends FineTunedModelSummary {
  /** Slot holding the last complete checkpoint. */
  readonly slot: CheckpointSlot;
}

export interface StoredCrops {
  readonly size: number;
  /** Training crops (size × size). */
  readonly crops: readonly { readonly width: number; readonly height: number; readonly data: Uint8ClampedArray }[];
  /** The held-out photo, downscaled for the preview (any size). */
  readonly preview: { readonly width: number; readonly height: number; readonly data: Uint8ClampedArray; readonly name: string };
}

let store: UseStore | null = null;
const kv = () => (store ??= createStore('chroma-finetune', 'records'));

const modelKey = (id: string) => `model:${id}`;
const historyKey = (id: string) => `history:${id}`;
const cropsKey = (id: string) => `crops:${id}`;
const adamKey = (id: string, slot: CheckpointSlot, name: string) => `adam:${id}:${slot}:${name}`;

export function networkUrl(id: string, network: 'decoder' | 'critic', slot: CheckpointSlot): string {
  return `indexeddb://chroma-finetune/${id}/${network}-${slot}`;
}

export const otherSlot = (slot: CheckpointSlot | undefined): CheckpointSlot => (slot === 'a' ? 'b' : 'a');

export function newModelId(): string {
  return `ft-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 8)}`;
}

export async function listStoredModels(): Promise<StoredModel[]> {
  const all = await entries<string, unknown>(kv());
  return all
    .filter(([k]) => k.startsWith('model:'))
    .map(([, v]) => v as StoredModel)
    .sort((a, b) => b.updatedAt - a.updatedAt);
}

export async function getStoredModel(id: string): Promise<StoredModel> {
  const model = await get<StoredModel>(modelKey(id), kv());
  if (!model) throw new ColorizerError('model-missing', `No fine-tuned model "${id}" on this device (it may have been deleted)`);
  return model;
}

export async function putSummary(model: StoredModel): Promise<void> {
  await set(modelKey(model.id), model, kv());
}

export interface CheckpointWrite {
  readonly summary: Omit<StoredModel, 'slot'>;
  readonly previousSlot?: CheckpointSlot;
  readonly decoder: tf.LayersModel;
  readonly critic?: tf.LayersModel;
  readonly optimizers: Readonly<Record<string, EncodedOptimizerState>>;
  readonly history: readonly LossPoint[];
}

/** Writes a checkpoint into the slot after `previousSlot`; returns the stored summary. */
export async function writeCheckpoint(w: CheckpointWrite): Promise<StoredModel> {
  const slot = otherSlot(w.previousSlot);
  const id = w.summary.id;
  await w.decoder.save(networkUrl(id, 'decoder', slot));
  if (w.critic) await w.critic.save(networkUrl(id, 'critic', slot));
  for (const [name, state] of Object.entries(w.optimizers)) await set(adamKey(id, slot, name), state, kv());
  await set(historyKey(id), w.history, kv());
  const stored: StoredModel = { ...w.summary, slot };
  await set(modelKey(id), stored, kv());
  return stored;
}

export async function loadNetwork(id: string, network: 'decoder' | 'critic', slot: CheckpointSlot): Promise<tf.LayersModel> {
  return tf.loadLayersModel(networkUrl(id, network, slot));
}

export async function hasNetwork(id: string, network: 'decoder' | 'critic', slot: CheckpointSlot): Promise<boolean> {
  const models = await tf.io.listModels();
  return networkUrl(id, network, slot) in models;
}

export async function loadOptimizerState(id: string, slot: CheckpointSlot, name: string): Promise<EncodedOptimizerState | undefined> {
  return get<EncodedOptimizerState>(adamKey(id, slot, name), kv());
}

export async function loadHistory(id: string): Promise<LossPoint[]> {
  return (await get<LossPoint[]>(historyKey(id), kv())) ?? [];
}

export async function saveCrops(id: string, crops: StoredCrops): Promise<void> {
  await set(cropsKey(id), crops, kv());
}

export async function loadCrops(id: string): Promise<{ size: number; crops: RawImage[]; preview: RawImage & { name: string } } | undefined> {
  const stored = await get<StoredCrops>(cropsKey(id), kv());
  if (!stored) return undefined;
  const raw = (c: { width: number; height: number; data: Uint8ClampedArray }) => createRawImage(c.width, c.height, new Uint8ClampedArray(c.data));
  return { size: stored.size, crops: stored.crops.map(raw), preview: Object.assign(raw(stored.preview), { name: stored.preview.name }) };
}

export async function deleteStoredModel(id: string): Promise<void> {
  const saved = await tf.io.listModels();
  for (const network of ['decoder', 'critic'] as const) {
    for (const slot of ['a', 'b'] as const) {
      const url = networkUrl(id, network, slot);
      if (url in saved) await tf.io.removeModel(url);
    }
  }
  const adam = (['a', 'b'] as const).flatMap((slot) => ['generator', 'critic'].map((n) => adamKey(id, slot, n)));
  await delMany([historyKey(id), cropsKey(id), ...adam], kv());
  await del(modelKey(id), kv());
}
