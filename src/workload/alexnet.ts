import type { Layer, Trace } from './layer.js';
import { poolLayer } from './layer-builders.js';
import { groupedConvLayer, lrnLayer, push, fc6to8, int8Trace } from './kind-builders.js';

/**
 * AlexNet as released with Caffe (BVLC `bvlc_alexnet` deploy.prototxt, after Krizhevsky et al. 2012): 227×227
 * input, conv2, conv4 and conv5 in two groups (the original two-GPU split), local response normalization (5
 * channels) after conv1 and conv2, each before its max pool. This is the AlexNet of NVIDIA's performance estimator.
 */
export function buildAlexNet(): Trace {
  const layers: Layer[] = [];
  let x = push(layers, groupedConvLayer('conv1', { name: 'input', height: 227, width: 227, channels: 3 }, 96, { kernel: 11, stride: 4, padding: 0 }));
  x = push(layers, lrnLayer('norm1', x, 5));
  x = push(layers, poolLayer('pool1', x, 'max', { kernel: 3, stride: 2, padding: 0 }));
  x = push(layers, groupedConvLayer('conv2', x, 256, { kernel: 5, stride: 1, padding: 2, groups: 2 }));
  x = push(layers, lrnLayer('norm2', x, 5));
  x = push(layers, poolLayer('pool2', x, 'max', { kernel: 3, stride: 2, padding: 0 }));
  x = push(layers, groupedConvLayer('conv3', x, 384, { kernel: 3, stride: 1, padding: 1 }));
  x = push(layers, groupedConvLayer('conv4', x, 384, { kernel: 3, stride: 1, padding: 1, groups: 2 }));
  x = push(layers, groupedConvLayer('conv5', x, 256, { kernel: 3, stride: 1, padding: 1, groups: 2 }));
  x = push(layers, poolLayer('pool5', x, 'max', { kernel: 3, stride: 2, padding: 0 }));
  fc6to8(layers, x);
  return int8Trace(
    'alexnet',
    'AlexNet (Caffe bvlc_alexnet: grouped conv2/4/5, LRN), ImageNet 227x227, dense int8 weights and activations',
    'BVLC Caffe models/bvlc_alexnet/deploy.prototxt; Krizhevsky et al., NIPS 2012',
    layers,
  );
}
