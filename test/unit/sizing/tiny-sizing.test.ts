import { describe, expect, it } from 'vitest';
import { sizeChoices } from '../../../src/sizing/size-choices.js';
import { BANKS, PERIPHERY_FLOOR, REF, belowSmallest, choice, conv, entry, traceOf } from './helpers.js';

/**
 * One 3×3 convolution, 32 kernels × 16 channels: N = 32·16·9 = 4608 weights, density 0.25, so the synthetic pattern
 * places nnz = 0.25 · 4608 = 1152 non-zeros. Storage: NVDLA bitmask (surfaces padded to 128 B = 1024 bits),
 * values at 2 bits per cell, mask, group sizes and ECC check bits at 1 bit per cell, SECDED (72,64) on the mask and
 * the group sizes.
 *
 *   mask        = pad1024(4608)               = 5120 bits   (4.5 × 1024 → 5 × 1024)
 *   values      = pad1024(8 · 1152 = 9216)    = 9216 bits   (exactly 9 × 1024)
 *   groupSizes  = pad1024(32 · ceil(32/32))   = 1024 bits
 *   check       = 8 · ceil(5120/64) + 8 · ceil(1024/64) = 8·80 + 8·16 = 768 bits
 *   total bits  = 5120 + 9216 + 1024 + 768    = 16128
 *   cells       = 9216/2 = 4608 at 2 bits/cell; 5120 + 1024 + 768 = 6912 at 1 bit/cell; 11520 in all
 *   ECC overhead: 768 / 16128 = 4.7619 % of bits; 768 / 11520 = 6.6667 % of cells
 *   dense SLC:  8 · 4608 = 36864 cells
 *
 * Area (RRAM, NVSim-fork rows; 8 banks per sub-array). Every bank here is below the smallest characterized array
 * (128 KiB of cells = 1,048,576 cells), where the capacity rule charges periphery + cells: the line through the
 * 128 and 256 KiB rows, its periphery at least 1/8 of the 128 KiB row (the default floor). RRAM's fitted
 * periphery is about zero (1 b/cell: 0.030947 − (0.061679 − 0.030947) = 0.000215 mm²), so the floor applies:
 *   1 bit/cell, 864 cells per bank:  8 × (0.003868375 + (0.030947 − 0.003868375) × 864 / 1048576) = 0.031125 mm²
 *   2 bit/cell, 576 cells per bank:  8 × (0.005183 + (0.041464 − 0.005183) × 576 / 1048576) = 0.041623 mm²
 *   dense SLC, 4608 cells per bank:  8 × (0.003868375 + 0.027078625 × 4608 / 1048576) = 0.031899 mm²
 * Tiny arrays are periphery: a third of the cells of dense SLC, but more than twice its area (0.0727 mm²).
 */
const N = 4608;
const trace = traceOf(conv('c', 32, 16, 3, 3, 0.25));
const c = choice({
  label: 'bitmask 2b, metadata SLC, ECC',
  encoding: 'bitmask',
  bitmaskLayout: 'nvdla',
  defaultBitsPerCell: 2,
  bitsPerCell: { mask: 1, groupSizes: 1, check: 1 },
  ecc: { dataBits: 64, streams: ['mask', 'groupSizes'] },
});

