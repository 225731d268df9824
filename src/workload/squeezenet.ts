import type { Layer, Trace } from './layer.js';
import { convLayer, globalAvgPoolLayer, poolLayer, type Tensor } from './layer-builders.js';
import { concatLayer, push, int8Trace } from './kind-builders.js';

/**
 * SqueezeNet 1.1 (Iandola et al. 2016; the 1.1 variant of the authors' repository and torchvision
 * `squeezenet1_1`): fire modules of a 1×1 squeeze and parallel 1×1 and 3×3 expands concatenated along channels;
 * the classifier is a 1×1 convolution to 1,000 channels and a global average pool (no fully connected layer).
 * Its ceil-mode max pools land exactly (111 → 55 → 27 → 13) and need no extra padding.
 */
const FIRES = [
  ['fire2', 16, 64], ['fire3', 16, 64], 'pool',
  ['fire4', 32, 128], ['fire5', 32, 128], 'pool',
  ['fire6', 48, 192], ['fire7', 48, 192], ['fire8', 64, 256], ['fire9', 64, 256],
] as const;

function fire(layers: Layer[], name: string, x: Tensor, squeeze: number, expand: number): Tensor {
  const s = push(layers, convLayer(`${name}_squeeze1x1`, x, squeeze, { kernel: 1, stride: 1, padding: 0 }));
  const e1 = push(layers, convLayer(`${name}_expand1x1`, s, expand, { kernel: 1, stride: 1, padding: 0 }));
  const e3 = push(layers, convLayer(`${name}_expand3x3`, s, expand, { kernel: 3, stride: 1, padding: 1 }));
  return push(layers, concatLayer(`${name}_concat`, [e1, e3]));
}

export function buildSqueezeNet11(): Trace {
  const layers: Layer[] = [];
  let x = push(layers, convLayer('conv1', { name: 'input', height: 224, width: 224, channels: 3 }, 64, { kernel: 3, stride: 2, padding: 0 }));
  let pools = 1;
  x = push(layers, poolLayer(`pool${pools++}`, x, 'max', { kernel: 3, stride: 2, padding: 0 }));
  for (const f of FIRES) {
    x = f === 'pool' ? push(layers, poolLayer(`pool${pools++}`, x, 'max', { kernel: 3, stride: 2, padding: 0 })) : fire(layers, f[0], x, f[1], f[2]);
  }
  x = push(layers, convLayer('conv10', x, 1000, { kernel: 1, stride: 1, padding: 0 }));
  push(layers, globalAvgPoolLayer('pool10', x));
  return int8Trace(
    'squeezenet1.1',
    'SqueezeNet 1.1, ImageNet 224x224, fire modules with concatenated expands, dense int8 weights and activations',
    'Iandola et al., arXiv:1602.07360 (SqueezeNet v1.1 of github.com/forresti/SqueezeNet); torchvision squeezenet1_1 definition',
    layers,
  );
}
