import { describe, expect, it } from 'vitest';
import { allocateCbuf, kernelGroups, type CbufWeights } from '../../../src/hw/nvdla/cbuf-allocation.js';
import { mapConvolution } from '../../../src/hw/nvdla/conv-mapping.js';
import { nvdlaBuildDefaults, type NvdlaParams } from '../../../src/hw/nvdla/spec.js';
import { planConvolution } from '../../../src/hw/nvdla/tiling.js';
import { winogradLayers } from '../../../src/hw/nvdla/winograd-choice.js';
import { FixedMemory } from '../../../src/hw/port.js';
import type { Layer } from '../../../src/workload/layer.js';
import { add, conv, idealParams, runLayer, runLayers } from './helpers.js';

/** nv_full under each profile, memory interface unbounded. nvdla-sw holds weights uncompressed: 16 banks usable. */
const sw = idealParams('nv_full', { software: 'nvdla-sw', weightCompression: false, winograd: false, fuseEltwise: false, fusePooling: false, opLaunch_ns: 0 });
const hw = idealParams('nv_full', { weightCompression: false, winograd: false });
const dense = (l: Layer): CbufWeights => ({ bytesOf: (k0, k1) => (k1 - k0) * l.inputChannels * l.kernelHeight * l.kernelWidth, compressed: false });
const allocate = (p: NvdlaParams, l: Layer) => allocateCbuf(l, mapConvolution(l, p), p, kernelGroups(l, p.macAtomicK), dense(l));

describe('the released compiler\'s CBUF allocation (nvdla-sw)', () => {
  it('full input and full weights first', () => {
    // 56×56×64: 56 entries a row, 3136 entries → 7 banks of 512; 1×1 weights 64·64 B → 1 bank.
    expect(allocate(sw, conv({ H: 56, W: 56, C: 64, K: 64 }))).toEqual({ mode: 'full-input-full-weights', dataBanks: 7, weightBanks: 1, weightSlots: 2, dataEntries: 7 * 512 });
  });

  it('then exactly two kernel groups\' banks (ping-pong), where the hardware would give weights every free bank', () => {
    // 28×28×512: 224 entries a row → 6272 entries → 13 banks; 3 left. 1×1, K = 2048: groups of 32·512 = 16 KiB.
    const l = conv({ H: 28, W: 28, C: 512, K: 2048 });
    expect(allocate(sw, l)).toMatchObject({ mode: 'full-input-partial-weights', dataBanks: 13, weightBanks: 1, weightSlots: 2 });
    expect(allocate(hw, l)).toMatchObject({ mode: 'full-input-partial-weights', dataBanks: 13, weightBanks: 3, weightSlots: 6 });
  });

  it('then one kernel group', () => {
    // 25×25×512: 8 entries a position → 5000 entries → 10 banks. 3×3, groups of 32·512·9 = 147456 B → 5 banks; two
    // groups (9 banks) do not fit beside the input, one does: 10 + 5 ≤ 16.
    const l = conv({ H: 25, W: 25, C: 512, K: 64, R: 3, pad: 1 });
    expect(allocate(sw, l)).toMatchObject({ mode: 'full-input-partial-weights', dataBanks: 10, weightBanks: 5, weightSlots: 1 });
  });

  it('split-H caps the weight banks at 8 and then fetches the weights again for every row chunk', () => {
    // 112×112×128: 224 entries a row, 49 banks: split. 3×3 K = 256: all weights 294912 B = 9 banks > 8; two groups
    // 73728 B → 3 banks. Data gets 13 banks = 6656 entries = 29 input rows: output rows [0,28) read [0,29), then
    // 27 rows a chunk: [28,55), [55,82), [82,109), [109,112): 5 chunks, each fetching all 294912 B of weights.
    const l = conv({ H: 112, W: 112, C: 128, K: 256, R: 3, pad: 1 });
    expect(allocate(sw, l)).toMatchObject({ mode: 'row-split', dataBanks: 13, weightBanks: 3, weightSlots: 2 });
    const plan = planConvolution(l, sw, dense(l));
    expect(plan.chunks.map((c) => [c.outRow0, c.outRow1])).toEqual([[0, 28], [28, 55], [55, 82], [82, 109], [109, 112]]);
    expect(runLayer(sw, l).result.weightFetched_B).toBe(5 * 294912);
    // The hardware's best case keeps all 9 banks of weights for every chunk: fetched once.
    expect(allocate(hw, l)).toMatchObject({ mode: 'row-split', dataBanks: 7, weightBanks: 9, weightSlots: 8 });
    expect(runLayer(hw, l).result.weightFetched_B).toBe(294912);
  });
});

