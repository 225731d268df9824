import { describe, expect, it } from 'vitest';
import { Simulator } from '../../../src/engine/event-queue.js';
import { ClockDomain } from '../../../src/engine/time.js';
import { defaultsOf } from '../../../src/engine/spec.js';
import { HostCpu } from '../../../src/hw/host/host-cpu.js';
import { hostSpec, type HostParams } from '../../../src/hw/host/spec.js';
import type { LayerResult } from '../../../src/hw/nvdla/layer-result.js';
import { NvdlaCore } from '../../../src/hw/nvdla/core.js';
import { MemoryWeightSource } from '../../../src/hw/nvdla/weight-source.js';
import type { Layer } from '../../../src/workload/layer.js';
import { conv, idealMemory, idealParams, RecordingMemory, runLayer } from './helpers.js';

/**
 * Hand-computed cycles of the new layer kinds on nv_full (atomicC 64, atomicK 32, weight load 16 cycles,
 * CACC→SDP 16 elements/cycle, CDP 8 elements/cycle), ideal memory, no launch cost (hardware-limit profile).
 * Notation as in conv-cycles.test.ts: a channel op of stripe L computes S·max(L,16) cycles and drains ceil(k·L/16).
 */
const pointwise = (name: string, op: Layer['op'], inputs: string[], H: number, W: number, C: number, extra: Partial<Layer> = {}): Layer => ({
  name, op, inputs,
  inputHeight: H, inputWidth: W, inputChannels: C, outputChannels: C,
  kernelHeight: 1, kernelWidth: 1, stride: 1, padding: 0, groups: 1, outputHeight: H, outputWidth: W,
  ...extra,
});

describe('new layer kinds on nv_full (ideal memory)', () => {
  it('depthwise 3×3 on 2 channels: one 1-kernel group per channel, 1/2048 of the array at best', () => {
    // Each conv group has 1 kernel of 1 channel: S = ceil(1/64)·9 = 9; 16 positions → one stripe of 16:
    // c = 9·16 = 144, d = ceil(1·16/16) = 1. Two kernel groups: 16 (weight load) + 144 + max(144, 1) + 1 = 305.
    const dw = conv({ H: 4, W: 4, C: 2, K: 2, R: 3, pad: 1, groups: 2 });
    const { result } = runLayer(idealParams(), dw);
    expect(result.cycles).toBe(305);
    expect(result.macs).toBe(16 * 2 * 9);
    expect(result.macUtilization).toBeCloseTo(288 / (305 * 2048), 12);
  });

  it('a dilated 3×3 costs what an undilated one does, its rows span (3 − 1)·2 + 1', () => {
    // C = 64, K = 32: S = 9; 64 positions → 2 stripes of 32: c = 288, d = ceil(32·32/16) = 64 → 16 + 288 + 288 + 64.
    const dilated: Layer = { ...conv({ H: 8, W: 8, C: 64, K: 32, R: 3, pad: 2 }), dilation: 2, outputHeight: 8, outputWidth: 8 };
    const { result } = runLayer(idealParams('nv_full', { winograd: false }), dilated);
    expect(result.cycles).toBe(656);
    expect(result.featureRead_B).toBe(8 * 8 * 64);
  });

  it('LRN runs on CDP at 8 input elements per cycle (nv_full), 1 on nv_small', () => {
    // 8·8·64 = 4096 elements → 512 cycles; the CDP energy term exists only here.
    const lrn = pointwise('norm', 'lrn', ['conv'], 8, 8, 64, { lrnSize: 5 });
    const { result } = runLayer(idealParams(), lrn);
    expect(result.cycles).toBe(512);
    expect(result.hardwareOps.map((o) => o.kind)).toEqual(['cdp']);
    expect(result.featureRead_B).toBe(4096);
    expect(result.outputWritten_B).toBe(4096);
    expect(result.energy_J.cdp).toBeGreaterThan(0);
    expect(runLayer(idealParams('nv_small'), lrn).result.cycles).toBe(4096);
  });

  it('a concatenation takes no cycles, moves no bytes and launches nothing', () => {
    const cat = pointwise('cat', 'concat', ['a', 'b'], 8, 8, 96);
    const mem = new RecordingMemory('mem', 1, 0);
    const { result } = runLayer(idealParams('nv_full', { opLaunch_ns: 5000 }), cat, mem);
    expect(result.cycles).toBe(0);
    expect(result.hardwareOps).toEqual([]);
    expect(mem.log).toEqual([]);
  });

  it('matmul of two activations: B streamed from the feature memory as the kernels, weight storage untouched', () => {
    // 16 rows, 2 heads of K = 64, N = 32: two kernel groups of 32, S = 1, one stripe of 16:
    // c = 16, d = ceil(32·16/16) = 32 → 16 + 16 + max(16, 32) + 32 = 96.
    const mm = pointwise('scores', 'matmul', ['q', 'k'], 16, 1, 128, { outputChannels: 64, groups: 2 });
    const features = new RecordingMemory('features', Infinity, 0);
    const weightStore = new RecordingMemory('weights', Infinity, 0);
    const { result } = runLayer(idealParams(), mm, features, weightStore);
    expect(result.cycles).toBe(96);
    expect(result.macs).toBe(16 * 2 * 64 * 32);
    expect(weightStore.log).toEqual([]);
    expect(result.weightFetched_B).toBe(0);
    // A: 16·128 B; B: 2·64·32 = 4096 B, both from the feature memory.
    expect(result.featureRead_B).toBe(16 * 128 + 4096);
    expect(features.log.filter((t) => t.op === 'read').reduce((s, t) => s + t.bytes, 0)).toBe(6144);
  });

  it('windowed matmul (Swin): the same MACs, every window\'s B read from the feature memory', () => {
    // As above, the 16 rows in 4 windows of 4, each window with its own B of 2·64·32 = 4096 B: B is 16,384 B.
    const mm = pointwise('scores', 'matmul', ['q', 'k'], 16, 1, 128, { outputChannels: 64, groups: 2, windows: 4 });
    const features = new RecordingMemory('features', Infinity, 0);
    const { result } = runLayer(idealParams(), mm, features, new RecordingMemory('weights', Infinity, 0));
    expect(result.macs).toBe(16 * 2 * 64 * 32);
    expect(result.featureRead_B).toBe(16 * 128 + 4 * 4096);
  });

  it('host softmax: 5 µs sync + 1,024 elements at 4·10⁷/s = 30.6 µs; 0.3 W × 25.6 µs = 7.68 µJ', () => {
    const params = defaultsOf<HostParams>(hostSpec);
    const sim = new Simulator();
    const host = new HostCpu(params, sim, ClockDomain.fromFrequencyGHz('nvdla', 1));
    const layer = pointwise('softmax', 'host', ['scores'], 16, 1, 64, { hostOp: 'softmax' });
    let r: LayerResult | undefined;
    host.run(layer, 0, { weights: undefined as never, features: idealMemory(), addressOf: () => 0 }, (x) => (r = x));
    sim.run();
    expect(r?.cycles).toBe(30_600);
    expect(r?.op).toBe('host');
    expect(host.energy_J().compute).toBeCloseTo(7.68e-6, 12);
    expect(host.busy_ps).toBe(30_600_000);
  });
});

