import type { RandomStream } from '../../../src/engine/random.js';
import type { Layer } from '../../../src/workload/layer.js';
import type { KernelShape, WeightTensor } from '../../../src/storage/weight-tensor.js';
import type { StorageChoice } from '../../../src/storage/types.js';

/** Shared builders for the storage tests. */

/** A conv layer (fc when the kernel is 1×1 and the input 1×1) with the given weight geometry and density. */
export function convLayer(name: string, kernels: number, channels: number, r: number, s: number, density: number, clusters?: number): Layer {
  return {
    name,
    op: 'conv',
    inputs: ['input'],
    inputHeight: 8,
    inputWidth: 8,
    inputChannels: channels,
    outputChannels: kernels,
    kernelHeight: r,
    kernelWidth: s,
    stride: 1,
    padding: 0,
    groups: 1,
    outputHeight: 8,
    outputWidth: 8,
    weights: clusters === undefined ? { density, valueBits: 8 } : { density, valueBits: Math.ceil(Math.log2(clusters)), clusters },
  };
}

/** A random tensor: each weight non-zero with probability `density`; int8 values, or codes 1..clusters−1. */
export function randomTensor(rng: RandomStream, shape: KernelShape, density: number, clusters?: number): WeightTensor {
  const n = shape.kernels * shape.channels * shape.height * shape.width;
  const values = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    if (rng.next() >= density) continue;
    values[i] = clusters !== undefined ? 1 + rng.int(clusters - 1) : rng.int(255) - 128 || 127;
  }
  if (clusters === undefined) return { shape, valueBits: 8, values };
  const codebook = new Int32Array(clusters);
  for (let c = 1; c < clusters; c++) codebook[c] = rng.int(254) - 127 || 127;
  return { shape, valueBits: Math.max(1, Math.ceil(Math.log2(clusters))), values, codebook };
}

const baseChoice = { label: 'test', clustered: false, bitsPerCell: {}, defaultBitsPerCell: 1 } as const;

export function choice(extra: Partial<StorageChoice> & Pick<StorageChoice, 'encoding'>): StorageChoice {
  return { ...baseChoice, bitsPerCell: {}, ...extra };
}

/** Indices where two arrays differ. */
export function differences(a: Int32Array, b: Int32Array): number[] {
  const out: number[] = [];
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) out.push(i);
  return out;
}
