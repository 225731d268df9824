import { describe, expect, it } from 'vitest';
import { defaultsOf } from '../../../src/engine/spec.js';
import { weightPathSpec } from '../../../src/hw/weightpath/spec.js';
import type { LayerStorage } from '../../../src/storage/types.js';
import { pathParams, roundArray, source } from './helpers.js';

// A dense layer of 4096 int8 weights, 64 kernels, one 32,768-bit value stream at 1 bit per cell.
const dense: LayerStorage = {
  layer: 'dense',
  weights: 4096,
  nonZeros: 4096,
  streams: [{ stream: 'values', bits: 32_768, bitsPerCell: 1, cells: 32_768 }],
};

describe('delivery time is set by the slowest of eNVM bandwidth and decode throughput', () => {
  // eNVM: 32,768 bits = 512 words of 64 bits over 8 banks = 64 accesses per bank × 1 ns = 64,000 ps;
  // first word out at 1,000 ps.
  const envmDone = 64_000;

  it('decode-bound: 1 weight per cycle', () => {
    const ws = source(roundArray(), [dense], [64], pathParams({ decodeWeightsPerCycle: 1 }));
    // decode: max(64,000, 1,000 + 4096 cycles × 1000 ps) + 3 cycles = 4,097,000 + 3,000
    const done = ws.fetchKernels(0, 0, 64, 0);
    expect(done).toBe(4_100_000);
    expect(done).toBeGreaterThanOrEqual(Math.max(envmDone, 4096 * 1000));
  });

  it('eNVM-bound: 1024 weights per cycle', () => {
    const ws = source(roundArray(), [dense], [64], pathParams({ decodeWeightsPerCycle: 1024 }));
    // decode: max(64,000, 1,000 + 4 cycles) + 3 cycles = 67,000
    const done = ws.fetchKernels(0, 0, 64, 0);
    expect(done).toBe(67_000);
    expect(done).toBeGreaterThanOrEqual(Math.max(envmDone, 4 * 1000));
  });

  it('eNVM-bound at MLC: fewer banks, slower reads', () => {
    // Same 32,768 bits at 2 bits per cell on 1 bank: 128-bit words, 256 accesses × 1 ns.
    const mlc: LayerStorage = { ...dense, streams: [{ stream: 'values', bits: 32_768, bitsPerCell: 2, cells: 16_384 }] };
    const ws = source(roundArray({ banks: 1 }), [mlc], [64], pathParams({ decodeWeightsPerCycle: 1024 }));
    expect(ws.fetchKernels(0, 0, 64, 0)).toBe(256_000 + 3_000);
  });
});

