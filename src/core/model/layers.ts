/**
 * Custom layers the decoder needs, registered for (de)serialisation so a saved
 * decoder loads anywhere tfjs runs.
 */
import * as tf from '@tensorflow/tfjs';

/**
 * ChromaGAN-style fusion: concatenates a global feature vector [N,D], tiled over
 * every position, to a feature map [N,H,W,C] → [N,H,W,C+D].
 */
export class GlobalFusion extends tf.layers.Layer {
  static readonly className = 'GlobalFusion';

  override computeOutputShape(inputShape: tf.Shape[]): tf.Shape {
    const [map, vec] = inputShape as [tf.Shape, tf.Shape];
    return [map[0]!, map[1]!, map[2]!, (map[3] as number) + (vec[1] as number)];
  }

  override call(inputs: tf.Tensor | tf.Tensor[]): tf.Tensor {
    return tf.tidy(() => {
      const [map, vec] = inputs as [tf.Tensor4D, tf.Tensor2D];
      const [n, h, w] = map.shape;
      const tiled = tf.mul(tf.ones([n, h, w, 1]), tf.reshape(vec, [n, 1, 1, vec.shape[1]]));
      return tf.concat([map, tiled], 3);
    });
  }

  override getClassName(): string {
    return GlobalFusion.className;
  }
}

tf.serialization.registerClass(GlobalFusion);
