import * as tf from '@tensorflow/tfjs';
import { initNodeBackend } from '../src/platform/node/tfjs-node-wasm';
import { createDecoder } from '../src/core/model/decoder';
import { createCritic } from '../src/core/model/critic';
import { createGanTrainer } from '../src/core/train/step';
import { CHROMAGAN_OBJECTIVE } from '../src/core/train/objective';
const backend = process.argv[2] as 'wasm' | 'cpu' ?? 'wasm';
await initNodeBackend(backend);
const N = 16;
const batch = tf.tidy(() => ({
  s4: tf.randomNormal([N, 40, 40, 24]), s8: tf.randomNormal([N, 20, 20, 32]), s16: tf.randomNormal([N, 10, 10, 96]),
  s32: tf.randomNormal([N, 5, 5, 320]), global: tf.randomUniform([N, 1280]), lightness: tf.randomUniform([N, 40, 40, 1], -1, 1),
  ab: tf.randomNormal([N, 40, 40, 2], 0, 0.2), teacher: tf.softmax(tf.randomNormal([N, 81])), teacherMask: tf.ones([N]),
})) as any;
const tr = createGanTrainer({ decoder: createDecoder(), critic: createCritic(), objective: process.argv[3] === 'nogan' ? { gan: 'wgan-gp', weights: { ...CHROMAGAN_OBJECTIVE.weights, adversarial: 0 } } : CHROMAGAN_OBJECTIVE, generatorLearningRate: 2e-4, criticLearningRate: 2e-4 });
for (let i = 0; i < 4; i++) {
  const t0 = performance.now();
  const l = tr.step(batch, i);
  console.log(i, ((performance.now() - t0)).toFixed(0), 'ms', (N * 1000 / (performance.now() - t0)).toFixed(1), 'img/s', JSON.stringify(l), tf.memory().numTensors);
}
