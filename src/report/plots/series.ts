import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { dramPolicyLabel } from '../dram-policy-label.js';

/**
 * A line of a plot: one system running one trace under one DRAM idle policy
 * ("-" when the system has no DRAM). Sweep rows of the same series at
 * different frame rates make one line.
 */
export interface SeriesId {
  system: string;
  dramPolicy: string;
  trace: string;
}

/** Legend text of a DRAM idle policy; "-" means the system has no DRAM. */
export function policyLabel(dramPolicy: string): string {
  return dramPolicyLabel(dramPolicy);
}

export function sameSeries(a: SeriesId, b: SeriesId): boolean {
  return a.system === b.system && a.dramPolicy === b.dramPolicy && a.trace === b.trace;
}

/** Distinct values in order of first appearance. */
export function distinct<T>(values: Iterable<T>): T[] {
  return [...new Set(values)];
}

/** Distinct series in order of first appearance in the rows (the sweep's order), so legends are stable. */
export function seriesOf(rows: readonly SweepRow[]): SeriesId[] {
  const out: SeriesId[] = [];
  for (const r of rows) if (!out.some((s) => sameSeries(s, r))) out.push({ system: r.system, dramPolicy: r.dramPolicy, trace: r.trace });
  return out;
}

/**
 * Names series for legends and tables: "system (policy)", with " · trace"
 * added only when the rows hold more than one trace.
 */
export function seriesNamer(rows: readonly SweepRow[]): (s: SeriesId) => string {
  const manyTraces = distinct(rows.map((r) => r.trace)).length > 1;
  return (s) => `${s.system} (${policyLabel(s.dramPolicy)})${manyTraces ? ` · ${s.trace}` : ''}`;
}

/** A system as shown on a per-system axis: with its trace when the rows hold several (eNVM area depends on the trace). */
export function systemNamer(rows: readonly SweepRow[]): (r: SweepRow) => string {
  const manyTraces = distinct(rows.map((r) => r.trace)).length > 1;
  return (r) => (manyTraces ? `${r.system} · ${r.trace}` : r.system);
}

/** A plotted point of a line: one feasible sweep row. */
export interface LinePoint {
  system: string;
  policy: string;
  trace: string;
  series: string;
  /** The system as its colour and direct label name it: the system, with " · trace" when there are several (systemNamer). */
  systemLabel: string;
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
  const point = linePointOf(rows);
  for (const r of rows) {
    if (!r.feasible) continue;
    const v = value(r);
    if (v === null || !Number.isFinite(v) || v <= 0) continue;
    out.push(point(r, v));
  }
  return out;
}

/** A row's line point with value `v`, named as the line plots of `rows` name it. */
export function linePointOf(rows: readonly SweepRow[]): (r: SweepRow, v: number) => LinePoint {
  const name = seriesNamer(rows);
  const system = systemNamer(rows);
  return (r, v) => ({ system: r.system, policy: policyLabel(r.dramPolicy), trace: r.trace, series: name(r), systemLabel: system(r), fps: r.fps, value: v });
}
