import type { SimulationResult } from '../../system/simulate.js';
import { componentTotals } from '../../engine/stats.js';
import type { SweepRow } from '../../system/sweep/sweep-row.js';

/** device → state → value (s or J), flattened to "device.state" → value as in SweepRow. */
function flatByState(nested: Record<string, Record<string, number>>): Record<string, number> {
  const out: Record<string, number> = {};
  for (const [d, states] of Object.entries(nested)) for (const [s, v] of Object.entries(states)) out[`${d}.${s}`] = v;
  return out;
}

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
  const hasDram = 'dram' in r.inference.byComponent_J || (typeof manifest === 'object' && manifest !== null && stringAt(manifest, 'arch', 'dram', 'idlePolicy') !== undefined);
  const dramPolicy = hasDram ? (stringAt(manifest, 'idlePolicy') ?? stringAt(manifest, 'arch', 'dram', 'idlePolicy') ?? 'unknown') : '-';
  const common = {
    system: r.arch.name,
    archFile: r.arch.file,
    trace: r.trace.name,
    traceFile: stringAt(manifest, 'trace', 'file') ?? '',
    dramPolicy,
    maxFps: r.inference.maxFps,
    area_mm2: r.area_mm2.total,
    areaByComponent_mm2: r.area_mm2.breakdown,
  };
  return r.points.map((p): SweepRow =>
    p.feasible
      ? {
          ...common,
          fps: p.fps,
          feasible: true,
          reason: '',
          period_s: p.period_s,
          latency_s: p.latency_s,
          power_W: p.power_W,
          energy_per_inference_J: p.energy_per_inference_J,
          energyByComponent_J: componentTotals(p.breakdown_J),
          residency_s: flatByState(p.residency_s),
          // Older summaries have no per-state energy: nothing to show rather than a guess.
          stateEnergy_J: p.state_energy_J === undefined ? {} : flatByState(p.state_energy_J),
        }
      : {
          ...common,
          fps: p.fps,
          feasible: false,
          reason: p.reason,
          period_s: p.period_s,
          latency_s: p.latency_s,
          power_W: null,
          energy_per_inference_J: null,
          energyByComponent_J: {},
          residency_s: {},
          stateEnergy_J: {},
        },
  );
}
