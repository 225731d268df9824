import type { SimulationResult } from '../../system/simulate.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';

function stringAt(obj: unknown, ...path: string[]): string | undefined {
  let cur: unknown = obj;
  for (const k of path) {
    if (typeof cur !== 'object' || cur === null) return undefined;
    cur = (cur as Record<string, unknown>)[k];
  }
  return typeof cur === 'string' ? cur : undefined;
}

/**
 * The rows of one `maxnvm simulate --out DIR` run (summary.json), so the
 * report of a single simulation shows the same plots and tables as a sweep.
 * The DRAM idle policy is not in summary.json: it comes from the manifest
 * (the resolved arch config), and is "-" when the system has no DRAM.
 * A system that cannot run the trace at all has no rows.
 */
export function rowsFromSimulation(r: SimulationResult, manifest: unknown): SweepRow[] {
  if (!r.feasible) return [];
  const hasDram = 'dram' in r.inference.energyByComponent_J || (typeof manifest === 'object' && manifest !== null && stringAt(manifest, 'arch', 'dram', 'idlePolicy') !== undefined);
  const dramPolicy = hasDram ? (stringAt(manifest, 'idlePolicy') ?? stringAt(manifest, 'arch', 'dram', 'idlePolicy') ?? 'unknown') : '-';
  const common = {
    system: r.arch.name,
    archFile: r.arch.file,
    trace: r.trace.name,
    traceFile: stringAt(manifest, 'trace', 'file') ?? '',
    dramPolicy,
    maxFps: r.inference.maxFps,
    area_mm2: r.area_mm2,
    areaByComponent_mm2: r.areaByComponent_mm2,
  };
  // A frame period is the same measurement in a simulation as in a sweep: the row is its context beside it.
  return r.points.map((p): SweepRow => ({ ...common, ...p }));
}
