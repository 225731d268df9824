import type { ArchConfig } from '../config/arch-config.js';
import type { Trace } from '../workload/layer.js';
import { buildSystem } from './build.js';
import { coldInference } from './inference.js';
import { composePeriod, composer } from './sweep/compose.js';

/**
 * The MaxNVM ratio (baseline power / system power) as a band rather than a point:
 * the two assumptions the ratio is most sensitive to are moved over their published
 * ranges, together and one at a time, and each end of the band is named with the
 * assumptions that produce it and the one of them that moves the ratio more.
 *
 * The ratio is monotone in each assumption (power is affine in the residual leakage and
 * in the flash energy per byte, and the baseline's best idle policy is a minimum of such
 * affine functions), so its extremes lie at the corners of the ranges.
 */

export interface Assumptions {
  /** Leakage left in every power-gated domain (NVDLA core, eNVM, SRAM), both systems. */
  gatedLeakageFraction: number;
  /** Flash device energy per byte of a weight reload (baseline only; the host's transfer is kept). */
  flashEnergy_pJ_per_B: number;
}
export type AssumptionName = keyof Assumptions;

/** The ranges of the band: residual gated leakage 0.1–5 %, flash 0.1–2 nJ/B. */
export const BAND_RANGES: Record<AssumptionName, readonly [number, number]> = {
  gatedLeakageFraction: [0.001, 0.05],
  flashEnergy_pJ_per_B: [100, 2000],
};

/** An assumption's value with its unit, as people quote it: "5 %", "0.1 nJ/B". */
export function assumptionValueText(name: AssumptionName, value: number): string {
  return name === 'gatedLeakageFraction' ? `${Number((value * 100).toPrecision(3))} %` : `${Number((value / 1000).toPrecision(3))} nJ/B`;
}

/** An assumption and its value in words: "residual gated leakage 5 %", "flash 0.1 nJ/B". */
export function describeAssumption(name: AssumptionName, value: number): string {
  return `${name === 'gatedLeakageFraction' ? 'residual gated leakage' : 'flash'} ${assumptionValueText(name, value)}`;
}

/** Both assumptions in words: "residual gated leakage 5 %, flash 0.1 nJ/B". */
export function describeAssumptions(a: Assumptions): string {
  return `${describeAssumption('gatedLeakageFraction', a.gatedLeakageFraction)}, ${describeAssumption('flashEnergy_pJ_per_B', a.flashEnergy_pJ_per_B)}`;
}

/** The same config under other assumptions; never mutates. */
export function withAssumptions(c: ArchConfig, a: Partial<Assumptions>): ArchConfig {
  const out: ArchConfig = { ...c };
  const g = a.gatedLeakageFraction;
  if (g !== undefined) {
    out.nvdla = { ...c.nvdla, gatedLeakageFraction: g };
    if (c.envm !== undefined) out.envm = { ...c.envm, gatedLeakageFraction: g };
    if (c.sram !== undefined) out.sram = { ...c.sram, gatedLeakageFraction: g };
  }
  if (a.flashEnergy_pJ_per_B !== undefined && c.backingStore !== undefined) {
    out.backingStore = { ...c.backingStore, readEnergy_pJ_per_B: a.flashEnergy_pJ_per_B };
  }
  return out;
}

/** The assumptions a config holds (the baseline's flash; the core's residual leakage). */
function assumptionsOf(c: ArchConfig): Assumptions {
  return { gatedLeakageFraction: c.nvdla.gatedLeakageFraction, flashEnergy_pJ_per_B: c.backingStore?.readEnergy_pJ_per_B ?? NaN };
}

/** Steady-state power at each rate, composed as the sweep composes it; null where the rate is infeasible. */
export function powersAt(config: ArchConfig, trace: Trace, rates: readonly number[], seed: number): (number | null)[] {
  const fresh = () => buildSystem(config, trace, { seed });
  const first = fresh();
  if (first.infeasible !== undefined) return rates.map(() => null);
  const comp = composer(fresh, coldInference(first));
  return rates.map((f) => {
    const p = composePeriod(comp, f);
    return p.feasible ? p.power_W : null;
  });
}

export interface BandEnd {
  ratio: number;
  assumptions: Assumptions;
  /** The assumption whose move alone (the other at its default) shifts the ratio more towards this end. */
  driver: AssumptionName;
}

export interface BandPoint {
  fps: number;
  baseline_W: number;
  system_W: number;
  /** At the default assumptions. */
  ratio: number;
  low: BandEnd;
  high: BandEnd;
}

export interface RatioBand {
  system: string;
  baseline: string;
  defaults: Assumptions;
  /** One per rate; null where either system cannot sustain it. */
  points: (BandPoint | null)[];
  rates: number[];
}

/**
 * The ratio of `baseline` to each of `systems` at `rates`, at the default assumptions and
 * at the corners of BAND_RANGES. `baseline` should carry the DRAM idle policy to compare
 * with (the comparison uses "best").
 */
export function ratioBands(baseline: ArchConfig, systems: readonly ArchConfig[], trace: Trace, rates: readonly number[], seed: number): RatioBand[] {
  const defaults = assumptionsOf(baseline);
  const cache = new Map<string, (number | null)[]>();
  const power = (c: ArchConfig, a: Assumptions): (number | null)[] => {
    // A system without a backing store does not depend on the flash energy.
    const key = JSON.stringify([c.file, c.name, a.gatedLeakageFraction, c.backingStore === undefined ? null : a.flashEnergy_pJ_per_B]);
    let p = cache.get(key);
    if (p === undefined) cache.set(key, (p = powersAt(withAssumptions(c, a), trace, rates, seed)));
    return p;
  };
  const [gLo, gHi] = BAND_RANGES.gatedLeakageFraction;
  const [fLo, fHi] = BAND_RANGES.flashEnergy_pJ_per_B;
  const corners: Assumptions[] = [gLo, gHi].flatMap((g) => [fLo, fHi].map((f) => ({ gatedLeakageFraction: g, flashEnergy_pJ_per_B: f })));
  return systems.map((sys) => {
    const ratioAt = (a: Assumptions, i: number): number | null => {
      const b = power(baseline, a)[i];
      const s = power(sys, a)[i];
      return b == null || s == null ? null : b / s;
    };
    const points = rates.map((fps, i): BandPoint | null => {
      const r0 = ratioAt(defaults, i);
      const b0 = power(baseline, defaults)[i];
      const s0 = power(sys, defaults)[i];
      const at = corners.map((a) => ({ a, r: ratioAt(a, i) }));
      if (r0 === null || b0 == null || s0 == null || at.some((x) => x.r === null)) return null;
      const sorted = [...at].sort((x, y) => (x.r as number) - (y.r as number));
      const end = (x: { a: Assumptions; r: number | null }): BandEnd => {
        // One at a time: each assumption at this end's value, the other at its default.
        const byLeak = ratioAt({ ...defaults, gatedLeakageFraction: x.a.gatedLeakageFraction }, i) as number;
        const byFlash = ratioAt({ ...defaults, flashEnergy_pJ_per_B: x.a.flashEnergy_pJ_per_B }, i) as number;
        const driver: AssumptionName = Math.abs(byLeak - r0) >= Math.abs(byFlash - r0) ? 'gatedLeakageFraction' : 'flashEnergy_pJ_per_B';
        return { ratio: x.r as number, assumptions: x.a, driver };
      };
      return { fps, baseline_W: b0, system_W: s0, ratio: r0, low: end(sorted[0]!), high: end(sorted[sorted.length - 1]!) };
    });
    return { system: sys.name, baseline: baseline.name, defaults, points, rates: [...rates] };
  });
}
