import type { Layer, Trace } from './layer.js';
import { convLayer, eltwiseAddLayer, fcLayer, globalAvgPoolLayer, type Tensor } from './layer-builders.js';
import { groupedConvLayer, push, int8Trace } from './kind-builders.js';

/**
 * MobileNetV2 1.0 at 224×224 (Sandler et al. 2018, Table 2; torchvision `mobilenet_v2`): inverted residual blocks
 * of a 1×1 expansion (factor t, absent when t = 1), a 3×3 depthwise convolution (groups = channels) and a linear
 * 1×1 projection, with a residual add where stride is 1 and channels are kept.
 */
/** Table 2 rows: expansion t, output channels c, repeats n, first stride s. */
const BLOCKS = [
  [1, 16, 1, 1],
  [6, 24, 2, 2],
  [6, 32, 3, 2],
  [6, 64, 4, 2],
  [6, 96, 3, 1],
  [6, 160, 3, 2],
  [6, 320, 1, 1],
] as const;

function invertedResidual(layers: Layer[], name: string, x: Tensor, t: number, c: number, stride: number): Tensor {
  const hidden = x.channels * t;
  const e = t === 1 ? x : push(layers, convLayer(`${name}_expand`, x, hidden, { kernel: 1, stride: 1, padding: 0 }));
  const d = push(layers, groupedConvLayer(`${name}_dw`, e, hidden, { kernel: 3, stride, padding: 1, groups: hidden }));
  const p = push(layers, convLayer(`${name}_project`, d, c, { kernel: 1, stride: 1, padding: 0 }));
  return stride === 1 && x.channels === c ? push(layers, eltwiseAddLayer(`${name}_add`, [x, p])) : p;
}

export function buildMobileNetV2(): Trace {
  const layers: Layer[] = [];
  let x = push(layers, convLayer('conv_stem', { name: 'input', height: 224, width: 224, channels: 3 }, 32, { kernel: 3, stride: 2, padding: 1 }));
  let block = 1;
  for (const [t, c, n, s] of BLOCKS) {
    for (let i = 0; i < n; i++) x = invertedResidual(layers, `block${block++}`, x, t, c, i === 0 ? s : 1);
  }
  x = push(layers, convLayer('conv_head', x, 1280, { kernel: 1, stride: 1, padding: 0 }));
  x = push(layers, globalAvgPoolLayer('avgpool', x));
  push(layers, fcLayer('classifier', x, 1000));
  return int8Trace(
    'mobilenet-v2',
    'MobileNetV2 1.0, ImageNet 224x224, depthwise 3x3 convolutions, dense int8 weights and activations',
    'Sandler et al., CVPR 2018, Table 2; torchvision mobilenet_v2 definition',
    layers,
  );
}
