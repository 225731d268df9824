import { describe, expect, it } from 'vitest';
import { sizeChoices } from '../../../src/sizing/size-choices.js';
import { csvLayers, resnet50 } from '../storage/resnet50-fixture.js';
import { BANKS, REF, choice, entry } from './helpers.js';

/**
 * The whole STR-81-pruned ResNet-50 v1.5 against figures computed here from the reference CSVs:
 * N = 25,502,912 conv and fc weights (reference/README.md); nnz_l = round(N_l × density_l).
 *
 * Dense SLC: 8 · N = 204,023,296 cells, 8 banks of 25,502,912 cells. A bank lies between the 1024 KiB-cell
 * (8,388,608) and 4096 KiB-cell (33,554,432) reference arrays, so its area is the straight line between them:
 *   a = a1024 + (c − 8388608) / 25165824 · (a4096 − a1024), (c − 8388608) / 25165824 = 0.680060
 * RRAM 1 bit/cell: a1024 = 0.246715, a4096 = 0.986859 mm²: 8 × (0.246715 + 0.680060 × 0.740144) ≈ 6.0005 mm².
 * CTT 1 bit/cell: a1024 = 0.318984, a4096 = 0.427568 mm²: 8 × (0.318984 + 0.680060 × 0.108584) ≈ 3.1426 mm²
 * (CTT's periphery dominates small arrays).
 */
const trace = resnet50('str81');
const csv = csvLayers('str81');
const N = csv.reduce((a, l) => a + l.weights, 0);
const nnz = csv.reduce((a, l) => a + Math.round(l.weights * l.density), 0);

/** Area of `cells` 1-bit cells in 8 banks that fall between the 1024 and 4096 KiB-cell reference points. */
function slcArea(cells: number, a1024: number, a4096: number): number {
  const perBank = Math.ceil(cells / BANKS);
  expect(perBank).toBeGreaterThan(REF.cells1024KiB);
  expect(perBank).toBeLessThan(REF.cells4096KiB);
  return BANKS * (a1024 + ((perBank - REF.cells1024KiB) / (REF.cells4096KiB - REF.cells1024KiB)) * (a4096 - a1024));
}

describe('ResNet-50 v1.5 STR 81 %', () => {
  const { report } = sizeChoices(trace, [
    entry(choice({ label: 'dense-slc', encoding: 'dense' })),
    entry(choice({ label: 'dense-slc-ctt', encoding: 'dense' }), 'CTT'),
    entry(choice({ label: 'dense-3b', encoding: 'dense', defaultBitsPerCell: 3 })),
    entry(choice({ label: 'bitmask-plain-1b', encoding: 'bitmask', bitmaskLayout: 'plain' })),
  ]);
  const [slc, slcCtt, dense3, bitmask] = report.choices;

  it('dense SLC: 25,502,912 × 8 cells, area by the capacity rule, ratio 1', () => {
    expect(N).toBe(25_502_912);
    expect(report.trace.weights).toBe(N);
    expect(slc!.totalCells).toBe(25_502_912 * 8);
    expect(slc!.totalCells).toBe(204_023_296);
    expect(slc!.area_mm2).toBeCloseTo(slcArea(204_023_296, REF.rram1b1024, REF.rram1b4096), 9);
    expect(slc!.area_mm2).toBeCloseTo(6.0005, 3);
    expect(slc!.cellsRatioToDenseSlc).toBe(1);
    expect(slc!.areaRatioToDenseSlc).toBe(1);
  });

  it('the dense SLC reference is of the same technology', () => {
    expect(slcCtt!.denseSlc.area_mm2).toBeCloseTo(slcArea(204_023_296, REF.ctt1b1024, REF.ctt1b4096), 9);
    expect(slcCtt!.denseSlc.area_mm2).toBeCloseTo(3.1426, 3);
    expect(slcCtt!.areaRatioToDenseSlc).toBe(1);
    expect(slc!.denseSlc.area_mm2).not.toBeCloseTo(slcCtt!.denseSlc.area_mm2, 1);
  });

  it('dense at 3 bits per cell: Σ ceil(8 N_l / 3) cells (each layer is stored on its own)', () => {
    const cells = csv.reduce((a, l) => a + Math.ceil((8 * l.weights) / 3), 0);
    expect(dense3!.totalCells).toBe(cells);
    expect(dense3!.cellsRatioToDenseSlc).toBeCloseTo(cells / (8 * N), 12);
    // a third of the cells, but the 3-bit array has more periphery per cell: the area shrinks by less than 3×
    expect(dense3!.areaRatioToDenseSlc).toBeGreaterThan(1 / 3);
    expect(dense3!.areaRatioToDenseSlc).toBeLessThan(1);
  });

  it('plain bitmask at 1 bit per cell: N + 8·nnz cells, ratio (N + 8·nnz) / 8N', () => {
    const cells = N + 8 * nnz; // 25,502,912 + 8 × 4,775,867 = 63,709,848
    expect(bitmask!.totalCells).toBe(cells);
    expect(bitmask!.cellsRatioToDenseSlc).toBeCloseTo(cells / (8 * N), 12);
    // 63,709,848 / 8 = 7,963,731 cells per bank: between the 512 and 1024 KiB-cell arrays, a straight line there
    const perBank = Math.ceil(cells / BANKS);
    expect(perBank).toBeGreaterThan(REF.cells512KiB);
    expect(perBank).toBeLessThan(REF.cells1024KiB);
    const t = (perBank - REF.cells512KiB) / (REF.cells1024KiB - REF.cells512KiB);
    expect(bitmask!.area_mm2).toBeCloseTo(BANKS * (REF.rram1b512 + t * (REF.rram1b1024 - REF.rram1b512)), 9);
    expect(bitmask!.areaRatioToDenseSlc).toBeCloseTo(bitmask!.area_mm2 / slc!.area_mm2, 12);
  });

  it('banks: each bank is its own array, so fewer, larger banks change the area through the capacity rule', () => {
    const one = sizeChoices(trace, [entry(choice({ encoding: 'dense' }), 'CTT')], { banks: 1 }).report;
    // 1 bank of 204,023,296 cells is beyond the largest CTT array (16384 KiB = 134,217,728 cells): one whole tile
    // (1.71 mm²) plus a remainder tile of 69,805,568 cells, between the 4096 and 16384 KiB arrays:
    // 0.427568 + (69,805,568 − 33,554,432) / 100,663,296 × (1.71 − 0.427568) = 0.889401 mm²;
    // 1.71 + 0.889401 = 2.5994 mm² (against 3.1426 mm² in 8 banks)
    const rest = 204_023_296 - REF.cells16384KiB;
    const restArea = REF.ctt1b4096 + ((rest - REF.cells4096KiB) / (REF.cells16384KiB - REF.cells4096KiB)) * (REF.ctt1b16384 - REF.ctt1b4096);
    expect(one.envm.banks).toBe(1);
    expect(one.choices[0]!.area_mm2).toBeCloseTo(REF.ctt1b16384 + restArea, 9);
    expect(one.choices[0]!.area_mm2).toBeCloseTo(2.5994, 3);
    expect(one.choices[0]!.areaRatioToDenseSlc).toBe(1);
  });
});
