import { atAccessWidth } from '../memory-figures/access-width.js';
import { checkedCurve, figureAt, type CapacityRule } from '../memory-figures/capacity-scaling.js';
import { curvesFor, figuresAt } from '../memory-figures/figure-curves.js';
import { CELLS_PER_KIB, REFERENCE_ACCESS_WIDTH_CELLS, REFERENCE_ROWS } from '../memory-figures/reference-table.js';
import type { SramParams } from './spec.js';

/**
 * Figures of the activation SRAM, derived from the one SRAM array the reference has
 * (2048 KiB, 64-bit word, reference/envm-arrays.csv; write figures from the same NVMExplorer
 * run) by the shared capacity rule: each bank is an array of capacity_B / banks bytes; with a
 * single reference point, latency and energy per access are those of the 2 MB array, and
 * leakage and area scale linearly with the cells (below 2 MB: conservative for latency and
 * energy, optimistic for area and leakage; beyond: tiles of 2 MB). Energy per access scales
 * with the access width. Overrides replace the derived values.
 *
 * No periphery floor (SRAM_RULE): with one point there is nothing to fit, and the default
 * buffer (2 MiB in 64 banks) is the characterized array itself, split as NVMExplorer's own
 * organization splits it; the eNVM floor, a fraction of a 128 KiB-cell array, does not carry
 * over to a 2 MiB one. Small SRAM buffers therefore remain optimistic in leakage and area.
 */

export interface SramFigures {
  readLatency_ns: number;
  writeLatency_ns: number;
  readEnergy_pJ_per_access: number;
  writeEnergy_pJ_per_access: number;
  /** Whole buffer, when on. */
  leakage_mW: number;
  /** Whole buffer. */
  area_mm2: number;
}

/** Write figures of the reference SRAM (see SRAM_WRITE_SOURCE in spec.ts). */
const SRAM_WRITE_LATENCY_NS = 4.679;
const SRAM_WRITE_ENERGY_PJ = 17.016;

/** Assumption (see above): linear below the one SRAM point, no periphery floor. */
const SRAM_RULE: CapacityRule = { peripheryFloor_fraction: 0 };

export function sramFigures(p: SramParams): SramFigures {
  const bankCells = Math.ceil((p.capacity_B * 8) / p.banks);
  const read = atAccessWidth(figuresAt(curvesFor('SRAM', 1), bankCells, SRAM_RULE), p.accessWidth_bits, REFERENCE_ACCESS_WIDTH_CELLS);
  const row = REFERENCE_ROWS.find((r) => r.technology === 'SRAM')!;
  const refCells = row.capacity_cells_KiB * CELLS_PER_KIB;
  const writeLatency = figureAt(checkedCurve([{ capacity_cells: refCells, value: SRAM_WRITE_LATENCY_NS }], 'SRAM write latency'), bankCells, 'latency', SRAM_RULE);
  const writeEnergy = figureAt(checkedCurve([{ capacity_cells: refCells, value: SRAM_WRITE_ENERGY_PJ }], 'SRAM write energy'), bankCells, 'perAccess', SRAM_RULE);
  const derived: SramFigures = {
    readLatency_ns: read.readLatency_ns,
    writeLatency_ns: writeLatency,
    readEnergy_pJ_per_access: read.readEnergy_pJ_per_access,
    writeEnergy_pJ_per_access: (writeEnergy * p.accessWidth_bits) / REFERENCE_ACCESS_WIDTH_CELLS,
    leakage_mW: p.banks * read.leakage_mW,
    area_mm2: p.banks * read.area_mm2,
  };
  return { ...derived, ...p.overrides };
}