describe('sizing a hand-checkable layer', () => {
  const { report } = sizeChoices(trace, [entry(c)], { atomicK: 32 });
  const s = report.choices[0]!;

  it('bits and cells per stream', () => {
    expect(report.trace).toEqual({ name: 'test', layersWithWeights: 1, weights: N, nonZeros: 1152 });
    const byStream = Object.fromEntries(s.streams.map((x) => [x.stream, [x.bits, x.bitsPerCell, x.cells]]));
    expect(byStream).toEqual({
      values: [9216, 2, 4608],
      mask: [5120, 1, 5120],
      groupSizes: [1024, 1, 1024],
      check: [768, 1, 768],
    });
    expect(s.totalBits).toBe(16128);
    expect(s.totalCells).toBe(11520);
  });

  it('overheads in percent of bits and of cells', () => {
    expect(s.eccOverhead_pct).toBeCloseTo((100 * 768) / 16128, 10);
    expect(s.eccOverheadCells_pct).toBeCloseTo((100 * 768) / 11520, 10);
    expect(s.idxSyncOverhead_pct).toBe(0);
  });

  it('area per bits-per-cell sub-array from the reference table, and per stream by its share of cells', () => {
    const floor1 = PERIPHERY_FLOOR * REF.rram1b128;
    const a1 = BANKS * belowSmallest(REF.rram1b128, floor1, 6912 / BANKS);
    const a2 = BANKS * belowSmallest(REF.rram2b128, PERIPHERY_FLOOR * REF.rram2b128, 4608 / BANKS);
    expect(s.subArrays.map((x) => x.bitsPerCell)).toEqual([1, 2]);
    expect(s.subArrays[0]!.cells).toBe(6912);
    expect(s.subArrays[0]!.area_mm2).toBeCloseTo(a1, 12);
    expect(s.subArrays[1]!.area_mm2).toBeCloseTo(a2, 12);
    expect(a1).toBeCloseTo(0.031125, 6);
    expect(a2).toBeCloseTo(0.041623, 6);
    // never below the periphery floor of its banks
    expect(a1).toBeGreaterThan(BANKS * floor1);
    expect(s.area_mm2).toBeCloseTo(a1 + a2, 12);
    // the mask holds 5120 of the 6912 SLC cells, so 5120/6912 of that sub-array's area
    expect(s.streams.find((x) => x.stream === 'mask')!.area_mm2).toBeCloseTo((a1 * 5120) / 6912, 12);
    expect(s.streams.find((x) => x.stream === 'values')!.area_mm2).toBeCloseTo(a2, 12);
    // the bank count matters only through ceil(cells / banks): 6912 and 4608 are multiples of 8
    expect(6912 % BANKS + (4608 % BANKS)).toBe(0);
  });

  it('ratios to dense SLC: 8·N cells of the same technology', () => {
    const slcArea = BANKS * belowSmallest(REF.rram1b128, PERIPHERY_FLOOR * REF.rram1b128, (8 * N) / BANKS);
    expect(s.denseSlc.cells).toBe(36864);
    expect(s.denseSlc.area_mm2).toBeCloseTo(slcArea, 12);
    expect(slcArea).toBeCloseTo(0.031899, 6);
    expect(s.cellsRatioToDenseSlc).toBe(11520 / 36864); // 0.3125
    expect(s.areaRatioToDenseSlc).toBeCloseTo(s.area_mm2 / slcArea, 12);
  });

  it('notes that the arrays are smaller than any characterized one', () => {
    expect(s.notes.join(' ')).toMatch(/below the smallest characterized array/);
    expect(report.notes).toEqual([]);
  });

  it('CTT: the same cells at the CTT rows, and the caveat once for the report', () => {
    const ctt = sizeChoices(trace, [entry(c, 'CTT')], { atomicK: 32 }).report;
    const x = ctt.choices[0]!;
    expect(x.totalCells).toBe(11520);
    // CTT 1 bit/cell: fitted periphery 0.021175 − (0.079746 − 0.021175) < 0, so the floor 0.125 × 0.021175.
    // 2 bits/cell: fitted periphery 0.017821 − (0.023753 − 0.017821) = 0.011889 mm², above its floor: used.
    const a1 = BANKS * belowSmallest(REF.ctt1b128, PERIPHERY_FLOOR * REF.ctt1b128, 864);
    const a2 = BANKS * belowSmallest(REF.ctt2b128, 2 * REF.ctt2b128 - REF.ctt2b256, 576);
    expect(2 * REF.ctt2b128 - REF.ctt2b256).toBeCloseTo(0.011889, 12);
    expect(x.area_mm2).toBeCloseTo(a1 + a2, 12);
    expect(x.denseSlc.area_mm2).toBeCloseTo(BANKS * belowSmallest(REF.ctt1b128, PERIPHERY_FLOOR * REF.ctt1b128, 4608), 12);
    expect(ctt.notes.join(' ')).toMatch(/CTT figures are a rough indication/);
  });
});
