import { describe, expect, it } from 'vitest';
import { encodeLayer, decodeLayer } from '../../../src/storage/codec.js';
import type { EncodingFormat } from '../../../src/storage/encoded-layer.js';
import { BitReader } from '../../../src/storage/bit-stream.js';
import type { WeightTensor } from '../../../src/storage/weight-tensor.js';
import { nvdlaStorageOrder } from '../../../src/storage/nvdla-order.js';

/**
 * Bit counts of every encoding on a small hand-worked tensor: K = 2 kernels of 1×1×8 weights (W = 8, N = 16).
 *   kernel 0: [0, 5, 0, 0, −3, 0, 0, 0]   non-zeros at 1 and 4
 *   kernel 1: [0, 0, 0, 0, 0, 0, 0, 7]    one non-zero at 7, after a run of 7 zeros
 * nnz = 3, b = 8.
 */
const values = Int32Array.from([0, 5, 0, 0, -3, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 7]);
const tensor: WeightTensor = { shape: { kernels: 2, channels: 8, height: 1, width: 1 }, valueBits: 8, values };
const fmt = (f: Partial<EncodingFormat> & Pick<EncodingFormat, 'encoding'>): EncodingFormat => ({ atomicK: 32, ...f });

function sizes(f: EncodingFormat): Record<string, number> {
  const enc = encodeLayer(tensor, f);
  expect(decodeLayer(enc).values).toEqual(values);
  return Object.fromEntries(Object.entries(enc.streams).map(([k, s]) => [k, s.length]));
}

