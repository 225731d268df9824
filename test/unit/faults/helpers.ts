/** Small fixtures shared by the fault injection tests. */
import { randomStream } from '../../../src/engine/random.js';
import type { FaultModel } from '../../../src/faults/cells/fault-model.js';
import { levelsFaultModel } from '../../../src/faults/cells/levels-file.js';
import type { StorageChoice } from '../../../src/storage/types.js';
import { codeBits, type WeightTensor } from '../../../src/storage/weight-tensor.js';

/** Seeded weights: `kernels` × `channels`·3·3, non-zero with probability `density`; clustered: 16 codes + 0. */
export function randomTensor(seed: number, kernels: number, channels: number, density: number, clustered: boolean): WeightTensor {
  const rng = randomStream(seed, 'test/faults/tensor');
  const shape = { kernels, channels, height: 3, width: 3 };
  const n = kernels * channels * 9;
  const clusters = 17;
  const values = Int32Array.from({ length: n }, () => {
    if (rng.next() >= density) return 0;
    if (clustered) return 1 + rng.int(clusters - 1);
    const v = rng.int(255) - 127; // −127..127
    return v === 0 ? 1 : v;
  });
  if (!clustered) return { shape, valueBits: 8, values };
  const codebook = Int32Array.from({ length: clusters }, (_, c) => (c === 0 ? 0 : c * 7 - 60 || 1));
  return { shape, valueBits: codeBits(clusters), values, codebook };
}

/**
 * A fault model in which no cell ever faults: levels 1,000 sigmas apart at 1, 2 and 3 bits per cell, so every
 * tail probability underflows to exactly 0.
 */
export function idealFaultModel(): FaultModel {
  const levels = (n: number): number[][] => Array.from({ length: n }, (_, i) => [i, 1e-3]);
  return levelsFaultModel({ name: 'ideal', source: 'test: no faults', models: [{ levels: levels(2) }, { levels: levels(4) }, { levels: levels(8) }] }, 'ideal.json', 'gray');
}

const base = { bitsPerCell: {}, defaultBitsPerCell: 3 };

/** One choice of every kind the decoders support. */
export const ALL_CHOICES: StorageChoice[] = [
  { label: 'dense', encoding: 'dense', clustered: false, ...base },
  { label: 'dense clustered ecc', encoding: 'dense', clustered: true, ...base, ecc: { dataBits: 64, streams: ['values', 'codebook'] } },
  { label: 'bitmask nvdla', encoding: 'bitmask', bitmaskLayout: 'nvdla', clustered: true, ...base },
  { label: 'bitmask plain sync', encoding: 'bitmask', bitmaskLayout: 'plain', clustered: false, ...base, idxSync: { interval: 64 } },
  {
    label: 'bitmask nvdla ecc sync',
    encoding: 'bitmask',
    bitmaskLayout: 'nvdla',
    clustered: true,
    ...base,
    idxSync: { interval: 100 },
    ecc: { dataBits: 64, streams: ['codebook', 'mask', 'groupSizes', 'sync'] },
  },
  { label: 'csr', encoding: 'csr', csrIndexBits: 3, clustered: false, ...base },
  { label: 'csr ecc sync', encoding: 'csr', csrIndexBits: 2, clustered: true, ...base, idxSync: { interval: 50 }, ecc: { dataBits: 32, streams: ['values', 'indices', 'pointers', 'sync'] } },
];