describe('a fetch through ECC, IdxSync and the sparse decoder, by hand', () => {
  // 1024 weights, 256 non-zero, 16 kernels, 4-bit clustered values.
  // values 256 × 4 = 1024 bits at 2 bits/cell; mask 1024 bits; sync: ceil(1024/64) − 1 = 15 words × 16 bits = 240;
  // check: 32 codewords × 8 = 256 bits; codebook 16 × 8 = 128 bits; all but values at 1 bit/cell.
  const layer: LayerStorage = {
    layer: 'sparse',
    weights: 1024,
    nonZeros: 256,
    streams: [
      { stream: 'values', bits: 1024, bitsPerCell: 2, cells: 512 },
      { stream: 'mask', bits: 1024, bitsPerCell: 1, cells: 1024 },
      { stream: 'sync', bits: 240, bitsPerCell: 1, cells: 240 },
      { stream: 'check', bits: 256, bitsPerCell: 1, cells: 256 },
      { stream: 'codebook', bits: 128, bitsPerCell: 1, cells: 128 },
    ],
  };
  const make = () =>
    source(roundArray(), [layer], [16], pathParams(), { ecc: { dataBits: 64, streams: ['values', 'mask'] }, idxSync: { interval: 64 } });

  it('delivers kernels [0, 8) at the hand-computed time', () => {
    // Layout (1 bit/cell, 64-bit words): mask words 0–15, sync 16–19, check 20–23, codebook 24–25;
    // (2 bits/cell, 128-bit words): values words 0–7. Half the kernels: half of each stream, all the codebook.
    //  values  512 bits: words 0–3 (2-bit sub-array), banks 0–3        -> 1,000 ps
    //  mask    512 bits: words 0–7, banks 0–7                           -> 1,000
    //  sync    120 bits: words 16–17, banks 0–1, wait for the mask      -> 2,000
    //  check   128 bits: words 20–21, banks 4–5, wait for the mask      -> 2,000
    //  codebook 128 bits: words 24–25, banks 0–1, wait for the sync     -> 3,000
    // ECC in: values, mask, check: first 1,000, last 2,000; 8 + 8 = 16 codewords / 8 decoders = 2 cycles:
    //   out last = max(2,000, 1,000 + 2,000) + 2 cycles = 5,000; out first = 3,000.
    // Decoder in: first min(3,000, sync 2,000) = 2,000, last max(5,000, 3,000) = 5,000;
    //   512 weights / 64 per cycle = 8 cycles: max(5,000, 2,000 + 8,000) + 3 cycles = 13,000.
    const ws = make();
    expect(ws.fetchKernels(0, 0, 8, 0)).toBe(13_000);
    expect(ws.bytesFetched).toBe(175); // (512 + 512 + 120 + 128 + 128) / 8
    expect(ws.cbufBytes(0, 0, 8)).toBe(512);
  });

  it('charges the energy of each unit, by hand', () => {
    const ws = make();
    ws.fetchKernels(0, 0, 8, 0);
    const e = ws.energy_J();
    expect(e.envm_read).toBeCloseTo(18 * 10e-12, 20); // 4 + 8 + 2 + 2 + 2 accesses × 10 pJ = 180 pJ
    expect(e.decode).toBeCloseTo(512 * 0.03e-12, 20); // 512 weights × 0.03 pJ = 15.36 pJ
    expect(e.ecc).toBeCloseTo(16 * 0.2e-12, 20); // 16 codewords × 0.2 pJ = 3.2 pJ
    // 15 sync points (none at weight 0: src/storage/idxsync.ts); kernels [0, 8): floor(15 · 8/16) = 7 × 0.1 pJ
    expect(e.idxsync).toBeCloseTo(7 * 0.1e-12, 20);
    expect(e.envm_leakage).toBe(0);
    // Leakage through the array: 2 sub-arrays × 8 banks of 125,000 cells, below the one override point (1 mW at
    // 8,388,608 cells): periphery floor 0.125 mW + 0.875 mW × 125,000 / 8,388,608 = 0.138039 mW per bank;
    // × 16 banks = 2.208616 mW; over 1 µs: 2.208616e-9 J.
    ws.advanceTo(1_000_000);
    expect(ws.energy_J().envm_leakage).toBeCloseTo(16 * (0.125 + (0.875 * 125_000) / 8_388_608) * 1e-3 * 1e-6, 18);
    expect(ws.energy_J().envm_leakage).toBeCloseTo(2.208616e-9, 14);
  });

  it('the units in use set the area', () => {
    const p = defaultsOf<ReturnType<typeof pathParams>>(weightPathSpec);
    // 0.02 decode + 8 × 0.0002 ECC + 0.00003 IdxSync = 0.02163 mm²
    expect(make().area_mm2()).toBeCloseTo(p.decodeArea_mm2 + 8 * p.eccDecoderArea_mm2 + p.idxSyncArea_mm2, 12);
    expect(make().area_mm2()).toBeCloseTo(0.02163, 12);
    expect(source(roundArray(), [layer], [16], pathParams()).area_mm2()).toBeCloseTo(0.02, 12);
  });

  it('NVDLA-compressed CBUF: values, mask and group sizes, each padded to 128 B', () => {
    const ws = source(roundArray(), [layer], [16], pathParams({ cbufFormat: 'nvdla-compressed' }), undefined, 8);
    // kernels [0, 16): 256 values -> 256 B; 1024 mask bits -> 128 B; 2 groups × 4 B -> 128 B
    expect(ws.cbufBytes(0, 0, 16)).toBe(512);
    // kernels [0, 3): 48 values -> 128; 192 mask bits = 24 B -> 128; 1 group -> 128
    expect(ws.cbufBytes(0, 0, 3)).toBe(384);
  });

  it('rejects kernel ranges outside the layer and layers without weights', () => {
    const ws = make();
    expect(() => ws.fetchKernels(0, 8, 17, 0)).toThrow(/not inside/);
    expect(() => ws.fetchKernels(0, 4, 4, 0)).toThrow(/not inside/);
    expect(() => ws.fetchKernels(1, 0, 1, 0)).toThrow(/no weight storage/);
  });
});
