import { describe, expect, it } from 'vitest';
import { loadArchConfig, withDramIdlePolicy } from '../../../src/config/arch-config.js';
import { BAND_RANGES, describeAssumption, powersAt, ratioBands, withAssumptions, type Assumptions } from '../../../src/system/ratio-band.js';
import { bandRows } from '../../../src/report/band-table.js';
import { loadTrace } from '../../../src/workload/load-trace.js';
import { logSpacedRates } from '../../../src/system/sweep/grid.js';

const trace = loadTrace('traces/tiny-conv.json');
const baseline = withDramIdlePolicy(loadArchConfig('arch-configs/nvdla-full-lpddr4.json'), 'best');
const envm = loadArchConfig('arch-configs/maxnvm-rram-1bpc-dense.json');
const RATES = [0.1, 1000];
const [band] = ratioBands(baseline, [envm], trace, RATES, 1);

describe('the ratio band', () => {
  it('end points are ordered around the default ratio and sit at corners of the ranges', () => {
    expect(band).toBeDefined();
    const corners = new Set(BAND_RANGES.gatedLeakageFraction.flatMap((g) => BAND_RANGES.flashEnergy_pJ_per_B.map((f) => `${g}/${f}`)));
    for (const p of band!.points) {
      expect(p).not.toBeNull();
      expect(p!.low.ratio).toBeLessThanOrEqual(p!.ratio);
      expect(p!.ratio).toBeLessThanOrEqual(p!.high.ratio);
      expect(p!.ratio).toBeCloseTo(p!.baseline_W / p!.system_W, 12);
      for (const e of [p!.low, p!.high]) expect(corners.has(`${e.assumptions.gatedLeakageFraction}/${e.assumptions.flashEnergy_pJ_per_B}`)).toBe(true);
    }
  });

  it('at every rate of a log-spaced sweep (as the band plot draws it), both systems\' ends bracket the default ratio', () => {
    const rates = logSpacedRates(0.1, 1000, 25);
    const ctt = loadArchConfig('arch-configs/maxnvm-ctt-1bpc-dense.json');
    const bands = ratioBands(baseline, [envm, ctt], trace, rates, 1);
    for (const b of bands) {
      expect(b.rates).toEqual(rates);
      const feasible = b.points.filter((p) => p !== null);
      expect(feasible).toHaveLength(rates.length);
      for (const p of feasible) {
        expect(p!.low.ratio, `${b.system} at ${p!.fps} fps`).toBeLessThanOrEqual(p!.ratio);
        expect(p!.ratio, `${b.system} at ${p!.fps} fps`).toBeLessThanOrEqual(p!.high.ratio);
      }
      // A band, not a point: at the lowest rate idle power dominates and the assumptions move the ratio.
      expect(feasible[0]!.high.ratio).toBeGreaterThan(feasible[0]!.low.ratio);
    }
  });

  it('each end is the ratio its named assumptions give, recomputed from scratch', () => {
    const ratio = (a: Assumptions, i: number): number =>
      (powersAt(withAssumptions(baseline, a), trace, RATES, 1)[i] as number) / (powersAt(withAssumptions(envm, a), trace, RATES, 1)[i] as number);
    band!.points.forEach((p, i) => {
      expect(ratio(p!.low.assumptions, i)).toBeCloseTo(p!.low.ratio, 12);
      expect(ratio(p!.high.assumptions, i)).toBeCloseTo(p!.high.ratio, 12);
    });
  });

  it('at a low rate, more residual leakage lowers the ratio (the eNVM system gates more leakage: SRAM and eNVM) and a dearer flash raises it', () => {
    const p = band!.points[0]!;
    expect(p.low.assumptions.gatedLeakageFraction).toBe(0.05);
    expect(p.high.assumptions.gatedLeakageFraction).toBe(0.001);
    expect(p.high.assumptions.flashEnergy_pJ_per_B).toBeGreaterThanOrEqual(p.low.assumptions.flashEnergy_pJ_per_B);
    // The driver moves the ratio more on its own (the other assumption at its default) than the other does.
    const d = band!.defaults;
    const alone = (a: Partial<Assumptions>): number =>
      (powersAt(withAssumptions(baseline, { ...d, ...a }), trace, [0.1], 1)[0] as number) / (powersAt(withAssumptions(envm, { ...d, ...a }), trace, [0.1], 1)[0] as number);
    const byLeak = Math.abs(alone({ gatedLeakageFraction: 0.001 }) - p.ratio);
    const byFlash = Math.abs(alone({ flashEnergy_pJ_per_B: p.high.assumptions.flashEnergy_pJ_per_B }) - p.ratio);
    expect(p.high.driver).toBe(byLeak >= byFlash ? 'gatedLeakageFraction' : 'flashEnergy_pJ_per_B');
  });

  it('names the assumptions in words, in the table rows too', () => {
    expect(describeAssumption('gatedLeakageFraction', 0.05)).toBe('residual gated leakage 5 %');
    expect(describeAssumption('gatedLeakageFraction', 0.001)).toBe('residual gated leakage 0.1 %');
    expect(describeAssumption('flashEnergy_pJ_per_B', 100)).toBe('flash 0.1 nJ/B');
    const [row] = bandRows([band!]);
    expect(row?.[6]).toMatch(/^residual gated leakage 5 %, flash (0\.1|2) nJ\/B \((leakage|flash) drives it\)$/);
    expect(row?.[7]).toMatch(/^residual gated leakage 0\.1 %, flash (0\.1|2) nJ\/B \((leakage|flash) drives it\)$/);
  });
});