describe('hardware operations and their launch', () => {
  const a = conv({ name: 'a', inputs: ['input'], H: 8, W: 8, C: 64, K: 64 });
  const b = conv({ name: 'b', inputs: ['a'], H: 8, W: 8, C: 64, K: 64 });
  const sum = add('sum', ['b', 'a'], b);

  it('a convolution is a conv and an SDP operation; a standalone add one SDP operation', () => {
    const { results } = runLayers(sw, [a, b, sum]);
    expect(results.flatMap((r) => r.hardwareOps.map((o) => `${o.kind}:${o.layer}`))).toEqual(['conv:a', 'sdp:a', 'conv:b', 'sdp:b', 'sdp:sum']);
    // Fused into b's SDP (hardware-limit), the add is b's SDP operation: 4 operations.
    const fused = runLayers(hw, [a, b, sum]).results.flatMap((r) => r.hardwareOps.map((o) => `${o.kind}:${o.layer}`));
    expect(fused).toEqual(['conv:a', 'sdp:a', 'conv:b', 'sdp:sum']);
  });

  it('every row chunk of a split-H convolution is its own conv and SDP operation', () => {
    const l = conv({ H: 112, W: 112, C: 128, K: 256, R: 3, pad: 1 });
    const ops = runLayer(sw, l).result.hardwareOps;
    expect(ops.map((o) => `${o.kind}${o.chunk}`)).toEqual(['conv0', 'sdp0', 'conv1', 'sdp1', 'conv2', 'sdp2', 'conv3', 'sdp3', 'conv4', 'sdp4']);
    // A chunk's conv operation reads its input rows and its weights: 29 rows of 14336 B and 294912 B.
    expect(ops[0]!.read_B).toBe(29 * 112 * 128 + 294912);
  });

  it('each hardware layer waits opLaunch_ns for the driver; the wait shows as launch cycles', () => {
    const noLaunch = runLayers(sw, [a, b, sum]);
    const launched = runLayers({ ...sw, opLaunch_ns: 5000 }, [a, b, sum]);
    // Three hardware layers, each launched 5 µs after the previous one completed.
    expect(launched.sim.now - noLaunch.sim.now).toBe(3 * 5_000_000);
    expect(launched.results.map((r) => r.launchCycles)).toEqual([5000, 5000, 5000]);
    expect(launched.results.map((r) => r.cycles - r.launchCycles)).toEqual(noLaunch.results.map((r) => r.cycles));
  });
});

describe('per-layer bound and write-back', () => {
  it('bound is the roofline criterion: bytes at peak bandwidth against the compute cycles', () => {
    // 1×1, 4×4×64 → 32 kernels: 1024 B in, 2048 B weights, 512 B out; compute 64 cycles.
    const layer = conv({ H: 4, W: 4, C: 64, K: 32 });
    // 100 GB/s = 100 B a cycle: 3584 B take 35.84 cycles < 64: compute-bound, though the first data took a while.
    const fast = runLayer(sw, layer, new FixedMemory('fast', 100, 50_000)).result;
    expect(fast.memoryFloorCycles).toBeCloseTo(35.84, 9);
    expect(fast.bound).toBe('compute');
    expect(fast.stallCycles).toBeGreaterThan(0);
    // 50 GB/s: 71.68 cycles > 64: memory-bound.
    const slow = runLayer(sw, layer, new FixedMemory('slow', 50, 0)).result;
    expect(slow.memoryFloorCycles).toBeCloseTo(71.68, 9);
    expect(slow.bound).toBe('memory');
  });

  it('the last output is written after it has drained, never before its data exists', () => {
    // Ideal memory: the write of the last channel operation's results is requested at its compute end and the
    // layer ends at the drain (16 + 64 + 64 cycles: one stripe of 16, d = 32·16/16... see conv-cycles tests).
    const layer = conv({ H: 4, W: 4, C: 64, K: 32 });
    const mem = new FixedMemory('lat', Infinity, 1_000_000); // every transfer completes 1 µs after its request
    const r = runLayer(sw, layer, mem).result;
    // Compute ends at cycle 1000 + 16 + 16 (first data after 1 µs); its last results are written 1 µs later.
    expect(r.writebackCycles).toBeGreaterThanOrEqual(1000 - r.computeCycles);
    expect(r.cycles).toBeGreaterThanOrEqual(2000);
  });
});

