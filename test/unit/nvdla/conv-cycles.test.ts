import { denseInt8Bytes, withWinogradWeights } from '../../../src/hw/nvdla/weight-source.js';
import { describe, expect, it } from 'vitest';
import { conv, idealParams, runLayer } from './helpers.js';

/**
 * Exact cycle counts of small layers, computed by hand from the model (nv_full: atomicC 64, atomicK 32,
 * weight load 16 cycles, CACC→SDP 16 elements/cycle, stripes ≤ 32), with an ideal memory so that no fetch waits.
 * Notation: a channel op of stripe L computes S·max(L,16) cycles (S = stripes per channel op) and drains
 * ceil(k·L/16) cycles; the hand-over times are T_i = T_{i−1} + max(c_i, d_{i−1}); the layer ends at T_last + d_last.
 */
describe('NVDLA convolution cycles (nv_full, ideal memory)', () => {
  it('1x1 conv, C = atomicC, K = atomicK, 16 output positions', () => {
    // S = ceil(64/64)·1·1 = 1; 16 positions → one stripe of 16: c = 16, d = ceil(32·16/16) = 32.
    // 16 (first weight load) + 16 (compute) + 32 (drain) = 64 cycles.
    const { result } = runLayer(idealParams(), conv({ H: 4, W: 4, C: 64, K: 32 }));
    expect(result.cycles).toBe(64);
    expect(result.computeCycles).toBe(64);
    expect(result.bound).toBe('compute');
    expect(result.convMode).toBe('direct');
    expect(result.cbufMode).toBe('full-input-full-weights');
    // 16·64·32 = 32768 MACs over 64 cycles × 2048 MACs = 0.25.
    expect(result.macs).toBe(32768);
    expect(result.macUtilization).toBeCloseTo(0.25, 12);
    expect(result.effectiveMacUtilization).toBeCloseTo(0.25, 12);
    expect(result.end_ps - result.start_ps).toBe(64_000);
  });

  it('3x3 conv over 3 channel slices and 3 kernel groups', () => {
    // C = 130 → 3 blocks; S = 3·9 = 27. Output 6×6 = 36 positions → 2 stripes of 18: c = 27·18 = 486.
    // K = 70 → groups of 32, 32, 6: d = ceil(32·18/16) = 36, and ceil(6·18/16) = 7 for the last group.
    // Compute-bound (486 > 36): 16 + 6·486 + 7 = 2939 cycles.
    const layer = conv({ H: 6, W: 6, C: 130, K: 70, R: 3, pad: 1 });
    const { result } = runLayer(idealParams('nv_full', { winograd: false }), layer);
    expect(result.convMode).toBe('direct');
    expect(result.cycles).toBe(2939);
    // MACs 36·70·130·9 = 2,948,400.
    expect(result.macs).toBe(2_948_400);
    expect(result.macUtilization).toBeCloseTo(2_948_400 / (2939 * 2048), 12);
  });

  it('a stripe shorter than the weight load is padded to it (boundary 15 / 16 / 17 positions)', () => {
    // C = 256 → S = 4. 15 positions: c = 4·max(15,16) = 64, d = ceil(32·15/16) = 30 → 16 + 64 + 30 = 110.
    const p = idealParams();
    expect(runLayer(p, conv({ H: 3, W: 5, C: 256, K: 32 })).result.cycles).toBe(110);
    // 16 positions: c = 64, d = 32 → 16 + 64 + 32 = 112.
    expect(runLayer(p, conv({ H: 4, W: 4, C: 256, K: 32 })).result.cycles).toBe(112);
    // 17 positions: c = 4·17 = 68, d = ceil(544/16) = 34 → 16 + 68 + 34 = 118.
    expect(runLayer(p, conv({ H: 1, W: 17, C: 256, K: 32 })).result.cycles).toBe(118);
    // 8 positions at C = 64: c = max(8,16) = 16, d = ceil(32·8/16) = 16 → 16 + 16 + 16 = 48.
    expect(runLayer(p, conv({ H: 2, W: 4, C: 64, K: 32 })).result.cycles).toBe(48);
  });

  it('drain-bound channel ops wait for the previous drain', () => {
    // C = 64, 4×24 = 96 positions → 3 stripes of 32: c = 32, d = ceil(32·32/16) = 64.
    // T0 = 16 + 32 = 48; T1 = 48 + max(32, 64) = 112; T2 = 176; end 176 + 64 = 240.
    expect(runLayer(idealParams(), conv({ H: 4, W: 24, C: 64, K: 32 })).result.cycles).toBe(240);
  });

  it('fully connected layer: one output position, stripes of 1 padded to 16', () => {
    // 1×1×2048 → 100: S = 2048/64 = 32 blocks, c = 32·16 = 512 per group; groups 32, 32, 32, 4;
    // drains ceil(32/16) = 2 and ceil(4/16) = 1, hidden behind 512. 16 + 4·512 + 1 = 2065 cycles.
    const { result } = runLayer(idealParams(), conv({ op: 'fc', H: 1, W: 1, C: 2048, K: 100 }));
    expect(result.cycles).toBe(2065);
    // 204,800 MACs / (2065 · 2048): about 1/16 as the NVDLA docs say for fc without batching.
    expect(result.macUtilization).toBeCloseTo(204_800 / (2065 * 2048), 12);
  });

  it('SDP throughput limits the drain on nv_small (1 element per cycle)', () => {
    // nv_small: atomicC = atomicK = 8. C = 8, K = 8, 16 positions: c = 16, d = ceil(8·16/1) = 128.
    // 16 + 16 + 128 = 160 cycles.
    expect(runLayer(idealParams('nv_small'), conv({ H: 4, W: 4, C: 8, K: 8 })).result.cycles).toBe(160);
  });

  it('Winograd F(2x2,3x3) needs 2.25x fewer MAC cycles than direct', () => {
    const layer = conv({ H: 8, W: 8, C: 64, K: 32, R: 3, pad: 1 });
    // Winograd: S = ceil(64/(64/16)) = 16 blocks; 8×8 outputs = 16 tiles of 2×2 → one stripe of 16:
    // c = 16·16 = 256, d = ceil(32·16·4/16) = 128 → 16 + 256 + 128 = 400.
    const wino = runLayer(idealParams(), layer).result;
    expect(wino.convMode).toBe('winograd');
    expect(wino.cycles).toBe(400);
    // Direct: S = 9, 64 positions → 2 stripes of 32: c = 288, d = 64 → 16 + 288 + 288 + 64 = 656.
    const direct = runLayer(idealParams('nv_full', { winograd: false }), layer).result;
    expect(direct.convMode).toBe('direct');
    expect(direct.cycles).toBe(656);
    // MAC-array cycles: 576 direct vs 256 Winograd.
    expect((direct.cycles - 16 - 64) / (wino.cycles - 16 - 128)).toBeCloseTo(2.25, 12);
    // MACs 64·32·64·9 = 1,179,648; the array performs 16 tiles · 16 · 64 · 32 = 524,288 multiplies (÷ 2.25).
    expect(wino.macUtilization).toBeCloseTo(524_288 / (400 * 2048), 12); // 0.64
    expect(wino.effectiveMacUtilization).toBeCloseTo(1_179_648 / (400 * 2048), 12); // 1.44
    // Direct mode performs every MAC: both figures agree.
    expect(direct.macUtilization).toBeCloseTo(1_179_648 / (656 * 2048), 12);
    expect(direct.effectiveMacUtilization).toBe(direct.macUtilization);
  });

  it('ResNet-50 res2a_branch2b in Winograd: the array is at most fully used, the network figure is 2.25x that', () => {
    // 56×56×64 → 64, 3×3 pad 1: S = 16 blocks; 784 tiles → 25 stripes (9 of 32, 16 of 31), all compute-bound
    // (c = 16·L > d = 32·L·4/16 = 8L). Input (7 banks) and weights (2 banks) resident: the 2 kernel groups run back
    // to back after the first weight load: 16 + 2·16·784 + 8·31 (last drain) = 25,352 cycles.
    const { result } = runLayer(idealParams(), conv({ H: 56, W: 56, C: 64, K: 64, R: 3, pad: 1 }));
    expect(result.convMode).toBe('winograd');
    expect(result.cycles).toBe(25_352);
    // Multiplies 784·16·64·64 = 51,380,224; MACs 56·56·64·64·9 = 115,605,504.
    expect(result.macUtilization).toBeCloseTo(51_380_224 / (25_352 * 2048), 12); // 0.9896
    expect(result.macUtilization).toBeLessThanOrEqual(1);
    expect(result.effectiveMacUtilization).toBeCloseTo(115_605_504 / (25_352 * 2048), 12); // 2.227
  });

  it('Winograd pads the output to a multiple of 4 (7×7 costs what 8×8 does); stride 2 stays direct', () => {
    // C = 64 in slices of atomicC/16 = 4 channels: 16 stripes per channel op. 8×8 padded output = 16 tiles of 2×2:
    // one stripe of 16: c = 16·16 = 256, d = ceil(32·16·4/16) = 128. 16 + 256 + 128 = 400 cycles.
    const seven = runLayer(idealParams(), conv({ H: 7, W: 7, C: 64, K: 32, R: 3, pad: 1 })).result;
    const eight = runLayer(idealParams(), conv({ H: 8, W: 8, C: 64, K: 32, R: 3, pad: 1 })).result;
    expect([seven.convMode, seven.cycles]).toEqual(['winograd', 400]);
    expect([eight.convMode, eight.cycles]).toEqual(['winograd', 400]);
    // Pre-transformed weights: a 4×4 tile per 3×3 kernel and channel, 32·64·16 B.
    const l7 = conv({ H: 7, W: 7, C: 64, K: 32, R: 3, pad: 1 });
    expect(withWinogradWeights([l7], idealParams(), denseInt8Bytes([l7]))(0, 0, 32)).toEqual({ stored_B: 32 * 64 * 16, cbuf_B: 32 * 64 * 16 });
    expect(withWinogradWeights([l7], idealParams('nv_full', { winograd: false }), denseInt8Bytes([l7]))(0, 0, 32).stored_B).toBe(32 * 64 * 9);
    expect(runLayer(idealParams(), conv({ H: 8, W: 8, C: 64, K: 32, R: 3, pad: 1, stride: 2 })).result.convMode).toBe('direct');
  });

  it('image-input mode with channel pre- and post-extension', () => {
    // 8×8×3 network input, 7×7 stride 2 pad 3, K = 64 → 4×4 output, 2 kernel groups.
    // Pre-extended channels S·C = 21 ≤ 32 and stride·C = 6 ≤ 32 → 2-line post-extension:
    // stripes per channel op = ceil(7/2)·ceil(21/64) = 4. Stripes per output row: one of 4 (padded to 16):
    // c = 4·16 = 64, d = ceil(32·4/16) = 8. 2 groups × 4 rows = 8 ops: 16 + 8·64 + 8 = 536.
    const layer = conv({ inputs: ['input'], H: 8, W: 8, C: 3, K: 64, R: 7, stride: 2, pad: 3 });
    const image = runLayer(idealParams(), layer).result;
    expect(image.convMode).toBe('image');
    expect(image.cycles).toBe(536);
    // Without post-extension: 7 stripes per op, c = 112: 16 + 8·112 + 8 = 920.
    expect(runLayer(idealParams('nv_full', { channelPostExtension: false }), layer).result.cycles).toBe(920);
    // Direct mode: S = 1·49, one stripe of 16 per group: c = 784, d = 32: 16 + 2·784 + 32 = 1616.
    const direct = runLayer(idealParams('nv_full', { imageInput: false }), layer).result;
    expect(direct.convMode).toBe('direct');
    expect(direct.cycles).toBe(1616);
  });
});
