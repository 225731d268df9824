import { UserError } from '../../errors.js';
import { parseCsv } from '../../util/csv.js';
import { technologyOf, type ImportedArray } from './envm-figures.js';

/**
 * Result rows of NVMExplorer (lpentecost/NVMExplorer, the `*-combined.csv` files its run.py writes, e.g.
 * AE_dnn_output/RRAM_1BPC-combined.csv), read into array figures. Columns used: MemCellType, Capacity (MB),
 * WordWidth (bit), Bits Per Cell, Read Latency (ns), Read Energy (pJ), Leakage Power (mW), Area (mm^2);
 * OptimizationTarget and MemoryCellInputFile tell rows of different designs apart. NVMExplorer writes one row
 * per (array, benchmark): rows with the same array figures are one array. Rows whose figures are -1 (no valid
 * design, e.g. a cell that cannot meet the target) are skipped. NVMExplorer passes Capacity (MB) and
 * WordWidth (bit) to NVSim unchanged (nvmexplorer_src/input_defs/nvsim_interface.py) and the levels separately,
 * so they count cells, as in nvsim-results.ts.
 */

export const NVMEXPLORER_COLUMNS = {
  cell: 'MemCellType',
  capacity: 'Capacity (MB)',
  width: 'WordWidth (bit)',
  bitsPerCell: 'Bits Per Cell',
  latency: 'Read Latency (ns)',
  energy: 'Read Energy (pJ)',
  leakage: 'Leakage Power (mW)',
  area: 'Area (mm^2)',
} as const;

/** A distinct array of the file: its figures and the data rows (1 = first row after the header) that report it. */
export interface NvmexplorerArray extends ImportedArray {
  rows: number[];
  optimizationTarget: string;
  cellFile: string;
}

export function parseNvmexplorerCsv(text: string, file: string): NvmexplorerArray[] {
  const [header, ...data] = parseCsv(text);
  if (header === undefined) throw new UserError('the NVMExplorer CSV is empty', { file, expected: 'a header row and result rows', suggestion: 'give a *-combined.csv that NVMExplorer wrote' });
  const names = header.map((h) => h.trim());
  const col = (name: string): number => {
    const i = names.indexOf(name);
    if (i < 0) {
      throw new UserError(`the NVMExplorer CSV has no column "${name}"`, {
        file,
        jsonPath: 'row 0 (header)',
        expected: `NVMExplorer's result columns: ${Object.values(NVMEXPLORER_COLUMNS).join(', ')}`,
        suggestion: 'give the CSV NVMExplorer wrote (output/results/*-combined.csv), not an edited copy',
      });
    }
    return i;
  };
  const c = Object.fromEntries(Object.entries(NVMEXPLORER_COLUMNS).map(([k, name]) => [k, col(name)])) as Record<keyof typeof NVMEXPLORER_COLUMNS, number>;
  const opt = names.indexOf('OptimizationTarget');
  const cellFile = names.indexOf('MemoryCellInputFile');
  const byKey = new Map<string, NvmexplorerArray>();
  data.forEach((fields, i) => {
    const row = i + 1;
    const get = (k: keyof typeof NVMEXPLORER_COLUMNS): string => (fields[c[k]] ?? '').trim();
    const num = (k: keyof typeof NVMEXPLORER_COLUMNS): number => {
      const v = Number(get(k));
      if (get(k) === '' || !Number.isFinite(v)) {
        throw new UserError(`row ${row}: "${NVMEXPLORER_COLUMNS[k]}" is ${JSON.stringify(get(k))}, not a number`, { file, jsonPath: `row ${row}`, expected: 'a number', suggestion: 'check the row was not cut' });
      }
      return v;
    };
    const figures = [num('latency'), num('energy'), num('leakage'), num('area')];
    if (figures.some((v) => v <= 0)) return; // NVMExplorer's -1: no valid design for this row
    const bitsPerCell = num('bitsPerCell');
    const capacity_MB = num('capacity');
    const array: NvmexplorerArray = {
      technology: technologyOf(get('cell'), file, `row ${row}`),
      bitsPerCell,
      capacity_cells: capacity_MB * 1024 * 1024 * 8,
      accessWidth_cells: num('width'),
      readLatency_ns: figures[0]!,
      readEnergy_pJ_per_access: figures[1]!,
      leakage_mW: figures[2]!,
      area_mm2: figures[3]!,
      origin: `row ${row}${opt < 0 ? "" : ` (${(fields[opt] ?? "").trim()}${cellFile < 0 ? "" : `, ${(fields[cellFile] ?? "").trim()}`})`}`,
      rows: [row],
      optimizationTarget: opt < 0 ? '' : (fields[opt] ?? '').trim(),
      cellFile: cellFile < 0 ? '' : (fields[cellFile] ?? '').trim(),
    };
    const key = JSON.stringify([array.technology, bitsPerCell, array.capacity_cells, array.accessWidth_cells, ...figures]);
    const same = byKey.get(key);
    if (same !== undefined) same.rows.push(row);
    else byKey.set(key, array);
  });
  return [...byKey.values()];
}

/** The arrays reported by the chosen data rows (all when none are chosen). */
export function chooseRows(arrays: readonly NvmexplorerArray[], rows: readonly number[] | undefined, file: string): NvmexplorerArray[] {
  if (rows === undefined || rows.length === 0) return [...arrays];
  return rows.map((row) => {
    const hit = arrays.find((a) => a.rows.includes(row));
    if (hit === undefined) {
      throw new UserError(`row ${row} of the NVMExplorer CSV is not a valid result`, {
        file,
        jsonPath: `row ${row}`,
        expected: `a data row with figures (valid: ${arrays.map((a) => a.rows[0]).join(', ')})`,
        suggestion: 'rows are counted from 1 after the header; rows of -1 figures hold no design',
      });
    }
    return hit;
  });
}
