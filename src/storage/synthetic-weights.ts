import { randomStream } from '../engine/random.js';
import type { Layer } from '../workload/layer.js';
import { clustersFor, kernelShape, kernelSize, valueBitsFor, type KernelShape, type WeightTensor } from './weight-tensor.js';

/**
 * Seeded synthetic weights for a layer whose real weights are not at hand: the sparsity pattern and values that
 * sizing, decode timing and fault injection run on.
 *
 * Pattern: exactly round(density × N) non-zero weights (the count summarizeTrace gives), placed uniformly at
 * random over the layer by selection sampling (Knuth, TAOCP vol. 2, Algorithm S). Assumption: unstructured
 * pruning (STR, magnitude pruning) leaves no structure that changes sizes much; a structured profile such as
 * 2:4 would need its own pattern generator.
 *
 * Values: non-zero int values uniform over the signed b-bit range without 0; clustered: codes uniform over
 * 1..clusters−1, and a codebook of non-zero int8 centroids with entry 0 = 0 (weight-tensor.ts).
 *
 * Randomness: one draw from the engine's seeded stream `storage/pattern/<layer>` (or `storage/values/<layer>`)
 * seeds a small 32-bit generator (mulberry32) for the per-weight loop: 25.5 M draws for ResNet-50 must take
 * milliseconds, not seconds.
 */

/** Seed of the synthetic patterns when the caller gives none (assumption: any fixed seed; sizes differ by a few fillers between seeds). */
export const DEFAULT_PATTERN_SEED = 1;

/** Non-zero positions of a layer, packed one bit per weight in [K][C][R][S] order. */
export interface SparsityPattern {
  shape: KernelShape;
  nonZeros: number;
  /** Bit i of word floor(i / 32) is 1 when weight i is non-zero. */
  mask: Uint32Array;
}

/** A uniform [0, 1) generator: mulberry32 seeded with a 32-bit integer. */
function fastUniform(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function layerGenerator(seed: number | string, what: string, layer: Layer): () => number {
  return fastUniform(randomStream(seed, `storage/${what}/${layer.name}`).int(4294967296));
}

export function syntheticPattern(layer: Layer, seed: number | string = DEFAULT_PATTERN_SEED): SparsityPattern {
  const shape = kernelShape(layer);
  const n = shape.kernels * kernelSize(shape);
  const nonZeros = Math.round(n * (layer.weights?.density ?? 1));
  const mask = new Uint32Array(Math.ceil(n / 32));
  const u = layerGenerator(seed, 'pattern', layer);
  let need = nonZeros;
  for (let i = 0; i < n && need > 0; i++) {
    // Select weight i with probability need / (weights left): exactly nonZeros selected, uniformly.
    if (u() * (n - i) < need) {
      mask[i >>> 5] = (mask[i >>> 5] ?? 0) | (1 << (i & 31));
      need--;
    }
  }
  return { shape, nonZeros, mask };
}

/** Real weights (values and, when clustered, codebook) on the layer's synthetic pattern. */
export function syntheticLayerWeights(
  layer: Layer,
  seed: number | string = DEFAULT_PATTERN_SEED,
  opts: { clustered?: boolean; pattern?: SparsityPattern } = {},
): WeightTensor {
  const pattern = opts.pattern ?? syntheticPattern(layer, seed);
  const clusters = clustersFor(layer, opts.clustered ?? false);
  const valueBits = valueBitsFor(layer, opts.clustered ?? false);
  const u = layerGenerator(seed, 'values', layer);
  const n = pattern.shape.kernels * kernelSize(pattern.shape);
  const values = new Int32Array(n);
  let draw: () => number;
  if (clusters !== undefined) {
    if (clusters < 2) throw new Error(`layer ${layer.name}: ${clusters} clusters leave no code for a non-zero weight`);
    draw = () => 1 + Math.floor(u() * (clusters - 1));
  } else {
    const half = 2 ** (valueBits - 1);
    // 2^b − 1 non-zero values: −half .. −1 and 1 .. half − 1.
    draw = () => {
      const k = Math.floor(u() * (2 * half - 1)) - half;
      return k >= 0 ? k + 1 : k;
    };
  }
  for (let i = 0; i < n; i++) if ((((pattern.mask[i >>> 5] ?? 0) >>> (i & 31)) & 1) === 1) values[i] = draw();
  const t: WeightTensor = { shape: pattern.shape, valueBits, values };
  if (clusters !== undefined) {
    const codebook = new Int32Array(clusters);
    for (let c = 1; c < clusters; c++) {
      const k = Math.floor(u() * 254) - 127; // non-zero centroids −127..−1, 1..127
      codebook[c] = k >= 0 ? k + 1 : k;
    }
    t.codebook = codebook;
  }
  return t;
}