describe('layer kinds of the torchvision families (ideal memory, hardware-limit)', () => {
  it('a standalone per-channel scale (a BN no conv absorbs) is one SDP pass: 8·8·64 = 4,096 elements at 16 per cycle = 256', () => {
    const scale = pointwise('bn', 'eltwise', ['cat'], 8, 8, 64, { eltwise: 'scale' });
    const { result } = runLayer(idealParams(), scale);
    expect(result.cycles).toBe(4096 / idealParams().sdpThroughput_elementsPerCycle);
    expect(result.hardwareOps.map((o) => o.kind)).toEqual(['sdp']);
    expect([result.featureRead_B, result.outputWritten_B]).toEqual([4096, 4096]);
  });

  it('squeeze-excite x · s reads x whole (4,096 B) and s once per channel (64 B)', () => {
    const mul = pointwise('se', 'eltwise', ['x', 's'], 8, 8, 64, { eltwise: 'mul' });
    const sim = new Simulator();
    const core = new NvdlaCore(idealParams(), sim);
    const mem = new RecordingMemory('mem', Infinity, 0);
    const sizes = new Map([['x', 4096], ['s', 64]]);
    let r: LayerResult | undefined;
    core.runLayer(mul, 0, { weights: new MemoryWeightSource(mem, [mul], 1 << 30), features: mem, addressOf: (t) => (t === 'x' ? 0 : 1 << 24), elementsOf: (t) => sizes.get(t) }, (x) => (r = x));
    sim.run();
    expect(r?.featureRead_B).toBe(4096 + 64);
    expect(mem.log.filter((t) => t.traffic === 'eltwise').map((t) => t.bytes)).toEqual([64]);
  });

  it('host channel shuffle: 5 µs sync + 1,024 elements at 6·10⁸/s = 1.707 µs; 0.3 W × 1.707 µs = 512 nJ', () => {
    const sim = new Simulator();
    const host = new HostCpu(defaultsOf<HostParams>(hostSpec), sim, ClockDomain.fromFrequencyGHz('nvdla', 1));
    let r: LayerResult | undefined;
    host.run(pointwise('shuffle', 'host', ['cat'], 8, 8, 16, { hostOp: 'transpose' }), 0, { weights: undefined as never, features: idealMemory(), addressOf: () => 0 }, (x) => (r = x));
    sim.run();
    expect(r?.cycles).toBe(5000 + Math.ceil((1024 / 6e8) * 1e9));
    expect(host.energy_J().compute).toBeCloseTo(0.3 * (1024 / 6e8), 12);
  });

  it('host token copies count output elements: the class token inserted (16 → 17 tokens of 64) and one token picked out', () => {
    const run = (l: Layer): LayerResult => {
      const sim = new Simulator();
      const host = new HostCpu(defaultsOf<HostParams>(hostSpec), sim, ClockDomain.fromFrequencyGHz('nvdla', 1));
      let r: LayerResult | undefined;
      host.run(l, 0, { weights: undefined as never, features: idealMemory(), addressOf: () => 0 }, (x) => (r = x));
      sim.run();
      return r as LayerResult;
    };
    // 17·64 = 1,088 elements written at 6·10⁸/s = 1.813 µs after the 5 µs sync; the 16·64 = 1,024 patch elements read.
    const insert = run(pointwise('cls', 'host', ['patches'], 4, 4, 64, { hostOp: 'copy', outputHeight: 17, outputWidth: 1 }));
    expect(insert.cycles).toBe(5000 + Math.ceil((1088 / 6e8) * 1e9));
    expect([insert.featureRead_B, insert.outputWritten_B]).toEqual([1024, 1088]);
    const pick = run(pointwise('token0', 'host', ['ln'], 17, 1, 64, { hostOp: 'copy', outputHeight: 1, outputWidth: 1 }));
    expect(pick.cycles).toBe(5000 + Math.ceil((64 / 6e8) * 1e9));
    expect([pick.featureRead_B, pick.outputWritten_B]).toEqual([64, 64]);
  });
});
