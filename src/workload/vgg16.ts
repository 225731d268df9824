import type { Layer, Trace } from './layer.js';
import { convLayer, poolLayer } from './layer-builders.js';
import { fc6to8, int8Trace, push } from './kind-builders.js';

/**
 * VGG-16 (Simonyan and Zisserman 2015, Table 1, configuration D; torchvision `vgg16`): thirteen 3×3 convolutions
 * in five stages, each closed by a 2×2 max pool, then three fully connected layers (25,088 → 4,096 → 4,096 → 1,000).
 */
const CONFIG_D = [64, 64, 'M', 128, 128, 'M', 256, 256, 256, 'M', 512, 512, 512, 'M', 512, 512, 512, 'M'] as const;

export function buildVgg16(): Trace {
  const layers: Layer[] = [];
  let x = { name: 'input', height: 224, width: 224, channels: 3 };
  let stage = 1;
  let conv = 1;
  for (const c of CONFIG_D) {
    if (c === 'M') {
      x = push(layers, poolLayer(`pool${stage}`, x, 'max', { kernel: 2, stride: 2, padding: 0 }));
      stage++;
      conv = 1;
    } else {
      x = push(layers, convLayer(`conv${stage}_${conv++}`, x, c, { kernel: 3, stride: 1, padding: 1 }));
    }
  }
  fc6to8(layers, x);
  return int8Trace(
    'vgg16',
    'VGG-16 (configuration D), ImageNet 224x224, dense int8 weights and activations',
    'Simonyan and Zisserman, ICLR 2015, Table 1 configuration D; torchvision vgg16 definition',
    layers,
  );
}
