import { describe, expect, it } from 'vitest';
import { encodeLayer } from '../../../src/storage/codec.js';
import { formatOf } from '../../../src/storage/encoded-layer.js';
import { BitReader } from '../../../src/storage/bit-stream.js';
import { kernelRangeStreamBits, layerStorage, networkStorage } from '../../../src/storage/stream-sizes.js';
import { nvdlaCompressedBytes } from '../../../src/storage/nvdla-compressed.js';
import { syntheticLayerWeights, syntheticPattern } from '../../../src/storage/synthetic-weights.js';
import { PatternCache } from '../../../src/storage/pattern-stats.js';
import type { StorageChoice } from '../../../src/storage/types.js';
import type { Trace } from '../../../src/workload/layer.js';
import { choice, convLayer } from './fixtures.js';

const layers = [
  convLayer('a', 64, 64, 3, 3, 0.2), // W = 576
  convLayer('b', 100, 33, 1, 1, 0.05), // odd sizes, long zero runs
  convLayer('c', 17, 3, 7, 7, 0.5, 16), // clustered, 16 codes
  convLayer('d', 40, 256, 1, 1, 1), // dense
  convLayer('e', 8, 9, 1, 1, 0), // all pruned
];
const choices: StorageChoice[] = [
  choice({ encoding: 'dense' }),
  choice({ encoding: 'dense', clustered: true, ecc: { dataBits: 64, streams: ['values', 'codebook'] } }),
  choice({ encoding: 'bitmask', bitmaskLayout: 'plain' }),
  choice({ encoding: 'bitmask', bitmaskLayout: 'nvdla', clustered: true }),
  choice({ encoding: 'bitmask', bitmaskLayout: 'nvdla', idxSync: { interval: 300 }, ecc: { dataBits: 64, streams: ['mask', 'groupSizes', 'sync'] } }),
  choice({ encoding: 'bitmask', bitmaskLayout: 'plain', clustered: true, idxSync: { interval: 64 }, ecc: { dataBits: 16, streams: ['values', 'mask', 'sync', 'codebook'] } }),
  choice({ encoding: 'csr', csrIndexBits: 1 }),
  choice({ encoding: 'csr', csrIndexBits: 4, clustered: true }),
  choice({ encoding: 'csr', csrIndexBits: 3, idxSync: { interval: 100 }, ecc: { dataBits: 32, streams: ['indices', 'pointers', 'sync'] } }),
];

describe('fast sizing = bit length of the real encoders output on the same weights', () => {
  it.each(choices.map((c, i) => [i, c] as const))('choice %i', (_i, c) => {
    for (const layer of layers) {
      const weights = syntheticLayerWeights(layer, 9, { clustered: c.clustered });
      const enc = encodeLayer(weights, formatOf(c, 32));
      const size = layerStorage(layer, c, { seed: 9, atomicK: 32 });
      const fast = Object.fromEntries(size.streams.map((s) => [s.stream, s.bits]));
      const real = Object.fromEntries(Object.entries(enc.streams).map(([k, s]) => [k, s.length]));
      expect(fast, `${layer.name} ${c.encoding}`).toEqual(real);
      expect(size.nonZeros).toBe(Math.round(size.weights * (layer.weights?.density ?? 1)));
    }
  });

  it('counts cells per stream at that stream’s bits per cell', () => {
    const c = choice({ encoding: 'csr', csrIndexBits: 4, bitsPerCell: { values: 3, pointers: 1 }, defaultBitsPerCell: 2 });
    const s = layerStorage(layers[0]!, c);
    for (const st of s.streams) {
      expect(st.bitsPerCell).toBe(st.stream === 'values' ? 3 : st.stream === 'pointers' ? 1 : 2);
      expect(st.cells).toBe(Math.ceil(st.bits / st.bitsPerCell));
    }
  });

  it('metadata ECC on every stream a choice lists adds ceil(bits / k)·(m + 1) per stream', () => {
    const c = choice({ encoding: 'bitmask', bitmaskLayout: 'plain', ecc: { dataBits: 64, streams: ['mask'] } });
    const s = layerStorage(layers[0]!, c);
    // layer a: N = 64·576 = 36 864 mask bits → 576 words of 64 → 576·8 = 4608 check bits
    expect(s.streams.find((x) => x.stream === 'check')?.bits).toBe(4608);
  });
});

