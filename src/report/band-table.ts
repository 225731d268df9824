import { BAND_RANGES, describeAssumptions, type AssumptionName, type BandEnd, type RatioBand } from '../system/ratio-band.js';
import { si, textTable } from '../util/format.js';

/**
 * The ratio band as rows (shared by the terminal table of `npm start` and the
 * report page): per system and rate, both powers and the ratio at the default
 * assumptions, the band, and the assumptions at each end with the one that drives it.
 */

export const BAND_HEADER = ['system', 'fps', 'baseline power', 'system power', 'ratio', 'band', 'low end: assumptions (driver)', 'high end: assumptions (driver)'];

const DRIVER_WORD: Record<AssumptionName, string> = { gatedLeakageFraction: 'leakage drives it', flashEnergy_pJ_per_B: 'flash drives it' };

const ratioText = (r: number): string => `${r.toPrecision(3)}×`;

function endText(e: BandEnd): string {
  return `${describeAssumptions(e.assumptions)} (${DRIVER_WORD[e.driver]})`;
}

/** One row per system and rate; only the rates in `only` when given (the bands hold every swept rate). */
export function bandRows(bands: readonly RatioBand[], fpsLabel: (fps: number) => string = String, only?: readonly number[]): string[][] {
  return bands.flatMap((b) =>
    b.rates.flatMap((fps, i) => {
      if (only !== undefined && !only.includes(fps)) return [];
      const p = b.points[i];
      if (p == null) return [[b.system, fpsLabel(fps), '-', '-', '-', '-', 'infeasible for one of the two systems', '']];
      return [[b.system, fpsLabel(fps), si(p.baseline_W, 'W'), si(p.system_W, 'W'), ratioText(p.ratio), `${ratioText(p.low.ratio)} – ${ratioText(p.high.ratio)}`, endText(p.low), endText(p.high)]];
    }),
  );
}

/** One line on the band's ranges and the defaults it moves away from. */
export function bandPreamble(bands: readonly RatioBand[]): string {
  const d = bands[0]?.defaults;
  const [gLo, gHi] = BAND_RANGES.gatedLeakageFraction;
  const [fLo, fHi] = BAND_RANGES.flashEnergy_pJ_per_B;
  const defaults = d === undefined ? '' : ` Defaults: ${describeAssumptions(d)} (the baseline's flash part).`;
  return (
    `Ratio = baseline power (${bands[0]?.baseline ?? '?'}, best DRAM policy) / system power, at the default assumptions, with the band spanned by ` +
    `residual gated leakage ${gLo * 100}–${gHi * 100} % (every power-gated domain, both systems) and flash ${fLo / 1000}–${fHi / 1000} nJ/B (reloads, baseline only).${defaults}`
  );
}

export function bandTable(bands: readonly RatioBand[], fpsLabel?: (fps: number) => string, only?: readonly number[]): string {
  return `${bandPreamble(bands)}\n${textTable(BAND_HEADER, bandRows(bands, fpsLabel, only))}`;
}
