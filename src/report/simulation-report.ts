import { join } from 'node:path';
import type { SimulationResult } from '../system/simulate.js';
import { writeFileAtomic, toJson } from '../util/atomic-write.js';
import { toCsv, type CsvValue } from '../util/csv.js';
import { tableCsv } from '../util/columns.js';
import { MEASUREMENT_FIELDS } from '../system/measurement.js';
import { grouped, si, textTable } from '../util/format.js';
import { dramPolicyLabel } from './dram-policy-label.js';

/** Terminal summary of one simulation; `dramIdlePolicy` is the config's (undefined: no DRAM). */
export function simulationTable(r: SimulationResult, dramIdlePolicy: string | undefined): string {
  const lines: string[] = [];
  lines.push(`${r.arch.name} × ${r.trace.name}  (weights: ${r.arch.placement.weights}, activations: ${r.arch.placement.activations}, DRAM idle policy: ${dramPolicyLabel(dramIdlePolicy)})`);
  lines.push(`  trace: ${grouped(r.trace.macs)} MACs, ${grouped(r.trace.weights)} weights (${grouped(r.trace.nonZeroWeights)} non-zero), ${r.trace.layers} layers`);
  lines.push(`  on-chip area: ${r.area_mm2.toFixed(3)} mm² (${Object.entries(r.areaByComponent_mm2).map(([k, v]) => `${k} ${v.toFixed(3)}`).join(', ')})`);
  if (!r.feasible) {
    lines.push(`  INFEASIBLE: ${r.reason}`);
    return `${lines.join('\n')}\n`;
  }
  const inf = r.inference;
  const memBound = r.layers.filter((l) => l.bound === 'memory').length;
  lines.push(
    `  one inference: ${si(inf.time_s, 's')} (${grouped(inf.cycles)} cycles), ${si(inf.energy_J, 'J')}, ` +
      `max ${inf.maxFps.toPrecision(4)} fps; ${memBound}/${r.layers.length} layers memory-bound; ${grouped(inf.hardwareOps)} hardware operations; ${grouped(inf.events)} events`,
  );
  if (inf.host !== undefined) {
    lines.push(`  host CPU (${inf.host.layers} layers NVDLA cannot run): ${si(inf.host.time_s, 's')}, ${si(inf.host.energy_J, 'J')} of the inference`);
  }
  lines.push(`  energy of one inference by component: ${Object.entries(inf.energyByComponent_J).map(([k, v]) => `${k} ${si(v, 'J')}`).join(', ')}`);
  lines.push('');
  lines.push(topLayersTable(r.layers, inf.time_s));
  if (r.points.length > 0) {
    const rows = r.points.map((p) =>
      p.feasible
        ? [String(p.fps), si(p.power_W, 'W'), si(p.energy_J, 'J'), si(p.latency_s ?? NaN, 's'), dominant(p.energyByTerm_J)]
        : [String(p.fps), '-', '-', si(p.latency_s ?? NaN, 's'), `infeasible: latency > period ${si(p.period_s, 's')}`],
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

/** Order of the context fields before the measurement's (src/system/measurement.ts). */
const POINT_FIELDS = ['system', 'trace', 'fps', 'period_s', 'latency_s', 'framesMeasured', 'events', ...MEASUREMENT_FIELDS];
const LAYER_FIELDS = ['name', 'op', 'fusedInto', 'start_s', ...MEASUREMENT_FIELDS.slice(0, 5)];

/** One row per frame rate: the system and trace beside each point's measurement, columns by the naming rule. */
export function pointsCsv(r: SimulationResult): string {
  if (!r.feasible) return tableCsv([{ feasible: false, reason: r.reason }]);
  return tableCsv(r.points.map((p) => ({ system: r.arch.name, trace: r.trace.name, ...p })), { order: POINT_FIELDS });
}

/** One row per trace layer: its measurement and the core's per-layer statistics, columns by the naming rule. */
export function layersCsv(r: SimulationResult): string {
  if (!r.feasible) return toCsv(['name'], []);
  return tableCsv(r.layers, { order: LAYER_FIELDS });
}

/** Residency per frame rate, device and power state: one row each. */
function powerStatesCsv(r: SimulationResult): string {
  const rows: Record<string, CsvValue>[] = [];
  if (r.feasible) {
    for (const p of r.points) {
      if (!p.feasible) continue;
      for (const [device, states] of Object.entries(p.residency_s)) {
        for (const [state, s] of Object.entries(states)) {
          rows.push({ fps: p.fps, device, state, residency_s: s, residencyFraction: s / p.period_s, stateEnergy_J: p.stateEnergy_J[device]?.[state] });
        }
      }
    }
  }
  return toCsv(['fps', 'device', 'state', 'residency_s', 'residencyFraction', 'stateEnergy_J'], rows);
}

/** Write the output folder of one simulation; every file atomically, nothing time-stamped. */
export function writeSimulationOutputs(dir: string, r: SimulationResult, manifest: unknown): void {
  writeFileAtomic(join(dir, 'manifest.json'), toJson(manifest));
  writeFileAtomic(join(dir, 'summary.json'), toJson(r));
  writeFileAtomic(join(dir, 'layers.csv'), layersCsv(r));
  writeFileAtomic(join(dir, 'points.csv'), pointsCsv(r));
  writeFileAtomic(join(dir, 'power-states.csv'), powerStatesCsv(r));
}
