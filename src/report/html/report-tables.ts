import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { baselineRowAt, type Baseline } from '../plots/baseline.js';
import type { ChosenRate } from '../plots/rates.js';
import { distinct, policyLabel, sameSeries, seriesNamer, seriesOf, systemNamer } from '../plots/series.js';

/** One line of the per-system table. */
export interface SystemLine {
  system: string;
  trace: string;
  archFile: string;
  /** DRAM idle policies swept, or ["no DRAM"]. */
  policies: string[];
  maxFps: number;
  /** null when a grid's design is rejected (nothing was built). */
  area_mm2: number | null;
  areaByComponent_mm2: Record<string, number>;
}

/** One line of the per-rate table: a series at one chosen rate. */
export interface RateLine {
  fps: number;
  requested_fps: number;
  series: string;
  isBaseline: boolean;
  /** Absent when the series was not swept at this rate. */
  row: SweepRow | undefined;
  /** baseline power / this series' power; undefined when either is infeasible, or for the baseline itself. */
  ratio: number | undefined;
}

/** Systems in sweep order, with the figures that do not depend on frame rate. */
export function systemLines(rows: readonly SweepRow[]): SystemLine[] {
  const name = systemNamer(rows);
  return distinct(rows.map(name)).map((label) => {
    const ofSystem = rows.filter((r) => name(r) === label);
    const first = ofSystem[0] as SweepRow;
    return {
      system: label,
      trace: first.trace,
      archFile: first.archFile,
      policies: distinct(ofSystem.map((r) => policyLabel(r.dramPolicy))),
      maxFps: first.maxFps,
      area_mm2: first.area_mm2,
      areaByComponent_mm2: first.areaByComponent_mm2,
    };
  });
}

/** Every series at every chosen rate, rate-major, series in sweep order. */
export function rateLines(rows: readonly SweepRow[], rates: readonly ChosenRate[], baseline: Baseline | undefined): RateLine[] {
  const name = seriesNamer(rows);
  const out: RateLine[] = [];
  for (const rate of rates) {
    for (const s of seriesOf(rows)) {
      const row = rows.find((r) => sameSeries(r, s) && r.fps === rate.fps);
      const isBaseline = baseline !== undefined && s.system === baseline.system && s.dramPolicy === baseline.dramPolicy;
      let ratio: number | undefined;
      if (baseline !== undefined && !isBaseline && row?.feasible === true && row.power_W > 0) {
        const base = baselineRowAt(rows, baseline, s.trace, rate.fps);
        if (base?.feasible === true) ratio = base.power_W / row.power_W;
      }
      out.push({ fps: rate.fps, requested_fps: rate.requested_fps, series: name(s), isBaseline, row, ratio });
    }
  }
  return out;
}

/** Infeasible rows, one per series: the lowest rate at which each series stops keeping up, with the reason. */
export function firstInfeasible(rows: readonly SweepRow[]): { series: string; row: SweepRow }[] {
  const name = seriesNamer(rows);
  const out: { series: string; row: SweepRow }[] = [];
  for (const s of seriesOf(rows)) {
    const bad = rows.filter((r) => sameSeries(r, s) && !r.feasible).sort((a, b) => a.fps - b.fps)[0];
    if (bad !== undefined) out.push({ series: name(s), row: bad });
  }
  return out;
}
