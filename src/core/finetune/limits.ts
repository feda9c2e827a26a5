/** Limits of in-browser fine-tuning (plain data: the page shows them too). */

/**
 * A photo whose a*b* stay within this many Lab units of their mean on 99 % of pixels has
 * no colour to learn from: grayscale, or sepia/cyanotype-tinted monochrome. The same rule
 * filtered the shipped model's training set (../shared/datasets/train/SOURCES.md, step 4).
 */
export const MIN_CHROMA_SPREAD = 4;
/** Shorter sides below this are refused: there is too little to learn from. */
export const MIN_PHOTO_SIDE = 32;
/** Fewest usable photos: one held out for the preview, at least three to learn from. */
export const MIN_FINETUNE_PHOTOS = 4;
/** Most memory the prepared training set may take in the worker (float32 features). */
export const MAX_TRAINING_SET_BYTES = 1024 * 1024 * 1024;

/**
 * The training-set limit on a device with `deviceMemoryGb` of RAM (navigator.deviceMemory,
 * which browsers round and cap at 8): a quarter of it, leaving the rest for the models,
 * activations, gradients and the page, and never more than MAX_TRAINING_SET_BYTES.
 */
export function trainingSetLimit(deviceMemoryGb?: number): number {
  if (deviceMemoryGb === undefined || !Number.isFinite(deviceMemoryGb) || deviceMemoryGb <= 0) return MAX_TRAINING_SET_BYTES;
  return Math.min(MAX_TRAINING_SET_BYTES, Math.floor((deviceMemoryGb * 1024 ** 3) / 4));
}
/** Largest learning rate (generator or critic) a run accepts; more only diverges. */
export const MAX_LEARNING_RATE = 0.1;
/** Each photo is used as is and mirrored. */
export const VIEWS_PER_PHOTO = 2;