describe('profiles', () => {
  it('nvdla-sw fills the keys the compiler decides; hardware-limit uses the build fully', () => {
    const s = nvdlaBuildDefaults('nv_full', 'nvdla-sw');
    expect([s.winograd, s.weightCompression, s.fuseEltwise, s.fusePooling, s.opLaunch_ns > 0]).toEqual([false, false, false, false, true]);
    const h = nvdlaBuildDefaults('nv_full', 'hardware-limit');
    expect([h.winograd, h.weightCompression, h.fuseEltwise, h.fusePooling, h.opLaunch_ns]).toEqual([true, true, true, true, 0]);
  });
});

describe('split-H where one kernel group exceeds the compiler\'s weight-bank cap', () => {
  it('nv_small: a 3×3×512 kernel group (36864 B = 9 banks of 4 KiB) gets its 9 banks', () => {
    const small = idealParams('nv_small', { software: 'nvdla-sw' });
    // 14×14×512: 14·64 = 896 entries a row; three rows (2688 entries, 6 banks) fit beside the 9 weight banks.
    const l = conv({ H: 14, W: 14, C: 512, K: 512, R: 3, pad: 1 });
    expect(allocate(small, l)).toMatchObject({ mode: 'row-split', weightBanks: 9, dataBanks: 23, weightSlots: 1 });
  });
});

describe('Winograd per layer where it shortens the roofline (hardware-limit)', () => {
  it('takes Winograd on an early layer with few weights, direct on a late 7×7 layer whose 16/9 weights dominate', () => {
    const p = nvdlaBuildDefaults('nv_full', 'hardware-limit');
    // 56×56×64 → 64, 3×3: 115.6 M MACs, 56,448 direct cycles; Winograd 25,088 cycles. Bytes at 20 B/cycle:
    // 401,408 features + 36,864 weights (65,536 pre-transformed) → 21,914 / 23,347 cycles: compute-bound, Winograd.
    const early = conv({ name: 'early', H: 56, W: 56, C: 64, K: 64, R: 3, pad: 1 });
    // 7×7×512 → 512, 3×3: 56,448 direct cycles; Winograd 32,768 (8×8 padded). 50,176 B of features and 2,359,296 B
    // of weights (4,194,304 pre-transformed): 120,474 cycles direct against 212,224 in Winograd at 20 B/cycle: direct.
    const late = conv({ name: 'late', H: 7, W: 7, C: 512, K: 512, R: 3, pad: 1 });
    expect([...winogradLayers([early, late], p, 20e9)]).toEqual(['early']);
    // With weights on chip at 1000 B/cycle the late layer is compute-bound too: Winograd for both.
    expect([...winogradLayers([early, late], p, 1000e9)]).toEqual(['early', 'late']);
    // The choice decides the mode the layer runs in.
    const chosen = { ...p, memifWidth_B: Infinity, winogradLayers: winogradLayers([early, late], p, 20e9) };
    expect(runLayer(chosen, late).result.convMode).toBe('direct');
    expect(runLayer(chosen, early).result.convMode).toBe('winograd');
  });
});
