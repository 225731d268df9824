import { describe, expect, it } from 'vitest';
import { nsToPs } from '../../../src/engine/time.js';
import { pooledRowsDone } from '../../../src/hw/nvdla/conv-output.js';
import { add, conv, idealParams, pooling, RecordingMemory, runLayers } from './helpers.js';

// A residual with the network input: c = conv(input) 1×1, 4×4×64 → 4×4×64; s = input + c.
// Input 1024 B, weights 64·64 = 4096 B, output 1024 B; the add's operand `input` is 1024 B.
const c = conv({ name: 'c', inputs: ['input'], H: 4, W: 4, C: 64, K: 64 });
const s = add('s', ['input', 'c'], c);

describe('convolution with a fused element-wise add', () => {
  it('reads the other operand and writes the sum once: 2048 fewer bytes and cycles at 1 B per cycle', () => {
    // 1 GB/s, no latency = 1 byte per core cycle; every transfer waits for the ones before it, and compute
    // (a few dozen cycles) hides under them, so a layer takes as many cycles as the bytes it moves.
    const mem = () => new RecordingMemory('slow', 1, 0);
    const unfused = runLayers(idealParams('nv_full', { fuseEltwise: false }), [c, s], mem());
    // Unfused: conv reads 1024 + 4096, writes 1024 → 6144 cycles; the add reads c and input (1024 + 1024) and
    // writes 1024 → 3072 cycles; 9216 in all.
    expect(unfused.results.map((r) => r.cycles)).toEqual([6144, 3072]);
    expect(unfused.sim.now).toBe(nsToPs(9216));
    const fusedMem = mem();
    const fused = runLayers(idealParams(), [c, s], fusedMem);
    // Fused: one hardware layer reads 1024 + 4096 + 1024 (operand) and writes 1024 → 7168 cycles: the 1024 B
    // write of c and its 1024 B read back are gone.
    expect(fused.results).toHaveLength(1);
    const r = fused.results[0]!;
    expect([r.name, r.fusedLayers, r.cycles, r.bound]).toEqual(['c', ['s'], 7168, 'memory']);
    expect(fused.sim.now).toBe(nsToPs(7168));
    expect(fusedMem.bytesRead).toBe(1024 + 4096 + 1024);
    expect(fusedMem.bytesWritten).toBe(1024);
    expect([r.featureRead_B, r.outputWritten_B, r.weightFetched_B]).toEqual([2048, 1024, 4096]);
  });

  it('SDP reads the operand step by step at the output rate, each read just before the step\'s write, into s', () => {
    const mem = new RecordingMemory('rec', Infinity, 0);
    const { addressOf } = runLayers(idealParams(), [c, s], mem);
    const out = mem.log.filter((t) => t.traffic === 'eltwise' || t.op === 'write');
    // Steps: kernel group 0 in 4 one-row chunks (32 kernels × 4 positions = 128 B), then group 1 whole (512 B).
    expect(out.map((t) => [t.op, t.bytes])).toEqual([128, 128, 128, 128, 512].flatMap((b) => [['read', b], ['write', b]]));
    const base = (t: string): number => addressOf(t);
    for (const t of out) expect(t.address - base(t.op === 'read' ? 'input' : 's')).toBeLessThan(1024);
    expect(mem.log.some((t) => t.op === 'write' && t.address === base('c'))).toBe(false);
  });

  it('with an ideal memory the add costs no cycles: SDP adds at its own rate', () => {
    const alone = runLayers(idealParams(), [c]).results[0]!;
    const fused = runLayers(idealParams(), [c, s]).results[0]!;
    expect(fused.cycles).toBe(alone.cycles);
  });

  it('SDP energy includes the add: conv outputs plus add outputs, as when run apart', () => {
    const prices = { sdpEnergy_pJ_per_element: 1, pdpEnergy_pJ_per_element: 1 };
    const fused = runLayers(idealParams('nv_full', prices), [c, s]).results[0]!;
    // 1024 conv outputs + 1024 sums at 1 pJ each.
    expect(fused.energy_J.sdp).toBeCloseTo(2048e-12, 20);
    const apart = runLayers(idealParams('nv_full', { ...prices, fuseEltwise: false }), [c, s]).results;
    expect(apart[0]!.energy_J.sdp! + apart[1]!.energy_J.sdp!).toBeCloseTo(fused.energy_J.sdp!, 20);
  });
});

describe('convolution with pooling on the fly', () => {
  // c8 = conv(input) 1×1, 8×8×64 → 8×8×32 (2048 B), weights 2048 B, input 4096 B; p = 2×2 stride 2 → 4×4×32 (512 B).
  const c8 = conv({ name: 'c8', inputs: ['input'], H: 8, W: 8, C: 64, K: 32 });
  const p = pooling('p', c8, 2, 2);

  it('PDP writes only the pooled output: 10752 → 6656 cycles at 1 B per cycle', () => {
    // Unfused: conv 4096 + 2048 + 2048 = 8192 cycles; pool reads 2048 and writes 512 = 2560 (PDP alone: 2048 / 8
    // = 256 cycles); 10752 in all. Fused: 4096 + 2048 + 512 = 6656.
    const unfused = runLayers(idealParams('nv_full', { fusePooling: false }), [c8, p], new RecordingMemory('m', 1, 0));
    expect(unfused.results.map((r) => r.cycles)).toEqual([8192, 2560]);
    const mem = new RecordingMemory('m', 1, 0);
    const fused = runLayers(idealParams(), [c8, p], mem).results;
    expect(fused.map((r) => [r.fusedLayers, r.cycles, r.outputWritten_B, r.featureRead_B])).toEqual([[['p'], 6656, 512, 4096]]);
    // Pooled rows complete after conv rows 2, 4, 6, 8: four writes of 1 row × 4 × 32 = 128 B.
    expect(mem.log.filter((t) => t.op === 'write').map((t) => t.bytes)).toEqual([128, 128, 128, 128]);
    expect(mem.bytesWritten).toBe(512);
  });

  it('the drain runs at PDP\'s rate: 8 elements per cycle on nv_full instead of 16', () => {
    // 1×1, 4×4×64 → 4×4×32 with an ideal memory: weight load 16 + one stripe of 16 + drain 32·16/16 = 32 → 64
    // cycles alone; drained through PDP at 8 per cycle the drain is 64 → 96 cycles.
    const c4 = conv({ name: 'c4', inputs: ['input'], H: 4, W: 4, C: 64, K: 32 });
    expect(runLayers(idealParams(), [c4]).results[0]!.cycles).toBe(64);
    expect(runLayers(idealParams(), [c4, pooling('p4', c4, 2, 2)]).results[0]!.cycles).toBe(96);
  });

  it('pooled rows complete when their window\'s last input row has arrived', () => {
    // ResNet pool1: 112 rows, 3×3, stride 2, pad 1 → 56. Row r reads input rows 2r − 1 … 2r + 1.
    const pool1 = pooling('pool1', conv({ H: 112, W: 112, C: 64, K: 64 }), 3, 2, 1);
    expect(pool1.outputHeight).toBe(56);
    expect([1, 2, 3, 4, 111, 112].map((y) => pooledRowsDone(pool1, y))).toEqual([0, 1, 1, 2, 55, 56]);
  });
});