describe('hand-computed stream sizes', () => {
  it('dense: N·b = 16·8 = 128', () => {
    expect(sizes(fmt({ encoding: 'dense' }))).toEqual({ values: 128 });
  });

  it('bitmask plain: mask N = 16, values nnz·b = 3·8 = 24', () => {
    expect(sizes(fmt({ encoding: 'bitmask', bitmaskLayout: 'plain' }))).toEqual({ mask: 16, values: 24 });
  });

  it('bitmask nvdla: each surface padded to 128 B = 1024 bits (mask 16, values 24, one 32-bit WGS)', () => {
    const enc = encodeLayer(tensor, fmt({ encoding: 'bitmask', bitmaskLayout: 'nvdla' }));
    expect(enc.streams.mask?.length).toBe(1024);
    expect(enc.streams.values?.length).toBe(1024);
    expect(enc.streams.groupSizes?.length).toBe(1024);
    // One kernel group (2 kernels < atomicK 32) with 3 non-zeros: WGS = 3 (bytes of int8 weights).
    expect(enc.streams.groupSizes?.readBits(0, 32)).toBe(3);
    // With atomicK = 1 there are two groups: WGS 2 and 1.
    const two = encodeLayer(tensor, fmt({ encoding: 'bitmask', bitmaskLayout: 'nvdla', atomicK: 1 }));
    expect([two.streams.groupSizes?.readBits(0, 32), two.streams.groupSizes?.readBits(32, 32)]).toEqual([2, 1]);
    expect(decodeLayer(two).values).toEqual(values);
  });

  it('csr r = 2: kernel 1 needs one filler (7 zeros > 2^2 − 1 = 3): E = 4 entries', () => {
    // values 4·8 = 32, indices 4·2 = 8, pointers 2 kernels · ceil(log2(8 + 1)) = 2·4 = 8
    const enc = encodeLayer(tensor, fmt({ encoding: 'csr', csrIndexBits: 2 }));
    expect(Object.fromEntries(Object.entries(enc.streams).map(([k, s]) => [k, s.length]))).toEqual({ values: 32, indices: 8, pointers: 8 });
    const idx = new BitReader(enc.streams.indices!);
    // kernel 0: 5 after 1 zero, −3 after 2 zeros; kernel 1: filler after 3 zeros (at position 3), 7 after 3 more.
    expect([0, 1, 2, 3].map(() => idx.read(2))).toEqual([1, 2, 3, 3]);
    const ptr = new BitReader(enc.streams.pointers!);
    expect([ptr.read(4), ptr.read(4)]).toEqual([2, 2]);
    expect(decodeLayer(enc).values).toEqual(values);
  });

  it('csr r = 3: a run of 7 zeros fits 2^3 − 1, no filler: E = 3', () => {
    // values 3·8 = 24, indices 3·3 = 9, pointers 8
    expect(sizes(fmt({ encoding: 'csr', csrIndexBits: 3 }))).toEqual({ values: 24, indices: 9, pointers: 8 });
  });

  it('clustered dense: 4 clusters → b = 2: values 16·2 = 32, codebook 4·8 = 32', () => {
    const codes = Int32Array.from(values, (v) => (v === 0 ? 0 : v === 5 ? 1 : v === -3 ? 2 : 3));
    const t: WeightTensor = { ...tensor, valueBits: 2, values: codes, codebook: Int32Array.of(0, 40, -30, 70) };
    const enc = encodeLayer(t, fmt({ encoding: 'dense' }));
    expect([enc.streams.values?.length, enc.streams.codebook?.length]).toEqual([32, 32]);
    const dec = decodeLayer(enc);
    expect(dec.values).toEqual(codes);
    expect(dec.codebook).toEqual(Int32Array.of(0, 40, -30, 70));
    // Bitmask plain with codes: mask 16 + values 3·2 = 6.
    const bm = encodeLayer(t, fmt({ encoding: 'bitmask', bitmaskLayout: 'plain' }));
    expect([bm.streams.mask?.length, bm.streams.values?.length]).toEqual([16, 6]);
  });

  it('IdxSync S = 5 on the bitmask: sync points 5, 10, 15; words of ceil(log2(3 + 1)) = 2 bits holding [2, 2, 2]', () => {
    // Non-zeros before position 5: at 1 and 4 → 2; before 10 and 15: still 2 (kernel 1's only one is at 15).
    const enc = encodeLayer(tensor, fmt({ encoding: 'bitmask', bitmaskLayout: 'plain', syncInterval: 5 }));
    expect(enc.syncWordBits).toBe(2);
    expect(enc.streams.sync?.length).toBe(6);
    const r = new BitReader(enc.streams.sync!);
    expect([r.read(2), r.read(2), r.read(2)]).toEqual([2, 2, 2]);
    expect(decodeLayer(enc).values).toEqual(values);
  });

  it('IdxSync S = 5 on CSR r = 2 restarts the relative index at 15, so the 7 at 15 needs no filler: E = 3', () => {
    // Row 1 (positions 8..15): restarts at 10 (row pos 2) and 15 (row pos 7); 7 at row pos 7 has gap 0.
    // values 3·8 = 24, indices 3·2 = 6, pointers 8, sync 3 words · 2 bits = 6.
    const enc = encodeLayer(tensor, fmt({ encoding: 'csr', csrIndexBits: 2, syncInterval: 5 }));
    expect(Object.fromEntries(Object.entries(enc.streams).map(([k, s]) => [k, s.length]))).toEqual({ values: 24, indices: 6, pointers: 8, sync: 6 });
    expect(decodeLayer(enc).values).toEqual(values);
  });

  it('ECC (22,16) on mask and values: 1 + ceil(24/16) = 3 words · 6 check bits = 18', () => {
    const enc = encodeLayer(tensor, fmt({ encoding: 'bitmask', bitmaskLayout: 'plain', ecc: { dataBits: 16, streams: ['mask', 'values'] } }));
    expect(enc.streams.check?.length).toBe(18);
    expect(decodeLayer(enc).ecc).toEqual({ words: 3, corrected: 0, detected: 0 });
  });
});

describe('NVDLA storage order', () => {
  it('scans a group C′ (64 channels) → K → S → R → C and keeps groups contiguous', () => {
    // 3 kernels, 130 channels (cubes of 64, 64, 2), 1×2 kernel, atomicK 2: groups {0,1} and {2}.
    const shape = { kernels: 3, channels: 130, height: 1, width: 2 };
    const order = nvdlaStorageOrder(shape, 2);
    const w = 130 * 2;
    // First element: kernel 0, channel 0, s 0 → index 0. Element 64: kernel 1, channel 0, s 0 → w.
    expect([order[0], order[1], order[64]]).toEqual([0, 2, w]);
    // After both kernels' s = 0 cubes (128 elements) comes s = 1 of kernel 0: index 1.
    expect(order[128]).toBe(1);
    // Group 0 holds 2·w positions, all of kernels 0 and 1; group 1 starts at 2·w with kernel 2.
    const g0 = Array.from(order.subarray(0, 2 * w)).sort((a, b) => a - b);
    expect(g0).toEqual(Array.from({ length: 2 * w }, (_, i) => i));
    expect(order[2 * w]).toBe(2 * w);
  });
});
