import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/event-queue.js';
import { NvdlaCore } from '../../../src/hw/nvdla/core.js';
import type { LayerResult } from '../../../src/hw/nvdla/layer-result.js';
import { MemoryWeightSource } from '../../../src/hw/nvdla/weight-source.js';
import { FixedMemory } from '../../../src/hw/port.js';
import { conv, idealParams, RecordingMemory, runLayer } from './helpers.js';

describe('NVDLA convolution with memory', () => {
  it('a small CBUF forces row-split mode; the released compiler re-fetches R − stride overlap rows per boundary', () => {
    // CBUF: 4 banks × 64 entries × 64 B (4 KiB banks), no compression bank.
    // Input 16×16×64: 16 entries per row, 256 entries = 4 banks; weights 8·64·9 = 4608 B = 2 banks.
    // Full input needs 4 + 2 > 4 banks → row split; weights keep 2 banks, data gets 2 banks = 128 entries = 8 rows.
    // Chunks (3×3, pad 1): outputs [0,7) read rows [0,8); [7,13) read [6,14); [13,16) read [12,16).
    // Rows fetched 8 + 8 + 4 = 20, 4 of them twice (2 boundaries × (3 − 1) rows): 4·16·64 = 4096 B re-fetched.
    const p = idealParams('nv_full', { software: 'nvdla-sw', cbufBanks: 4, cbufBankDepth: 64, weightCompression: false, winograd: false });
    const layer = conv({ H: 16, W: 16, C: 64, K: 8, R: 3, pad: 1 });
    const { result } = runLayer(p, layer);
    expect(result.cbufMode).toBe('row-split');
    expect(result.featureRead_B).toBe(20 * 16 * 64);
    expect(result.refetchedFeature_B).toBe(4096);
    expect(result.weightFetched_B).toBe(4608); // weights fit beside the data: fetched once
    // Stripes are cut per chunk (each chunk is its own hardware layer). S = 9, k = 8:
    // chunk 0: 7·16 = 112 positions → 4 stripes of 28: c = 252, d = 14;
    // chunk 1: 96 → 3 × 32: c = 288, d = 16; chunk 2: 48 → 2 × 24: c = 216, d = 12.
    // 16 + 4·252 + 3·288 + 2·216 + 12 = 2332 cycles.
    expect(result.cycles).toBe(2332);
    // The hardware's data reuse keeps the overlap rows in CBUF: each input row is fetched once.
    const reuse = runLayer({ ...p, software: 'hardware-limit' }, layer).result;
    expect(reuse.featureRead_B).toBe(16 * 16 * 64);
    expect(reuse.refetchedFeature_B).toBe(0);
  });

  it('row-split chunks are fetched when the previous chunk is done, each streamed in pieces', () => {
    const p = idealParams('nv_full', { software: 'nvdla-sw', cbufBanks: 4, cbufBankDepth: 64, weightCompression: false, winograd: false });
    const mem = new RecordingMemory('rec', Infinity, 0);
    runLayer(p, conv({ H: 16, W: 16, C: 64, K: 8, R: 3, pad: 1 }), mem);
    const inputs = mem.log.filter((t) => t.traffic === 'features');
    // Chunk 1 is requested at the end of chunk 0's compute (16 + 4·252 = 1024 cycles), chunk 2 after chunk 1's.
    const at = (t: number): number => inputs.filter((x) => x.t === t).reduce((s, x) => s + x.bytes, 0);
    expect([...new Set(inputs.map((t) => t.t))]).toEqual([0, 1024_000, (1024 + 3 * 288) * 1000]);
    expect([at(0), at(1024_000), at((1024 + 3 * 288) * 1000)]).toEqual([8 * 1024, 8 * 1024, 4 * 1024]);
    // Chunk 0 (7 output rows) streams in one fetch per output row that needs new input rows: 7 pieces.
    expect(inputs.filter((x) => x.t === 0).length).toBe(7);
  });

  it('slow memory makes a layer memory-bound; fast memory leaves it compute-bound', () => {
    // 1×1 conv, C = 64, K = 32, 4×4: input 1024 B, weights 2048 B, outputs 512 B; compute alone 64 cycles.
    const layer = conv({ H: 4, W: 4, C: 64, K: 32 });
    // 1 GB/s = 1 byte per cycle, no latency. All 3584 bytes cross the memory one after another, the last output
    // write ending at cycle 1024 + 2048 + 512 = 3584, well after the 64 compute cycles.
    const slow = runLayer(idealParams(), layer, new FixedMemory('slow', 1, 0)).result;
    expect(slow.cycles).toBe(3584);
    expect(slow.computeCycles).toBe(64);
    expect(slow.bound).toBe('memory');
    // 1000 GB/s = 1 byte per ps: the first input row (256 B) and the weights (2048 B, interleaved after it) are
    // in by 2304 ps → cycle 3; then 16 + 16 + 32 = 64 cycles of compute: 67 cycles, the 3-cycle prologue only.
    const fast = runLayer(idealParams(), layer, new FixedMemory('fast', 1000, 0)).result;
    expect(fast.cycles).toBe(67);
    expect(fast.prologueCycles).toBe(3);
    expect(fast.bound).toBe('compute');
  });

  it('the memory interface width caps bandwidth (nv_small: 8 B per cycle)', () => {
    // nv_small 1×1, C = 8, K = 8, 4×4: input 128 B, weights 64 B, outputs 128 B. With an ideal memory the
    // 8 B/cycle read channel needs 16 cycles for the input and 8 for the weights; the first input row (32 B, 4
    // cycles) then the weights (8 cycles): ready at 12, compute 16 + 16 = 32 → 44, drain 128 → 172 cycles.
    const p = { ...idealParams('nv_small'), memifWidth_B: 8 };
    const { result } = runLayer(p, conv({ H: 4, W: 4, C: 8, K: 8 }));
    expect(result.cycles).toBe(172);
    expect(result.computeCycles).toBe(160);
  });

  it('full input with partial weights: at least two kernel groups resident, the next fetched while one computes', () => {
    // 11 banks of 64 entries × 64 B (4 KiB). Input 8×8×64: 8 entries per row, 64 entries → 1 bank. Weights
    // 32·64·9 = 18432 B per group (4.5 banks), 4 groups = 18 banks: they do not fit; the 10 free banks
    // (40960 B) hold floor(40960 / 18432) = 2 groups (ping-pong).
    const p = idealParams('nv_full', { cbufBanks: 11, cbufBankDepth: 64, weightCompression: false, winograd: false });
    const mem = new RecordingMemory('rec', Infinity, 0);
    const { result } = runLayer(p, conv({ H: 8, W: 8, C: 64, K: 128, R: 3, pad: 1 }), mem);
    expect(result.cbufMode).toBe('full-input-partial-weights');
    const weights = mem.log.filter((t) => t.traffic === 'weights');
    // Groups 0 and 1 at start; group 2 when group 0 ends, group 3 when group 1 ends.
    // Per group: S = 9, 64 positions → 2 stripes of 32, c = 288 each: group g ends at 16 + 576·(g + 1).
    expect(weights.map((t) => t.t / 1000)).toEqual([0, 0, 16 + 576, 16 + 2 * 576]);
    // Weights ready on time (ideal memory): 16 + 4·576 + 64 = 2384 cycles.
    expect(result.cycles).toBe(2384);
  });

  it('with weight compression CBUF holds the compressed weights the source reports', () => {
    // Same layer and CBUF as the partial-weights case, plus a bank (12 banks): dense groups (18432 B, all 12 banks
    // usable: dense weights reserve no mask bank) leave it in partial-weights mode; at a quarter of the size, held
    // compressed (11 banks usable; 4608 B per group, 18432 B for all four = 4.5 → 5 banks) everything fits beside
    // the 1-bank input.
    const layer = conv({ H: 8, W: 8, C: 64, K: 128, R: 3, pad: 1 });
    const run = (quarter: boolean): LayerResult => {
      const sim = new Simulator();
      const p = idealParams('nv_full', { cbufBanks: 12, cbufBankDepth: 64, weightCompression: true, winograd: false });
      const core = new NvdlaCore(p, sim);
      const mem = new FixedMemory('ideal', Infinity, 0);
      const perKernel = 64 * 9;
      const weights = new MemoryWeightSource(mem, [layer], 0, (_l, k0, k1) => ({
        stored_B: (k1 - k0) * perKernel,
        cbuf_B: ((k1 - k0) * perKernel) / (quarter ? 4 : 1),
      }));
      let out: LayerResult | undefined;
      core.runLayer(layer, 0, { weights, features: mem, addressOf: () => 0 }, (r) => (out = r));
      sim.run();
      return out!;
    };
    expect(run(false).cbufMode).toBe('full-input-partial-weights');
    const compressed = run(true);
    expect(compressed.cbufMode).toBe('full-input-full-weights');
    // CSC reads the compressed weights: weight atoms cost a quarter (energy), feature atoms unchanged.
    expect(compressed.energy_J.cbuf_read!).toBeLessThan(run(false).energy_J.cbuf_read!);
  });
});
