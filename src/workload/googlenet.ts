import type { Layer, Trace } from './layer.js';
import { convLayer, fcLayer, globalAvgPoolLayer, type Tensor } from './layer-builders.js';
import { concatLayer, lrnLayer, paddedPoolLayer, push, int8Trace } from './kind-builders.js';

/**
 * GoogLeNet (Szegedy et al. 2015, Table 1; BVLC `bvlc_googlenet` deploy.prototxt): nine inception modules whose
 * four branches are concatenated along channels, LRN after pool1 and conv2, Caffe's ceil-mode max pools (an extra
 * row and column of padding at the end where the window would hang over), no auxiliary classifiers (inference).
 */
type Inception = [string, number, number, number, number, number, number];
/** Table 1: #1×1, #3×3 reduce, #3×3, #5×5 reduce, #5×5, pool proj. */
const MODULES: readonly (Inception | 'pool')[] = [
  ['3a', 64, 96, 128, 16, 32, 32],
  ['3b', 128, 128, 192, 32, 96, 64],
  'pool',
  ['4a', 192, 96, 208, 16, 48, 64],
  ['4b', 160, 112, 224, 24, 64, 64],
  ['4c', 128, 128, 256, 24, 64, 64],
  ['4d', 112, 144, 288, 32, 64, 64],
  ['4e', 256, 160, 320, 32, 128, 128],
  'pool',
  ['5a', 256, 160, 320, 32, 128, 128],
  ['5b', 384, 192, 384, 48, 128, 128],
];

/** Caffe's ceil-mode 3×3 stride-2 max pool: the window may hang one past the end (pads at bottom and right). */
const ceilPool = (layers: Layer[], name: string, x: Tensor): Tensor => {
  const hangs = (x.height - 3) % 2 !== 0 ? 1 : 0;
  return push(layers, paddedPoolLayer(name, x, 'max', { kernel: 3, stride: 2, padding: 0, pads: [0, 0, hangs, hangs] }));
};

function inception(layers: Layer[], [id, n1, r3, n3, r5, n5, pp]: Inception, x: Tensor): Tensor {
  const p = `inception_${id}`;
  const b1 = push(layers, convLayer(`${p}_1x1`, x, n1, { kernel: 1, stride: 1, padding: 0 }));
  const a3 = push(layers, convLayer(`${p}_3x3_reduce`, x, r3, { kernel: 1, stride: 1, padding: 0 }));
  const b3 = push(layers, convLayer(`${p}_3x3`, a3, n3, { kernel: 3, stride: 1, padding: 1 }));
  const a5 = push(layers, convLayer(`${p}_5x5_reduce`, x, r5, { kernel: 1, stride: 1, padding: 0 }));
  const b5 = push(layers, convLayer(`${p}_5x5`, a5, n5, { kernel: 5, stride: 1, padding: 2 }));
  const pool = push(layers, paddedPoolLayer(`${p}_pool`, x, 'max', { kernel: 3, stride: 1, padding: 1 }));
  const bp = push(layers, convLayer(`${p}_pool_proj`, pool, pp, { kernel: 1, stride: 1, padding: 0 }));
  return push(layers, concatLayer(`${p}_output`, [b1, b3, b5, bp]));
}

export function buildGoogLeNet(): Trace {
  const layers: Layer[] = [];
  let x = push(layers, convLayer('conv1_7x7_s2', { name: 'input', height: 224, width: 224, channels: 3 }, 64, { kernel: 7, stride: 2, padding: 3 }));
  x = ceilPool(layers, 'pool1_3x3_s2', x);
  x = push(layers, lrnLayer('pool1_norm1', x, 5));
  x = push(layers, convLayer('conv2_3x3_reduce', x, 64, { kernel: 1, stride: 1, padding: 0 }));
  x = push(layers, convLayer('conv2_3x3', x, 192, { kernel: 3, stride: 1, padding: 1 }));
  x = push(layers, lrnLayer('conv2_norm2', x, 5));
  x = ceilPool(layers, 'pool2_3x3_s2', x);
  let pools = 3;
  for (const m of MODULES) x = m === 'pool' ? ceilPool(layers, `pool${pools++}_3x3_s2`, x) : inception(layers, m, x);
  x = push(layers, globalAvgPoolLayer('pool5_7x7_s1', x));
  push(layers, fcLayer('loss3_classifier', x, 1000));
  return int8Trace(
    'googlenet',
    'GoogLeNet (Inception v1, Caffe bvlc_googlenet, no auxiliary classifiers), ImageNet 224x224, dense int8 weights and activations',
    'Szegedy et al., CVPR 2015, Table 1; BVLC Caffe models/bvlc_googlenet/deploy.prototxt',
    layers,
  );
}
