import { describe, expect, test } from 'vitest';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { sheetLayers } from '../../../src/validation/perf-estimator/sheet-layers.js';
import { estimateLayer, estimateNetwork, type EstimatorPoint } from '../../../src/validation/perf-estimator/estimator.js';
import { ALL_CORRECTED, AS_PUBLISHED } from '../../../src/validation/perf-estimator/corrections.js';
import { PRIMER_CLOCK_MHz, PRIMER_POINTS, SHEET_DEFAULT } from '../../../src/validation/perf-estimator/primer-points.js';

const rows = sheetLayers(loadTrace('traces/resnet50-v1.json'));
const at = (macs: number, cbuf_KiB: number, bandwidth_GBps: number): EstimatorPoint => ({
  macs, cbuf_KiB, bandwidth_GBps, clock_MHz: PRIMER_CLOCK_MHz, atomicK: 32, winograd: true,
});

describe("NVIDIA's performance sheet as published", () => {
  test('the sheet\'s default point (2048 MACs, 512 KiB, 10 GB/s) is 7,113,691 cycles exactly', () => {
    expect(estimateNetwork(rows, at(SHEET_DEFAULT.macs, SHEET_DEFAULT.cbuf_KiB, SHEET_DEFAULT.bandwidth_GBps), AS_PUBLISHED).cycles).toBe(
      SHEET_DEFAULT.cycles,
    );
  });

  test.each(PRIMER_POINTS.map((p) => [p.macs, p] as const))('%i MACs: the primer\'s fps to the digits it gives', (_, p) => {
    const fps = estimateNetwork(rows, at(p.macs, p.cbuf_KiB, p.bandwidth_GBps), AS_PUBLISHED).fps;
    expect(fps.toFixed(p.fpsDecimals)).toBe(p.fps.toFixed(p.fpsDecimals));
  });

  test('rows: 53 convolutions and fc1000; 16 residual adds and pool1, pool5 fused in', () => {
    expect(rows).toHaveLength(54);
    expect(rows.filter((r) => r.eltwise).map((r) => r.name).every((n) => n.endsWith('branch2c'))).toBe(true);
    expect(rows.filter((r) => r.eltwise)).toHaveLength(16);
    expect(rows.find((r) => r.name === 'conv1')).toMatchObject({ A: 56, B: 56, first: true });
    expect(rows.find((r) => r.name === 'res5c_branch2c')).toMatchObject({ A: 1, B: 1 });
  });
});

describe('one layer by hand', () => {
  // res3a_branch1: 56×56×256 → 28×28×512, 1×1 stride 2, at 2048 MACs, 512 KiB, 10 GB/s.
  const row = rows.find((r) => r.name === 'res3a_branch1')!;

  test('as published: stride folding makes C′ = 1024 and weights 4·C·K', () => {
    const e = estimateLayer(row, at(2048, 512, 10), AS_PUBLISHED);
    // X = 1024·28·28/1024 = 784 KB; AB = 1024·512/1024 = 512 KB; Z = 28·28·512/1024 = 392 KB. X ≥ AB: weights
    // resident; Y = 1024·1·28/1024 = 28; AB = 512 > 512 − 28 → ceil(512/484) = 2 input passes: 2·784 + 512 + 392.
    expect(e.traffic_KiB).toBe(2472);
    expect(e.dramCycles).toBe(247_200);
    // MAC: 1024·28·28·512·1·1/4/2048 (K = 512 is a multiple of 128) = 50,176, the true MACs / 2048.
    expect(e.macCycles).toBe(50_176);
  });

  test('corrected: C·K weights, KiB counted as 1024 B', () => {
    const e = estimateLayer(row, at(2048, 512, 10), ALL_CORRECTED);
    // X = 256·56·56/1024 = 784; AB = 256·512/1024 = 128; weights resident (Y = 256·1·56/1024 = 14, 128 < 498).
    expect(e.traffic_KiB).toBe(784 + 128 + 392);
    expect(e.dramCycles).toBe(Math.ceil((1304 * 1.024) / 10 * 1000));
    expect(e.macCycles).toBe((256 * 28 * 28 * 512) / 2048);
  });

  test('corrected: the residual operand of res5c_branch2c is 7×7×2048, not the pooled 1×1×2048', () => {
    const r = rows.find((x) => x.name === 'res5c_branch2c')!;
    // X = 7·7·512/1024 = 24.5; AB = 512·2048/1024 = 1024; Z = 2048/1024 = 2; operand 7·7·2048/1024 = 98.
    expect(estimateLayer(r, at(2048, 512, 20), AS_PUBLISHED).traffic_KiB).toBe(24.5 + 1024 + 2 + 2);
    expect(estimateLayer(r, at(2048, 512, 20), ALL_CORRECTED).traffic_KiB).toBe(24.5 + 1024 + 2 + 98);
  });

  test('corrected Winograd: only with a Winograd build, padded to a multiple of 4, where it beats direct', () => {
    // res2a_branch2b, 56×56×64 → 64, 3×3: direct 64·56·56·64·9/2048 = 56,448 MAC cycles; Winograd 25,088 against
    // (196 + 36·16/9 + 196) KiB · 1.024 / 20 GB/s = 23,347.2 → 23,348 DRAM cycles: Winograd wins.
    const r2 = rows.find((r) => r.name === 'res2a_branch2b')!;
    expect(estimateLayer(r2, at(2048, 512, 20), ALL_CORRECTED)).toMatchObject({ winograd: true, macCycles: 25_088, dramCycles: 23_348 });
    expect(estimateLayer(r2, { ...at(2048, 512, 20), winograd: false }, ALL_CORRECTED)).toMatchObject({ winograd: false, macCycles: 56_448 });
    // res5a_branch2b, 7×7×512 → 512: Winograd on 8×8 would take 512·64·512·9/2048/2.25 = 32,768 MAC cycles but
    // (24.5 + 2304·16/9 + 24.5) KiB of traffic; direct moves 2353 KiB: 120,474 DRAM cycles, the faster.
    const r5 = rows.find((r) => r.name === 'res5a_branch2b')!;
    expect(estimateLayer(r5, at(2048, 512, 20), ALL_CORRECTED)).toMatchObject({ winograd: false, cycles: 120_474 });
  });
});
