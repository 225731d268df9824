/**
 * Result schema 2 renamed output keys and columns; it must not change a value.
 * This compares the golden files of a git revision written under schema 1
 * (default: 3ae7c03, the last commit before the rename) with the working tree's:
 * every old value, looked up under its new name by the rename table below,
 * must be the same text. New keys (the core's per-layer statistics, counters)
 * are not compared: they did not exist before.
 *
 *   node --import tsx scripts/check-golden-rename.ts [REV]
 */
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { camel, columnOf } from '../src/util/columns.js';
import { parseCsv } from '../src/util/csv.js';

const rev = process.argv[2] ?? '3ae7c03';
const COMPONENTS = ['nvdla', 'controlDomain', 'dram', 'backingStore', 'envm', 'weightPath', 'sram', 'host', 'memoryPort'];

/** `controlDomain_nvdla_control` → ['controlDomain', 'nvdla_control'] (component names have no underscore). */
function componentAndRest(s: string): [string, string] {
  const c = COMPONENTS.find((x) => s === x || s.startsWith(`${x}_`));
  if (c === undefined) throw new Error(`no component in ${s}`);
  return [c, s.slice(c.length + 1)];
}

const SAME_LAYER: Record<string, string> = {
  fused_into: 'fusedInto',
  mac_utilization: 'macUtilization',
  effective_mac_utilization: 'effectiveMacUtilization',
  cbuf_mode: 'cbufMode',
  compute_cycles: 'computeCycles',
  memory_floor_cycles: 'memoryFloorCycles',
  weight_read_B: 'weightFetched_B',
  feature_read_B: 'featureRead_B',
  feature_written_B: 'outputWritten_B',
  hardware_ops: 'hardwareOps',
};

/** The schema-2 column of a schema-1 column. */
function newColumn(file: string, old: string): string {
  if (file.endsWith('.layers.csv')) {
    if (old in SAME_LAYER) return SAME_LAYER[old] as string;
    let m = /^stall_(\w+)_cycles$/.exec(old);
    if (m) return `${camel(m[1] as string)}Cycles`;
    m = /^energy_(\w+)_J$/.exec(old);
    if (m) return columnOf(['energyByComponent_J', m[1] as string]);
    m = /^(\w+)_(read|written)_B$/.exec(old);
    if (m) return columnOf([m[2] === 'read' ? 'bytesRead_B' : 'bytesWritten_B', m[1] as string]);
    return old;
  }
  if (old === 'energy_per_inference_J') return 'energy_J';
  let m = /^energy_(\w+)_J$/.exec(old);
  if (m) return columnOf(['energyByTerm_J', ...componentAndRest(m[1] as string)]);
  m = /^residency_(\w+)_s$/.exec(old);
  if (m) return columnOf(['residency_s', ...componentAndRest(m[1] as string)]);
  return old;
}

/** The schema-2 JSON path of a schema-1 path (segments joined by '/'). */
function newPath(old: string[]): string[] {
  const [head, ...rest] = old;
  if (head === 'area_mm2') return rest[0] === 'total' ? ['area_mm2'] : ['areaByComponent_mm2', ...rest.slice(1)];
  if (head === 'inference') {
    const [k, ...more] = rest;
    const key = { latency_s: 'time_s', breakdown_J: 'energyByTerm_J', byComponent_J: 'energyByComponent_J' }[k as string] ?? k;
    return [head, key as string, ...more];
  }
  if (head === 'layers') {
    const [i, k, ...more] = rest;
    if (k === 'stall_cycles') return [head, i as string, `${camel(more[0] as string)}Cycles`];
    if (k === 'bytes') return [head, i as string, more[1] === 'read_B' ? 'bytesRead_B' : 'bytesWritten_B', more[0] as string];
    return [head, i as string, SAME_LAYER[k as string] ?? (k as string), ...more];
  }
  if (head === 'points') {
    const [i, k, ...more] = rest;
    if (k === 'dram_state_residency_s') return [head, i as string, 'residency_s', 'dram', ...more];
    const key = { energy_per_inference_J: 'energy_J', breakdown_J: 'energyByTerm_J', state_energy_J: 'stateEnergy_J' }[k as string] ?? k;
    return [head, i as string, key as string, ...more];
  }
  return old;
}

function leaves(v: unknown, path: string[] = [], out = new Map<string, unknown>()): Map<string, unknown> {
  if (typeof v === 'object' && v !== null) for (const [k, x] of Object.entries(v)) leaves(x, [...path, k], out);
  else out.set(path.join('/'), v);
  return out;
}

let compared = 0;
const problems: string[] = [];
for (const file of readdirSync('test/golden').filter((f) => /\.(csv|json)$/.test(f))) {
  const oldText = execFileSync('git', ['show', `${rev}:test/golden/${file}`], { encoding: 'utf8' });
  const newText = readFileSync(`test/golden/${file}`, 'utf8');
  if (file.endsWith('.json')) {
    const fresh = leaves(JSON.parse(newText));
    for (const [path, value] of leaves(JSON.parse(oldText))) {
      const to = newPath(path.split('/')).join('/');
      compared++;
      if (!fresh.has(to)) problems.push(`${file}: ${path} → ${to} missing`);
      else if (JSON.stringify(fresh.get(to)) !== JSON.stringify(value)) problems.push(`${file}: ${path} → ${to}: ${JSON.stringify(value)} ≠ ${JSON.stringify(fresh.get(to))}`);
    }
    continue;
  }
  const [oldHead = [], ...oldRows] = parseCsv(oldText);
  const [newHead = [], ...newRows] = parseCsv(newText);
  if (oldRows.length !== newRows.length) problems.push(`${file}: ${oldRows.length} rows before, ${newRows.length} after`);
  for (const [c, col] of oldHead.entries()) {
    const to = newColumn(file, col);
    const j = newHead.indexOf(to);
    if (j < 0) {
      // A column no old row filled (fused_into of a trace without fusion) is written only when some row has it.
      if (oldRows.some((row) => (row[c] ?? '') !== '')) problems.push(`${file}: column ${col} → ${to} missing`);
      continue;
    }
    for (const [r, row] of oldRows.entries()) {
      compared++;
      // A column an old row left empty (an infeasible point's figures) has no value to keep.
      if ((row[c] ?? '') === '') continue;
      if (row[c] !== newRows[r]?.[j]) problems.push(`${file} row ${r}: ${col} → ${to}: ${row[c]} ≠ ${newRows[r]?.[j]}`);
    }
  }
}
if (problems.length > 0) {
  console.log(problems.slice(0, 40).join('\n'));
  console.log(`${problems.length} differences in ${compared} values`);
  process.exit(1);
}
console.log(`golden files: ${compared} values of schema 1 found unchanged under their schema-2 names`);
