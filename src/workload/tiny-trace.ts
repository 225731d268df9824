import type { Trace } from './layer.js';
import { convLayer, eltwiseAddLayer, tensorOf, type Tensor } from './layer-builders.js';

/**
 * A residual block small enough to check by hand: conv_a (3x3, 2 -> 4 channels), conv_b (1x1, 4 -> 4) and
 * the add of both, on a 6x6x2 input, dense int8.
 *   conv_a: 6·6·4 outputs × 2·3·3 = 2592 MACs, 4·2·3·3 = 72 weights; conv_b: 6·6·4 × 4 = 576 MACs, 16 weights.
 */
export function buildTinyConvTrace(): Trace {
  const input: Tensor = { name: 'input', height: 6, width: 6, channels: 2 };
  const convA = convLayer('conv_a', input, 4, { kernel: 3, stride: 1, padding: 1 });
  const convB = convLayer('conv_b', tensorOf(convA), 4, { kernel: 1, stride: 1, padding: 0 });
  const add = eltwiseAddLayer('add', [tensorOf(convA), tensorOf(convB)]);
  return {
    name: 'tiny-conv',
    description: 'Two small convolutions and a residual add (6x6x2 input, int8): a hand-checkable test trace',
    source: 'hand-written test case, built by src/workload/tiny-trace.ts',
    activationBits: 8,
    layers: [convA, convB, add],
  };
}
