import { describe, expect, it } from 'vitest';
import { sizeChoices } from '../../../src/sizing/size-choices.js';
import { BANKS, REF, choice, conv, entry, traceOf } from './helpers.js';

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
 * (1024 KiB of cells = 8,388,608 cells), where the capacity rule scales area linearly:
 *   1 bit/cell: 8 banks × 0.246715 mm² × (6912/8) / 8388608 = 0.246715 × 6912 / 8388608 = 2.032869e-4 mm²
 *   2 bit/cell: 0.288099 × 4608 / 8388608 = 1.582575e-4 mm²
 *   dense SLC:  0.246715 × 36864 / 8388608 = 1.084196e-3 mm²
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
    const a1 = (REF.rram1b1024 * 6912) / REF.cells1024KiB;
    const a2 = (REF.rram2b1024 * 4608) / REF.cells1024KiB;
    expect(s.subArrays.map((x) => x.bitsPerCell)).toEqual([1, 2]);
    expect(s.subArrays[0]!.cells).toBe(6912);
    expect(s.subArrays[0]!.area_mm2).toBeCloseTo(a1, 12);
    expect(s.subArrays[1]!.area_mm2).toBeCloseTo(a2, 12);
    expect(a1).toBeCloseTo(2.032869e-4, 9);
    expect(a2).toBeCloseTo(1.582575e-4, 9);
    expect(s.area_mm2).toBeCloseTo(a1 + a2, 12);
    // the mask holds 5120 of the 6912 SLC cells, so 5120/6912 of that sub-array's area
    expect(s.streams.find((x) => x.stream === 'mask')!.area_mm2).toBeCloseTo((a1 * 5120) / 6912, 12);
    expect(s.streams.find((x) => x.stream === 'values')!.area_mm2).toBeCloseTo(a2, 12);
    // the bank count matters only through ceil(cells / banks): 6912 and 4608 are multiples of 8
    expect(6912 % BANKS + (4608 % BANKS)).toBe(0);
  });

  it('ratios to dense SLC: 8·N cells of the same technology', () => {
    const slcArea = (REF.rram1b1024 * 8 * N) / REF.cells1024KiB;
    expect(s.denseSlc.cells).toBe(36864);
    expect(s.denseSlc.area_mm2).toBeCloseTo(slcArea, 12);
    expect(slcArea).toBeCloseTo(1.084196e-3, 8);
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
    // CTT 1 bit/cell 1024 KiB: 0.318984 mm²; 2 bits/cell: 0.095012 mm²
    expect(x.area_mm2).toBeCloseTo((0.318984 * 6912 + 0.095012 * 4608) / REF.cells1024KiB, 12);
    expect(x.denseSlc.area_mm2).toBeCloseTo((REF.ctt1b1024 * 36864) / REF.cells1024KiB, 12);
    expect(ctt.notes.join(' ')).toMatch(/CTT figures are a rough indication/);
  });
});