describe('kernel ranges', () => {
  const layer = layers[0]!; // 64 kernels
  it('the kernel groups of a layer add up to the layer, stream by stream', () => {
    for (const c of choices) {
      const total = Object.fromEntries(layerStorage(layer, c, { atomicK: 16 }).streams.map((s) => [s.stream, s.bits]));
      const sum: Record<string, number> = {};
      for (let k0 = 0; k0 < 64; k0 += 16) {
        for (const [s, b] of Object.entries(kernelRangeStreamBits(layer, c, k0, k0 + 16, { atomicK: 16 }))) sum[s] = (sum[s] ?? 0) + b;
      }
      expect(sum).toEqual(total);
    }
  });

  it('a range holds exactly the entries the encoder wrote for its kernels', () => {
    const c = choice({ encoding: 'csr', csrIndexBits: 2, idxSync: { interval: 500 } });
    const enc = encodeLayer(syntheticLayerWeights(layer), formatOf(c));
    const ptr = new BitReader(enc.streams.pointers!);
    const counts = Array.from({ length: 64 }, () => ptr.read(enc.pointerBits!));
    const entries = counts.slice(10, 27).reduce((a, b) => a + b, 0);
    const r = kernelRangeStreamBits(layer, c, 10, 27);
    expect(r.values).toBe(entries * 8);
    expect(r.indices).toBe(entries * 2);
    expect(r.pointers).toBe(17 * 10); // ceil(log2(576 + 1)) = 10 bits per kernel
    // sync points at 500·j in weights [10·576, 27·576) = [5760, 15552): j = 12 .. 31 → 20 words
    expect(r.sync).toBe(20 * enc.syncWordBits!);
  });

  it('the NVDLA layout only splits on kernel group boundaries', () => {
    expect(() => kernelRangeStreamBits(layer, choices[3]!, 0, 5, { atomicK: 32 })).toThrow(/group boundary/);
  });
});

describe('nvdlaCompressedBytes', () => {
  const layer = convLayer('n', 70, 64, 3, 3, 0.25); // W = 576, 70 kernels: groups of 32, 32, 6
  const pattern = syntheticPattern(layer);
  const nnzIn = (k0: number, k1: number): number => {
    let c = 0;
    for (let i = k0 * 576; i < k1 * 576; i++) c += (pattern.mask[i >>> 5]! >>> (i & 31)) & 1;
    return c;
  };

  it('stores weights + WMB + WGS, with the surfaces padded to 128 B in the last group', () => {
    const g0 = nvdlaCompressedBytes(layer, 0, 32, 32);
    // group 0: nnz bytes + 32·576/8 = 2304 mask bytes + 4 WGS bytes; CBUF: nnz + 2304
    expect(g0).toEqual({ stored_B: nnzIn(0, 32) + 2304 + 4, cbuf_B: nnzIn(0, 32) + 2304 });
    const all = nvdlaCompressedBytes(layer, 0, 70, 32);
    const pad = (b: number) => Math.ceil(b / 128) * 128;
    // whole layer: pad(nnz) + pad(70·576/8 = 5040) + pad(3 groups · 4 = 12)
    expect(all.stored_B).toBe(pad(pattern.nonZeros) + pad(5040) + pad(12));
    const parts = [nvdlaCompressedBytes(layer, 0, 32, 32), nvdlaCompressedBytes(layer, 32, 64, 32), nvdlaCompressedBytes(layer, 64, 70, 32)];
    expect(parts.reduce((a, p) => a + p.stored_B, 0)).toBe(all.stored_B);
    expect(parts.reduce((a, p) => a + p.cbuf_B, 0)).toBe(pattern.nonZeros + 5040);
  });
});

describe('networkStorage', () => {
  it('sums layers per stream and reports ECC and IdxSync shares of all bits', () => {
    const trace: Trace = { name: 't', description: '', source: 'test', activationBits: 8, layers: layers.slice(0, 3) };
    const c = choices[4]!;
    const cache = new PatternCache();
    const net = networkStorage(trace, c, { patterns: cache });
    const per = trace.layers.map((l) => layerStorage(l, c, { patterns: cache }));
    const bitsOf = (s: string) => per.reduce((a, l) => a + (l.streams.find((x) => x.stream === s)?.bits ?? 0), 0);
    expect(net.totals.mask?.bits).toBe(bitsOf('mask'));
    expect(net.totalBits).toBe(['values', 'mask', 'groupSizes', 'sync', 'check'].reduce((a, s) => a + bitsOf(s), 0));
    expect(net.eccOverhead_pct).toBeCloseTo((100 * bitsOf('check')) / net.totalBits, 12);
    expect(net.idxSyncOverhead_pct).toBeCloseTo((100 * bitsOf('sync')) / net.totalBits, 12);
    expect(net.denseSlcCells).toBe(net.weights * 8);
    expect(Object.keys(net.totals)).toEqual(['values', 'mask', 'groupSizes', 'sync', 'check']);
  });

  it('skips layers without weights and refuses to size one directly', () => {
    const pool = { ...layers[0]!, name: 'pool', op: 'pool' as const, weights: undefined };
    const trace: Trace = { name: 't', description: '', source: 'test', activationBits: 8, layers: [layers[0]!, pool] };
    expect(networkStorage(trace, choices[0]!).layers.map((l) => l.layer)).toEqual(['a']);
    expect(() => layerStorage(pool, choices[0]!)).toThrow(/no weights/);
  });
});
