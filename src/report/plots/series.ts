import type { SweepRow } from '../../system/sweep/sweep-row.js';

/**
 * A line of a plot: one system run under one DRAM idle policy ("-" when the
 * system has no DRAM). Sweep rows of the same system and policy at different
 * frame rates belong to one series.
 */
export interface SeriesId {
  system: string;
  dramPolicy: string;
}

/** Legend text of a DRAM idle policy; "-" means the system has no DRAM. */
export function policyLabel(dramPolicy: string): string {
  return dramPolicy === '-' ? 'no DRAM' : dramPolicy;
}

/** "system (policy)" — unique per series, used in legends and tables. */
export function seriesLabel(s: SeriesId): string {
  return `${s.system} (${policyLabel(s.dramPolicy)})`;
}

export function sameSeries(a: SeriesId, b: SeriesId): boolean {
  return a.system === b.system && a.dramPolicy === b.dramPolicy;
}

/** Distinct series in order of first appearance in the rows (the sweep's order), so legends are stable. */
export function seriesOf(rows: readonly SweepRow[]): SeriesId[] {
  const out: SeriesId[] = [];
  for (const r of rows) if (!out.some((s) => sameSeries(s, r))) out.push({ system: r.system, dramPolicy: r.dramPolicy });
  return out;
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** A plotted point of a line: one feasible sweep row. */
export interface LinePoint {
  system: string;
  policy: string;
  series: string;
  fps: number;
  value: number;
}

/**
 * The feasible rows with a finite positive value (a log axis cannot show 0),
 * as line points. Infeasible rows carry no numbers and are left out, so a line
 * simply ends where its system stops keeping up.
 */
export function linePoints(rows: readonly SweepRow[], value: (r: SweepRow) => number | null): LinePoint[] {
  const out: LinePoint[] = [];
  for (const r of rows) {
    if (!r.feasible) continue;
    const v = value(r);
    if (v === null || !Number.isFinite(v) || v <= 0) continue;
    out.push({ system: r.system, policy: policyLabel(r.dramPolicy), series: seriesLabel(r), fps: r.fps, value: v });
  }
  return out;
}
