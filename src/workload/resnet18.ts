import type { Layer, Trace } from './layer.js';
import { convLayer, eltwiseAddLayer, fcLayer, globalAvgPoolLayer, poolLayer, type Tensor } from './layer-builders.js';
import { int8Trace, push } from './kind-builders.js';

/**
 * ResNet-18 (He et al. 2016, Table 1, "18-layer"; torchvision `resnet18`): basic blocks of two 3×3
 * convolutions, a strided 1×1 projection where the shape changes. Batch norm and ReLU fold into the convolution's
 * SDP stage and are not layers.
 */
const STAGES = [
  { name: 'layer1', channels: 64, stride: 1 },
  { name: 'layer2', channels: 128, stride: 2 },
  { name: 'layer3', channels: 256, stride: 2 },
  { name: 'layer4', channels: 512, stride: 2 },
] as const;

function basicBlock(layers: Layer[], name: string, from: Tensor, channels: number, stride: number): Tensor {
  const shortcut = stride !== 1 || from.channels !== channels
    ? push(layers, convLayer(`${name}_downsample`, from, channels, { kernel: 1, stride, padding: 0 }))
    : from;
  const a = push(layers, convLayer(`${name}_conv1`, from, channels, { kernel: 3, stride, padding: 1 }));
  const b = push(layers, convLayer(`${name}_conv2`, a, channels, { kernel: 3, stride: 1, padding: 1 }));
  return push(layers, eltwiseAddLayer(`${name}_add`, [shortcut, b]));
}

export function buildResNet18(): Trace {
  const layers: Layer[] = [];
  let x = push(layers, convLayer('conv1', { name: 'input', height: 224, width: 224, channels: 3 }, 64, { kernel: 7, stride: 2, padding: 3 }));
  x = push(layers, poolLayer('maxpool', x, 'max', { kernel: 3, stride: 2, padding: 1 }));
  for (const s of STAGES) {
    x = basicBlock(layers, `${s.name}_0`, x, s.channels, s.stride);
    x = basicBlock(layers, `${s.name}_1`, x, s.channels, 1);
  }
  x = push(layers, globalAvgPoolLayer('avgpool', x));
  push(layers, fcLayer('fc', x, 1000));
  return int8Trace(
    'resnet18',
    'ResNet-18, ImageNet 224x224, dense int8 weights and activations',
    'He et al. 2016 Table 1 (18-layer); torchvision resnet18 definition',
    layers,
  );
}
