import { UserError } from '../errors.js';
import { hasWeights, layerWeightCount, type Trace } from './layer.js';
import { thousands } from '../util/format.js';

/**
 * Sanity bounds of a trace, from what the simulator can do on a laptop
 * (measured with `maxnvm simulate --fps 10` on one core; see docs/limits.md).
 * The layer count is checked before schema validation walks the layers; the
 * rest once the shapes are known to be whole numbers, before any simulation.
 */

/** Layers per trace: 10,000 1×1 convolutions simulate in about 8 s; the deepest published CNNs have about 1,000. */
export const MAX_LAYERS = 10_000;
/** Channels per layer: 32× ResNet-50's widest (2,048); the weight bounds below bind first for dense layers. */
export const MAX_CHANNELS = 65_536;
/** Feature-map height and width: 290× ResNet-50's 224; an 8K frame is 7,680 wide. */
export const MAX_EXTENT = 65_536;
/**
 * Weights of one layer: eNVM systems generate each layer's weights in memory
 * (4 B per weight and a mask); an 8,192 → 8,192 1×1 convolution (2^26 weights)
 * takes about 7 s and 180 MB on arch-configs/maxnvm-rram-safe-csr4.json, and time and memory grow linearly,
 * so 2^27 takes about 14 s and 360 MB. 2^27 admits VGG-16's fc6 (25,088 → 4,096: 102.8 M), the largest layer
 * of the shipped model zoo; 56× ResNet-50's largest layer (2.4 M).
 */
export const MAX_LAYER_WEIGHTS = 2 ** 27;
/** Weights of the whole trace: 10× ResNet-50 (25.5 M), so a run stays within about half a minute. */
const MAX_TRACE_WEIGHTS = 2 ** 28;

const fmt = (n: number): string => thousands(n);

/** Before schema validation: the number of layers, so that nothing walks a huge list first. */
export function checkLayerCount(data: unknown, file: string): void {
  const layers = (data as { layers?: unknown } | null)?.layers;
  if (!Array.isArray(layers) || layers.length <= MAX_LAYERS) return;
  throw new UserError(`trace has ${fmt(layers.length)} layers, more than ${fmt(MAX_LAYERS)}`, {
    file,
    jsonPath: '/layers',
    expected: `at most ${fmt(MAX_LAYERS)} layers: a sanity bound (10,000 layers simulate in about 8 s; the deepest published CNNs have about 1,000)`,
    suggestion: 'check the generator of the trace; split a longer network into several traces',
  });
}

/** After schema validation: weights per layer and in total. */
export function checkWeightCounts(trace: Trace, file: string): void {
  let total = 0;
  trace.layers.forEach((l, i) => {
    if (!hasWeights(l)) return;
    const n = layerWeightCount(l);
    total += n;
    if (n > MAX_LAYER_WEIGHTS) {
      throw new UserError(`layer "${l.name}" has ${fmt(n)} weights (${l.kernelHeight}×${l.kernelWidth}×${l.inputChannels / l.groups}×${l.outputChannels}), more than ${fmt(MAX_LAYER_WEIGHTS)}`, {
        file,
        jsonPath: `/layers/${i}`,
        expected: `at most ${fmt(MAX_LAYER_WEIGHTS)} (2^27) weights per layer: eNVM systems generate a layer's weights in memory, and 2^27 take about 14 s`,
        suggestion: 'check inputChannels, outputChannels and the kernel size; VGG-16\'s largest layer (fc6) has 102.8 M weights, ResNet-50\'s 2.4 M',
      });
    }
  });
  if (total > MAX_TRACE_WEIGHTS) {
    throw new UserError(`trace has ${fmt(total)} weights in all, more than ${fmt(MAX_TRACE_WEIGHTS)}`, {
      file,
      jsonPath: '/layers',
      expected: `at most ${fmt(MAX_TRACE_WEIGHTS)} (2^28) weights: 10× ResNet-50, about half a minute of simulation`,
      suggestion: 'check the layer shapes, or split the network into several traces',
    });
  }
}
