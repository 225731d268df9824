import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { nvdlaArea } from '../../../src/hw/nvdla/area.js';
import {
  calibrateNvdla,
  calibratedEnergy,
  NVDLA_CALIBRATION as cal,
  PRIMER_POINTS,
  SDP_ELEMENT_IN_MACS,
  SRAM_READ_ENERGY_pJ_per_B,
} from '../../../src/hw/nvdla/calibration.js';
import { leastSquares } from '../../../src/hw/nvdla/least-squares.js';
import { nvdlaBuildDefaults } from '../../../src/hw/nvdla/spec.js';

const csv = readFileSync(new URL('../../../reference/nvdla-area-power.csv', import.meta.url), 'utf8').trim().split('\n');

describe('least squares', () => {
  it('recovers an exact line and reports zero residuals', () => {
    // y = 2x + 3 at x = 0, 1, 2, 5.
    const fit = leastSquares([[0, 1], [1, 1], [2, 1], [5, 1]], [3, 5, 7, 13]);
    expect(fit.coefficients[0]).toBeCloseTo(2, 12);
    expect(fit.coefficients[1]).toBeCloseTo(3, 12);
    expect(fit.maxAbs).toBeLessThan(1e-12);
  });
  it('fits a noisy line by hand: points (0,0), (1,1), (2,1) → y = 0.5x + 1/6', () => {
    // Normal equations: [5 3; 3 3]·[a b] = [3 2] → a = 0.5, b = 1/6.
    const fit = leastSquares([[0, 1], [1, 1], [2, 1]], [0, 1, 1]);
    expect(fit.coefficients[0]).toBeCloseTo(0.5, 12);
    expect(fit.coefficients[1]).toBeCloseTo(1 / 6, 12);
    expect(fit.residuals.map((r) => +r.toFixed(12))).toEqual([-0.166666666667, 0.333333333333, -0.166666666667]);
  });
  it('refuses linearly dependent columns', () => {
    expect(() => leastSquares([[1, 2], [2, 4], [3, 6]], [1, 2, 3])).toThrow(/dependent/);
  });
});

describe('NVDLA calibration to reference/nvdla-area-power.csv', () => {
  it('the pasted points equal the reference file', () => {
    expect(csv[0]).toBe('macs_int8,cbuf_kib,dram_bandwidth_GBps,area_28nm_mm2,area_16nm_mm2,power_peak_16nm_mW,power_average_16nm_mW');
    const rows = csv.slice(1).map((line) => line.split(',').map(Number));
    expect(rows.map((r) => r.slice(0, 7))).toEqual(
      PRIMER_POINTS.map((p) => [p.macs, p.cbuf_KiB, p.dramBandwidth_GBps, p.area28_mm2, p.area16_mm2, p.powerPeak_mW, p.powerAverage_mW]),
    );
  });

  it('the area model reproduces every reference area within the fit residual', () => {
    const fit = cal.area16;
    PRIMER_POINTS.forEach((p, i) => {
      const params = { ...nvdlaBuildDefaults('nv_full'), macAtomicC: p.macs, macAtomicK: 1, cbufBanks: p.cbuf_KiB, cbufBankWidth_B: 1024, cbufBankDepth: 1 };
      const model = nvdlaArea(params).total_mm2;
      expect(Math.abs(model - p.area16_mm2)).toBeCloseTo(Math.abs(fit.residuals[i]!), 12);
      expect(Math.abs(model - p.area16_mm2)).toBeLessThanOrEqual(fit.maxAbs + 1e-12);
    });
    // The two shipped builds sit on reference points: nv_full (2048 MACs, 512 KiB) and nv_small (64, 128).
    expect(Math.abs(nvdlaArea(nvdlaBuildDefaults('nv_full')).total_mm2 - 3.3)).toBeLessThanOrEqual(fit.maxAbs);
    expect(Math.abs(nvdlaArea(nvdlaBuildDefaults('nv_small')).total_mm2 - 0.55)).toBeLessThanOrEqual(fit.maxAbs);
    // A least-squares fit with an intercept has residuals summing to zero.
    expect(fit.residuals.reduce((s, r) => s + r, 0)).toBeCloseTo(0, 10);
  });

  it('re-derives the figures quoted in CALIBRATION.md', () => {
    const [a, b, c] = cal.area16.coefficients;
    expect(a).toBeCloseTo(1.0296e-3, 6);
    expect(b).toBeCloseTo(1.8508e-3, 6);
    expect(c).toBeCloseTo(0.2713, 4);
    expect(cal.area16.maxAbs).toBeCloseTo(0.1277, 4);
    expect(cal.averagePower.coefficients[1]).toBeCloseTo(0.04116, 5);
    expect(cal.averagePower.coefficients[2]).toBeCloseTo(5.236, 3);
    expect(cal.dynamicEnergyPerMac_pJ).toBeCloseTo(0.2387, 4);
    expect(nvdlaBuildDefaults('nv_full').leakage_mW).toBeCloseTo(26.31, 2);
    expect(nvdlaBuildDefaults('nv_small').leakage_mW).toBeCloseTo(10.50, 2);
  });

  it('leakage stays below the average power, and full-utilization power below the peak, at every point', () => {
    PRIMER_POINTS.forEach((p, i) => {
      const leak = cal.leakage_mW_per_KiB * p.cbuf_KiB + cal.leakageConstant_mW;
      expect(leak).toBeGreaterThan(0);
      expect(leak).toBeLessThan(p.powerAverage_mW);
      expect(cal.fullUtilizationPower_mW[i]!).toBeLessThan(p.powerPeak_mW);
    });
    const perPoint = cal.dynamicEnergyPerMacByPoint_pJ;
    expect(cal.dynamicEnergyPerMac_pJ).toBeGreaterThan(Math.min(...perPoint));
    expect(cal.dynamicEnergyPerMac_pJ).toBeLessThan(Math.max(...perPoint));
  });

  it('splits the all-in MAC energy into MAC and CBUF-read parts by the nominal bytes per MAC', () => {
    const e = cal.dynamicEnergyPerMac_pJ;
    // nv_full: 1/32 B of feature atom + 1/32 B of weights per MAC; nv_small: 1/8 + 1/32.
    expect(calibratedEnergy({ macAtomicK: 32, stripeMax: 32, cbuf_KiB: 512 }).macEnergy_pJ).toBeCloseTo(e - SRAM_READ_ENERGY_pJ_per_B * (2 / 32), 12);
    expect(calibratedEnergy({ macAtomicK: 8, stripeMax: 32, cbuf_KiB: 128 }).macEnergy_pJ).toBeCloseTo(e - SRAM_READ_ENERGY_pJ_per_B * (1 / 8 + 1 / 32), 12);
    // SDP element = (3.1 + 2·0.1) / (0.2 + 0.03) MAC energies.
    expect(SDP_ELEMENT_IN_MACS).toBeCloseTo(3.3 / 0.23, 12);
    expect(nvdlaBuildDefaults('nv_full').sdpEnergy_pJ_per_element).toBeCloseTo(e * 3.3 / 0.23, 12);
  });

  it('depends on the data: a point changed changes the fit', () => {
    const changed = PRIMER_POINTS.map((p, i) => (i === 0 ? { ...p, area16_mm2: p.area16_mm2 + 1 } : p));
    expect(calibrateNvdla(changed).area16.coefficients[0]).not.toBeCloseTo(cal.area16.coefficients[0]!, 6);
  });
});
