import type { SweepRow } from '../../system/sweep/sweep-row.js';
import { toCsv, type CsvValue } from '../../util/csv.js';
import { paretoFront } from './front.js';
import { minimizedValue, OBJECTIVE_COLUMNS, type Objective, type ObjectiveColumn } from './objectives.js';

/**
 * The Pareto fronts of a sweep: one per trace and frame rate (energy per
 * inference and power depend on both, so points of different rates or
 * workloads are not compared). Candidates are the feasible rows with a value
 * for every objective; infeasible rows carry no numbers and take no part.
 */

export interface ParetoResult {
  objectives: Objective[];
  /** Feasible rows with every objective: the candidates. */
  candidates: SweepRow[];
  /** The non-dominated rows, sorted (see sortFront). */
  front: SweepRow[];
}

export function paretoOf(rows: readonly SweepRow[], objectives: readonly Objective[]): ParetoResult {
  const vector = (r: SweepRow): number[] => objectives.map((o) => minimizedValue(o, r) as number);
  const candidates = rows.filter((r) => r.feasible && objectives.every((o) => minimizedValue(o, r) !== null));
  const groups = new Map<string, SweepRow[]>();
  for (const r of candidates) {
    const key = JSON.stringify([r.trace, r.fps]);
    groups.set(key, [...(groups.get(key) ?? []), r]);
  }
  const front = [...groups.values()].flatMap((g) => paretoFront(g, vector));
  return { objectives: [...objectives], candidates, front: sortFront(front, objectives) };
}

/**
 * A deterministic order whatever order the rows came in: trace, rate, then
 * the objectives in the order given (each best first), then system name and
 * DRAM policy (code-unit order) to order duplicates.
 */
export function sortFront(rows: readonly SweepRow[], objectives: readonly Objective[]): SweepRow[] {
  const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
  return [...rows].sort(
    (a, b) =>
      text(a.trace, b.trace) ||
      a.fps - b.fps ||
      objectives.reduce((d, o) => d || (minimizedValue(o, a) as number) - (minimizedValue(o, b) as number), 0) ||
      text(a.system, b.system) ||
      text(a.dramPolicy, b.dramPolicy),
  );
}

/** The columns every front row reports besides its objectives. */
const MEASURES: ObjectiveColumn[] = ['area_mm2', 'energy_J', 'latency_s', 'power_W', 'maxFps'];

/** pareto.csv: the front's rows; the grid's keys and the objectives first, then the other measures. */
export function paretoCsv(p: ParetoResult): string {
  const setKeys = [...new Set(p.front.flatMap((r) => Object.keys(r.set ?? {})))];
  const objectiveCols = p.objectives.map((o) => o.column);
  const columns = ['trace', 'fps', 'system', 'dramPolicy', ...setKeys, ...objectiveCols, ...MEASURES.filter((m) => !objectiveCols.includes(m)), 'archFile'];
  const records = p.front.map((r) => {
    const rec: Record<string, CsvValue> = { trace: r.trace, fps: r.fps, system: r.system, dramPolicy: r.dramPolicy, archFile: r.archFile };
    for (const [k, v] of Object.entries(r.set ?? {})) rec[k] = v;
    for (const m of MEASURES) rec[m] = OBJECTIVE_COLUMNS[m](r);
    return rec;
  });
  return toCsv(columns, records);
}
