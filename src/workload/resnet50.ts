import type { Layer, Trace } from './layer.js';
import {
  convLayer,
  eltwiseAddLayer,
  fcLayer,
  globalAvgPoolLayer,
  poolLayer,
  tensorOf,
  type Tensor,
} from './layer-builders.js';

/**
 * ResNet-50 built from its stage and block structure (He et al. 2016, "Deep
 * Residual Learning", Table 1), in the layer names of the Caffe release.
 *
 * - v1.5 (torchvision `resnet50`): the first block of a stage strides on its 3x3 (branch2b).
 * - v1 (KaimingHe/deep-residual-networks ResNet-50-deploy.prototxt): it strides on its first 1x1 (branch2a).
 * Both stride the projection shortcut (branch1). ReLU and batch-norm are fused into the convolution's output
 * stage (NVDLA SDP) and are not layers.
 *
 * Layer order is the Caffe prototxt order (branch1 before branch2a..c, then the add); it is the order
 * reference/resnet50-layers-*.csv lists the convolutions in, and the order the liveness analysis assumes.
 */
export type ResNet50Variant = 'v1.5' | 'v1';

interface Stage {
  /** Caffe stage prefix: res2 .. res5. */
  prefix: string;
  blocks: number;
  /** Channels of the bottleneck (branch2a and branch2b outputs). */
  midChannels: number;
  /** Channels of the block output (branch2c and branch1). */
  outChannels: number;
  /** Spatial stride of the first block. */
  stride: number;
}

/** He et al. 2016, Table 1, "50-layer" column. */
const STAGES: readonly Stage[] = [
  { prefix: 'res2', blocks: 3, midChannels: 64, outChannels: 256, stride: 1 },
  { prefix: 'res3', blocks: 4, midChannels: 128, outChannels: 512, stride: 2 },
  { prefix: 'res4', blocks: 6, midChannels: 256, outChannels: 1024, stride: 2 },
  { prefix: 'res5', blocks: 3, midChannels: 512, outChannels: 2048, stride: 2 },
];

/** ImageNet input, 224x224 RGB. */
const INPUT: Tensor = { name: 'input', height: 224, width: 224, channels: 3 };
const CLASSES = 1000;

const SOURCES: Record<ResNet50Variant, string> = {
  'v1.5':
    'torchvision resnet50 definition and model card (stride on the 3x3 of each first block); ' +
    'checked against reference/resnet50-layers-v1.5.csv',
  v1:
    'KaimingHe/deep-residual-networks prototxt/ResNet-50-deploy.prototxt (stride on the first 1x1 of each ' +
    'first block and on branch1); checked against reference/resnet50-layers-v1.csv',
};

/** One bottleneck block; appends its layers and returns the block output. */
function bottleneck(layers: Layer[], name: string, from: Tensor, stage: Stage, stride: number, variant: ResNet50Variant): Tensor {
  const add = (l: Layer): Tensor => {
    layers.push(l);
    return tensorOf(l);
  };
  // Only the first block of a stage changes the shape, so only it needs a projection shortcut.
  const shortcut =
    stride !== 1 || from.channels !== stage.outChannels
      ? add(convLayer(`${name}_branch1`, from, stage.outChannels, { kernel: 1, stride, padding: 0 }))
      : from;
  const strideA = variant === 'v1' ? stride : 1;
  const strideB = variant === 'v1' ? 1 : stride;
  const a = add(convLayer(`${name}_branch2a`, from, stage.midChannels, { kernel: 1, stride: strideA, padding: 0 }));
  const b = add(convLayer(`${name}_branch2b`, a, stage.midChannels, { kernel: 3, stride: strideB, padding: 1 }));
  const c = add(convLayer(`${name}_branch2c`, b, stage.outChannels, { kernel: 1, stride: 1, padding: 0 }));
  return add(eltwiseAddLayer(name, [shortcut, c]));
}

/** The layers of ResNet-50 in execution order. */
function resnet50Layers(variant: ResNet50Variant): Layer[] {
  const layers: Layer[] = [];
  const conv1 = convLayer('conv1', INPUT, 64, { kernel: 7, stride: 2, padding: 3 });
  const pool1 = poolLayer('pool1', tensorOf(conv1), 'max', { kernel: 3, stride: 2, padding: 1 });
  layers.push(conv1, pool1);
  let x = tensorOf(pool1);
  for (const stage of STAGES) {
    for (let i = 0; i < stage.blocks; i++) {
      const letter = String.fromCharCode('a'.charCodeAt(0) + i);
      x = bottleneck(layers, `${stage.prefix}${letter}`, x, stage, i === 0 ? stage.stride : 1, variant);
    }
  }
  const pool5 = globalAvgPoolLayer('pool5', x);
  layers.push(pool5, fcLayer('fc1000', tensorOf(pool5), CLASSES));
  return layers;
}

/** Dense int8 ResNet-50 trace. */
export function buildResNet50(variant: ResNet50Variant): Trace {
  return {
    name: `resnet50-${variant}`,
    description: `ResNet-50 ${variant}, ImageNet 224x224, dense int8 weights and activations`,
    source: SOURCES[variant],
    activationBits: 8,
    layers: resnet50Layers(variant),
  };
}
