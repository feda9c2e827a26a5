/**
 * An exponential moving average of a model's weights (Song & Ermon 2020, technique 5, for
 * score networks; the usual practice for diffusion models): a second model of the same
 * architecture whose weights follow ema ← d·ema + (1 − d)·w after every training step.
 * The first updates use a smaller decay, min(d, (1 + n)/(10 + n)) for the n-th update, so the
 * average is not dominated by where it started.
 */
import * as tf from '@tensorflow/tfjs';

export interface WeightEma {
  /** The averaged model (same architecture; evaluate, save or export it). */
  readonly model: tf.LayersModel;
  readonly decay: number;
  /** Updates made so far (also where a resumed average continues). */
  readonly updates: number;
  /** One averaging step towards the source model's current weights. */
  update(): void;
  dispose(): void;
}

/** A copy of a layers model (architecture and weights) through an in-memory save/load. */
export async function cloneLayersModel(model: tf.LayersModel): Promise<tf.LayersModel> {
  let artifacts: tf.io.ModelArtifacts | undefined;
  await model.save(tf.io.withSaveHandler(async (a) => {
    artifacts = a;
    return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
  }));
  return tf.loadLayersModel(tf.io.fromMemory(artifacts!));
}

/**
 * Starts an average of `source`'s weights. `average` is a model to continue from (e.g. a
 * checkpoint's), else the average starts at the source's current weights; `updates` is how
 * many updates it already has.
 */
export async function createWeightEma(source: tf.LayersModel, decay: number, resume?: { average: tf.LayersModel; updates: number }): Promise<WeightEma> {
  if (!(decay > 0 && decay < 1)) throw new RangeError(`EMA decay must be in (0, 1), got ${decay}`);
  const model = resume?.average ?? (await cloneLayersModel(source));
  if (model.weights.length !== source.weights.length) throw new Error(`EMA: the average has ${model.weights.length} weights, the source ${source.weights.length}`);
  const pairs = model.weights.map((w, i) => {
    const s = source.weights[i]!;
    // Names differ between separately built copies (layer counters): match by order and shape.
    if (JSON.stringify(w.shape) !== JSON.stringify(s.shape)) throw new Error(`EMA: weight ${i} has shape [${w.shape}], the source's [${s.shape}]`);
    return [w.read() as tf.Variable, s] as const;
  });
  let updates = resume?.updates ?? 0;
  return {
    model,
    decay,
    get updates() {
      return updates;
    },
    update() {
      const d = Math.min(decay, (1 + updates) / (10 + updates));
      tf.tidy(() => {
        for (const [average, source] of pairs) average.assign(tf.add(tf.mul(average, d), tf.mul(source.read(), 1 - d)));
      });
      updates++;
    },
    dispose() {
      model.dispose();
    },
  };
}
