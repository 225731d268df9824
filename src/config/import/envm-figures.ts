import { UserError } from '../../errors.js';
import type { FigureOverridePoint } from '../../hw/memory-figures/figure-curves.js';
import { REFERENCE_ACCESS_WIDTH_CELLS, TECHNOLOGIES, type Technology } from '../../hw/memory-figures/reference-table.js';

/**
 * One characterized eNVM array, as NVSim or NVMExplorer report it, in the model's units: the figures
 * an `envm.overrides` point takes, plus the technology and the access width they were computed for.
 */
export interface ImportedArray {
  technology: Technology;
  bitsPerCell: number;
  /** NVSim's capacity counts cells: its MLC fork stores log2(levels) bits in each (reference/README.md). */
  capacity_cells: number;
  /** NVSim's word width, in cells. */
  accessWidth_cells: number;
  readLatency_ns: number;
  /** Per access of accessWidth_cells cells. */
  readEnergy_pJ_per_access: number;
  leakage_mW: number;
  area_mm2: number;
  /** Where in the file it came from, for messages ("line 3", "results.txt"). */
  origin: string;
}

/** The `envm` config fragment an import writes: technology, access width and one override point per array. */
export interface EnvmFragment {
  technology: Technology;
  accessWidth_cells: number;
  overrides: FigureOverridePoint[];
}

/** NVSim's and NVMExplorer's cell type names → the technologies maxnvm models. */
const CELL_TECHNOLOGY: ReadonlyArray<readonly [RegExp, Technology]> = [
  [/RRAM|memristor/i, 'RRAM'],
  [/CTT/i, 'CTT'],
  [/MRAM|STT/i, 'STT'],
  [/PCRAM|PCM|Phase-Change/i, 'PCM'],
  [/^\s*SRAM\s*$/i, 'SRAM'],
];

/** The technology of a cell type as the tool names it; another cell type (FeFET, NAND, DRAM) is refused. */
export function technologyOf(cellType: string, file: string, where: string): Technology {
  const hit = CELL_TECHNOLOGY.find(([re]) => re.test(cellType));
  if (hit === undefined) {
    throw new UserError(`cell type ${JSON.stringify(cellType.trim())} is not a technology maxnvm models`, {
      file,
      jsonPath: where,
      expected: `a cell of one of: ${TECHNOLOGIES.join(', ')} (NVSim: memristor/MLCRRAM, CTT/MLCCTT, MRAM, PCRAM, SRAM)`,
      suggestion: 'import figures of a modelled technology; others have no reference curve to compare with',
    });
  }
  return hit[1];
}

/**
 * The `envm` fragment of one or more arrays: override points as the model takes them (energy per
 * REFERENCE_ACCESS_WIDTH_CELLS-cell access; the model scales it back to accessWidth_cells, so the
 * simulated array reads exactly the imported energy per access).
 */
export function envmFragment(arrays: readonly ImportedArray[], file: string): EnvmFragment {
  const first = arrays[0];
  if (first === undefined) {
    throw new UserError('no array figures found to import', { file, expected: 'at least one complete result', suggestion: 'check that the file is the tool\'s result output' });
  }
  const seen = new Map<string, string>();
  for (const a of arrays) {
    const mismatch = a.technology !== first.technology ? 'technology' : a.accessWidth_cells !== first.accessWidth_cells ? 'word width' : undefined;
    if (mismatch !== undefined) {
      throw new UserError(`${a.origin} has another ${mismatch} than ${first.origin}: one eNVM has one technology and one access width`, {
        file,
        expected: `every imported array of ${first.technology} with ${first.accessWidth_cells}-cell words`,
        suggestion: 'import the arrays of one technology and word width together; write one fragment per system',
      });
    }
    const key = `${a.bitsPerCell}:${a.capacity_cells}`;
    const other = seen.get(key);
    if (other !== undefined) {
      throw new UserError(`${a.origin} and ${other} both characterize ${a.bitsPerCell} bit(s) per cell at ${a.capacity_cells} cells`, {
        file,
        expected: 'one array per bits per cell and capacity',
        suggestion: 'choose one of them (NVMExplorer: --row N)',
      });
    }
    seen.set(key, a.origin);
  }
  const overrides = [...arrays]
    .sort((x, y) => x.bitsPerCell - y.bitsPerCell || x.capacity_cells - y.capacity_cells)
    .map((a) => ({
      bitsPerCell: a.bitsPerCell,
      capacity_cells: a.capacity_cells,
      readLatency_ns: a.readLatency_ns,
      readEnergy_pJ_per_access: (a.readEnergy_pJ_per_access * REFERENCE_ACCESS_WIDTH_CELLS) / a.accessWidth_cells,
      leakage_mW: a.leakage_mW,
      area_mm2: a.area_mm2,
    }));
  return { technology: first.technology, accessWidth_cells: first.accessWidth_cells, overrides };
}
