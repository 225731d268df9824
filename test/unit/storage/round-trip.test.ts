import { describe, expect, it } from 'vitest';
import { randomStream } from '../../../src/engine/random.js';
import { decodeLayer, encodeLayer } from '../../../src/storage/codec.js';
import type { EncodingFormat } from '../../../src/storage/encoded-layer.js';
import type { StreamName } from '../../../src/storage/types.js';
import { differences, randomTensor } from './fixtures.js';

/**
 * Seeded property: every encoding, layout, index width, sync interval and ECC word decodes back to exactly the
 * weights it encoded, over many shapes, densities and cluster counts.
 */
const shapes = [
  { kernels: 1, channels: 1, height: 1, width: 1 },
  { kernels: 3, channels: 3, height: 3, width: 3 },
  { kernels: 33, channels: 70, height: 1, width: 1 },
  { kernels: 64, channels: 16, height: 3, width: 3 },
  { kernels: 10, channels: 130, height: 1, width: 2 },
  { kernels: 40, channels: 5, height: 7, width: 7 },
];
const densities = [0, 0.01, 0.1, 0.3, 0.7, 1];
const clusterCounts = [undefined, 2, 4, 16, 256];

function randomFormat(rng: ReturnType<typeof randomStream>, clustered: boolean): EncodingFormat {
  const encoding = (['dense', 'bitmask', 'csr'] as const)[rng.int(3)]!;
  const f: EncodingFormat = { encoding, atomicK: [1, 8, 32][rng.int(3)]! };
  if (encoding === 'bitmask') f.bitmaskLayout = rng.int(2) === 0 ? 'nvdla' : 'plain';
  if (encoding === 'csr') f.csrIndexBits = 1 + rng.int(8);
  if (encoding !== 'dense' && rng.int(2) === 0) f.syncInterval = [1, 7, 64, 1000][rng.int(4)]!;
  if (rng.int(2) === 0) {
    const candidates: StreamName[] = ['values', 'mask', 'groupSizes', 'indices', 'pointers', 'sync'];
    if (clustered) candidates.push('codebook');
    f.ecc = { dataBits: [4, 16, 32, 64, 100][rng.int(5)]!, streams: candidates.filter(() => rng.int(2) === 0) };
  }
  return f;
}

describe('round trips', () => {
  it('decode(encode(w)) = w for 400 random tensors and formats', () => {
    const rng = randomStream(2024, 'storage/round-trip');
    for (let trial = 0; trial < 400; trial++) {
      const shape = shapes[rng.int(shapes.length)]!;
      const density = densities[rng.int(densities.length)]!;
      const clusters = clusterCounts[rng.int(clusterCounts.length)];
      const t = randomTensor(rng, shape, density, clusters);
      const f = randomFormat(rng, clusters !== undefined);
      const enc = encodeLayer(t, f);
      const dec = decodeLayer(enc);
      const diff = differences(dec.values, t.values);
      if (diff.length > 0) throw new Error(`trial ${trial}: ${JSON.stringify({ shape, density, clusters, f })} differs at ${diff.slice(0, 5).join(',')}`);
      if (t.codebook !== undefined) expect(dec.codebook).toEqual(t.codebook);
      if (f.ecc !== undefined) expect(dec.ecc?.corrected).toBe(0);
    }
  });

  it('rejects tensors whose values do not fit the declared form', () => {
    const shape = { kernels: 1, channels: 2, height: 1, width: 1 };
    expect(() => encodeLayer({ shape, valueBits: 8, values: Int32Array.of(0, 128) }, { encoding: 'dense', atomicK: 32 })).toThrow(/outside/);
    expect(() =>
      encodeLayer({ shape, valueBits: 2, values: Int32Array.of(0, 4), codebook: Int32Array.of(0, 1, 2, 3) }, { encoding: 'dense', atomicK: 32 }),
    ).toThrow(/outside/);
    expect(() =>
      encodeLayer({ shape, valueBits: 2, values: Int32Array.of(0, 1), codebook: Int32Array.of(5, 1, 2, 3) }, { encoding: 'dense', atomicK: 32 }),
    ).toThrow(/codebook\[0\]/);
  });
});
