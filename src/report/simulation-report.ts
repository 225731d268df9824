import { join } from 'node:path';
import type { SimulationResult } from '../system/simulate.js';
import { writeFileAtomic, toJson } from '../util/atomic-write.js';
import { toCsv, type CsvValue } from '../util/csv.js';
import { grouped, si, textTable } from '../util/format.js';
import { dramPolicyLabel } from './dram-policy-label.js';

/** Terminal summary of one simulation; `dramIdlePolicy` is the config's (undefined: no DRAM). */
export function simulationTable(r: SimulationResult, dramIdlePolicy: string | undefined): string {
  const lines: string[] = [];
  lines.push(`${r.arch.name} × ${r.trace.name}  (weights: ${r.arch.placement.weights}, activations: ${r.arch.placement.activations}, DRAM idle policy: ${dramPolicyLabel(dramIdlePolicy)})`);
  lines.push(`  trace: ${grouped(r.trace.macs)} MACs, ${grouped(r.trace.weights)} weights (${grouped(r.trace.nonZeroWeights)} non-zero), ${r.trace.layers} layers`);
  lines.push(`  on-chip area: ${r.area_mm2.total.toFixed(3)} mm² (${Object.entries(r.area_mm2.breakdown).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')})`);
  if (!r.feasible) {
    lines.push(`  INFEASIBLE: ${r.reason}`);
    return `${lines.join('\n')}\n`;
  }
  const inf = r.inference;
  const memBound = r.layers.filter((l) => l.bound === 'memory').length;
  lines.push(
    `  one inference: ${si(inf.latency_s, 's')} (${grouped(inf.cycles)} cycles), ${si(inf.energy_J, 'J')}, ` +
      `max ${inf.maxFps.toPrecision(4)} fps; ${memBound}/${r.layers.length} layers memory-bound; ${grouped(inf.hardwareOps)} hardware operations; ${grouped(inf.events)} events`,
  );
  if (inf.host !== undefined) {
    lines.push(`  host CPU (${inf.host.layers} layers NVDLA cannot run): ${si(inf.host.time_s, 's')}, ${si(inf.host.energy_J, 'J')} of the inference`);
  }
  lines.push(`  energy of one inference by component: ${Object.entries(inf.byComponent_J).map(([k, v]) => `${k} ${si(v, 'J')}`).join(', ')}`);
  lines.push('');
  lines.push(topLayersTable(r.layers, inf.latency_s));
  if (r.points.length > 0) {
    const rows = r.points.map((p) =>
      p.feasible
        ? [String(p.fps), si(p.power_W, 'W'), si(p.energy_per_inference_J, 'J'), si(p.latency_s, 's'), dominant(p.breakdown_J)]
        : [String(p.fps), '-', '-', si(p.latency_s, 's'), `infeasible: latency > period ${si(p.period_s, 's')}`],
    );
    lines.push('');
    lines.push(textTable(['fps', 'avg power', 'energy/inference', 'latency', 'largest share'], rows));
  }
  for (const n of r.notes) lines.push(`  note: ${n}`);
  return `${lines.join('\n')}\n`;
}

/** How many layers the terminal summary lists by time (all of them are in layers.csv). */
export const TOP_LAYERS = 10;

/** The layers that take the most time, longest first (ties in execution order), with their share of the inference. */
export function topLayers<L extends { time_s: number }>(layers: readonly L[], count = TOP_LAYERS): L[] {
  return layers
    .map((l, i) => ({ l, i }))
    .sort((a, b) => b.l.time_s - a.l.time_s || a.i - b.i)
    .slice(0, count)
    .map((x) => x.l);
}

function topLayersTable(layers: Extract<SimulationResult, { feasible: true }>['layers'], total_s: number): string {
  const top = topLayers(layers);
  const share = (t: number): string => (total_s > 0 ? `${((100 * t) / total_s).toFixed(1)} %` : '-');
  const rows = top.map((l) => [l.name, l.op, si(l.time_s, 's'), share(l.time_s), l.bound, grouped(l.cycles), si(l.energy_J, 'J')]);
  const covered = top.reduce((s, l) => s + l.time_s, 0);
  const title = `  top ${top.length} of ${layers.length} layers by time (${share(covered)} of the inference; every layer in layers.csv with --out)`;
  return `${title}\n${textTable(['layer', 'op', 'time', 'share', 'bound', 'cycles', 'energy'], rows)}`;
}

function dominant(b: Record<string, Record<string, number>>): string {
  let best = '';
  let bestV = -Infinity;
  let total = 0;
  for (const [comp, terms] of Object.entries(b)) {
    for (const [term, v] of Object.entries(terms)) {
      total += v;
      if (v > bestV) {
        bestV = v;
        best = `${comp}.${term}`;
      }
    }
  }
  return total > 0 ? `${best} ${((100 * bestV) / total).toFixed(0)} %` : '-';
}

