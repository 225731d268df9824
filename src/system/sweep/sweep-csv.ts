import { toCsv, type CsvValue } from '../../util/csv.js';
import type { SweepRow } from './sweep-row.js';

/**
 * sweep.csv: one line per point, SI units in the column names. The fixed
 * columns come first (with a grid's config keys after the DRAM policy); then energy by component, area by component, time by
 * power state and background energy by power state, each in the order the
 * keys first appear in the sweep's rows (the rows are in the grid's canonical
 * order, so the columns are the same for the same sweep however it was run).
 */
export function sweepCsv(rows: readonly SweepRow[]): string {
  const energyKeys = keysInOrder(rows.map((r) => r.energyByComponent_J));
  const areaKeys = keysInOrder(rows.map((r) => r.areaByComponent_mm2));
  const residencyKeys = keysInOrder(rows.map((r) => r.residency_s));
  const stateEnergyKeys = keysInOrder(rows.map((r) => r.stateEnergy_J));
  // A grid's config keys, one column each, named by the key (dotted: no other column has a dot).
  const setKeys = keysInOrder(rows.map((r) => r.set ?? {}));
  const col = {
    energy: (k: string): string => `energy_${k}_J`,
    area: (k: string): string => `area_${k}_mm2`,
    residency: (k: string): string => `residency_${k.replace('.', '_')}_s`,
    stateEnergy: (k: string): string => `state_energy_${k.replace('.', '_')}_J`,
  };
  const columns = [
    'system',
    'arch_file',
    'trace',
    'trace_file',
    'dram_policy',
    ...setKeys,
    'fps',
    'feasible',
    'reason',
    'max_fps',
    'period_s',
    'latency_s',
    'power_W',
    'energy_per_inference_J',
    ...energyKeys.map(col.energy),
    'area_mm2',
    ...areaKeys.map(col.area),
    ...residencyKeys.map(col.residency),
    ...stateEnergyKeys.map(col.stateEnergy),
  ];
  const records = rows.map((r) => {
    const rec: Record<string, CsvValue> = {
      system: r.system,
      arch_file: r.archFile,
      trace: r.trace,
      trace_file: r.traceFile,
      dram_policy: r.dramPolicy,
      fps: r.fps,
      feasible: r.feasible,
      reason: r.reason,
      max_fps: r.maxFps,
      period_s: r.period_s,
      latency_s: r.latency_s,
      power_W: r.power_W,
      energy_per_inference_J: r.energy_per_inference_J,
      area_mm2: r.area_mm2,
    };
    for (const [k, v] of Object.entries(r.set ?? {})) rec[k] = v;
    for (const [k, v] of Object.entries(r.energyByComponent_J)) rec[col.energy(k)] = v;
    for (const [k, v] of Object.entries(r.areaByComponent_mm2)) rec[col.area(k)] = v;
    for (const [k, v] of Object.entries(r.residency_s)) rec[col.residency(k)] = v;
    for (const [k, v] of Object.entries(r.stateEnergy_J)) rec[col.stateEnergy(k)] = v;
    return rec;
  });
  return toCsv(columns, records);
}

function keysInOrder(records: readonly Record<string, unknown>[]): string[] {
  const seen = new Set<string>();
  for (const r of records) for (const k of Object.keys(r)) seen.add(k);
  return [...seen];
}
