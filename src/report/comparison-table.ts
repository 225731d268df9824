import type { ComparisonResult } from '../system/comparison.js';
import type { SweepRow } from '../system/sweep/sweep-row.js';
import { si, textTable } from '../util/format.js';
import { pairsOf } from './plots/baseline.js';

/**
 * The terminal table of the MaxNVM comparison: per system, area and maximum
 * rate, then power and energy per frame at the chosen rates, and the ratio of
 * the baseline (under its `best` DRAM policy) to each system.
 */
export function comparisonTable(result: Pick<ComparisonResult, 'rows' | 'baselineMaxFps'>, baselineSystem: string, rates: number[]): string {
  const { rows, baselineMaxFps } = result;
  const systems = pairsOf(rows).map((b) => ({ system: b.system, policy: b.dramPolicy }));
  const cols = [...rates, baselineMaxFps];
  const label = (f: number): string => (f === baselineMaxFps ? `max ${f.toFixed(0)} fps` : `${f} fps`);
  const header = ['system', 'DRAM policy', 'area mm²', 'max fps', ...cols.map((f) => `${label(f)}: power, energy/frame (×)`)];
  const out = systems.map(({ system, policy }) => {
    const any = rows.find((r) => r.system === system && r.dramPolicy === policy);
    const cells = cols.map((f) => {
      const r = rowAt(rows, system, policy, f);
      if (r === undefined || !r.feasible) return 'infeasible';
      return `${si(r.power_W, 'W')}, ${si(r.energy_J, 'J')} (${ratio(rowAt(rows, baselineSystem, 'best', f), r)})`;
    });
    return [system, policy, any?.area_mm2?.toFixed(2) ?? '-', any?.maxFps.toFixed(0) ?? '-', ...cells];
  });
  return textTable(header, out);
}

/** Baseline power over system power at the same rate (equal to the energy-per-frame ratio). */
function ratio(base: SweepRow | undefined, sys: SweepRow | undefined): string {
  if (base?.feasible !== true || sys?.feasible !== true) return '-';
  return `${(base.power_W / sys.power_W).toFixed(2)}×`;
}


/** The row of `system` (and DRAM policy) at `fps`, if the sweep has it. */
function rowAt(rows: readonly SweepRow[], system: string, policy: string, fps: number): SweepRow | undefined {
  return rows.find((r) => r.system === system && r.dramPolicy === policy && r.fps === fps);
}