/** One row per frame rate, SI units in the column names. */
export function pointsCsv(r: SimulationResult): string {
  if (!r.feasible) return toCsv(['feasible', 'reason'], [{ feasible: false, reason: r.reason }]);
  const comps = new Set<string>();
  const states = new Set<string>();
  for (const p of r.points) {
    if (!p.feasible) continue;
    for (const [c, terms] of Object.entries(p.breakdown_J)) for (const t of Object.keys(terms)) comps.add(`energy_${c}_${t}_J`);
    for (const [d, st] of Object.entries(p.residency_s)) for (const s of Object.keys(st)) states.add(`residency_${d}_${s}_s`);
  }
  const columns = ['system', 'trace', 'fps', 'feasible', 'reason', 'period_s', 'latency_s', 'power_W', 'energy_per_inference_J', ...comps, ...states];
  const rows = r.points.map((p) => {
    const row: Record<string, CsvValue> = { system: r.arch.name, trace: r.trace.name, fps: p.fps, feasible: p.feasible, period_s: p.period_s, latency_s: p.latency_s };
    if (!p.feasible) row.reason = p.reason;
    else {
      row.power_W = p.power_W;
      row.energy_per_inference_J = p.energy_per_inference_J;
      for (const [c, terms] of Object.entries(p.breakdown_J)) for (const [t, v] of Object.entries(terms)) row[`energy_${c}_${t}_J`] = v;
      for (const [d, st] of Object.entries(p.residency_s)) for (const [s, v] of Object.entries(st)) row[`residency_${d}_${s}_s`] = v;
    }
    return row;
  });
  return toCsv(columns, rows);
}

const STALL_COLUMNS = ['launch', 'prologue', 'input_wait', 'weight_wait', 'writeback'].map((k) => `stall_${k}_cycles`);

export function layersCsv(r: SimulationResult): string {
  if (!r.feasible) return toCsv(['name'], []);
  const mems = new Set<string>();
  const comps = new Set<string>();
  for (const l of r.layers) {
    for (const m of Object.keys(l.bytes)) mems.add(m);
    for (const c of Object.keys(l.energyByComponent_J)) comps.add(c);
  }
  const memCols = [...mems].flatMap((m) => [`${m}_read_B`, `${m}_written_B`]);
  const compCols = [...comps].map((c) => `energy_${c}_J`);
  const columns = ['name', 'op', 'fused_into', 'start_s', 'time_s', 'cycles', 'bound', 'macs', 'mac_utilization', 'effective_mac_utilization', 'cbuf_mode', 'compute_cycles', 'memory_floor_cycles', ...STALL_COLUMNS, 'weight_read_B', 'feature_read_B', 'feature_written_B', 'hardware_ops', ...memCols, 'energy_J', ...compCols];
  const rows = r.layers.map((l) => {
    const row: Record<string, CsvValue> = {
      name: l.name, op: l.op, fused_into: l.fusedInto, start_s: l.start_s, time_s: l.time_s, cycles: l.cycles, bound: l.bound, macs: l.macs,
      mac_utilization: l.mac_utilization, effective_mac_utilization: l.effective_mac_utilization, cbuf_mode: l.cbufMode, energy_J: l.energy_J,
      compute_cycles: l.compute_cycles, memory_floor_cycles: l.memory_floor_cycles, weight_read_B: l.weight_read_B, feature_read_B: l.feature_read_B,
      feature_written_B: l.feature_written_B, hardware_ops: l.hardware_ops,
    };
    for (const [k, v] of Object.entries(l.stall_cycles)) row[`stall_${k}_cycles`] = v;
    for (const [m, b] of Object.entries(l.bytes)) {
      row[`${m}_read_B`] = b.read_B;
      row[`${m}_written_B`] = b.written_B;
    }
    for (const [c, v] of Object.entries(l.energyByComponent_J)) row[`energy_${c}_J`] = v;
    return row;
  });
  return toCsv(columns, rows);
}

/** Residency per frame rate, device and power state: one row each. */
function powerStatesCsv(r: SimulationResult): string {
  const rows: Record<string, CsvValue>[] = [];
  if (r.feasible) {
    for (const p of r.points) {
      if (!p.feasible) continue;
      for (const [device, states] of Object.entries(p.residency_s)) {
        for (const [state, s] of Object.entries(states)) {
          rows.push({ fps: p.fps, device, state, residency_s: s, residency_fraction: s / p.period_s, background_energy_J: p.state_energy_J[device]?.[state] });
        }
      }
    }
  }
  return toCsv(['fps', 'device', 'state', 'residency_s', 'residency_fraction', 'background_energy_J'], rows);
}

/** Write the output folder of one simulation; every file atomically, nothing time-stamped. */
export function writeSimulationOutputs(dir: string, r: SimulationResult, manifest: unknown): void {
  writeFileAtomic(join(dir, 'manifest.json'), toJson(manifest));
  writeFileAtomic(join(dir, 'summary.json'), toJson(r));
  writeFileAtomic(join(dir, 'layers.csv'), layersCsv(r));
  writeFileAtomic(join(dir, 'points.csv'), pointsCsv(r));
  writeFileAtomic(join(dir, 'power-states.csv'), powerStatesCsv(r));
}
